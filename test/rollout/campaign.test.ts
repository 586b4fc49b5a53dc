/**
 * A hardening campaign over 30 drifted services on the real backend: `hardened-go rollout
 * apply` (in-process, through the CLI's run()) submits the harden template as scaffolder tasks
 * through POST /api/scaffolder/v2/tasks with a static Backstage token; the real scaffolder runs
 * catalog:fetch, fetch:plain, hardened-go:dockerfile:harden and publish:github:pull-request,
 * which opens real pull requests on the loopback GitHub host (test/support/githubServer.ts:
 * GitHub cannot be reached here, so it stands in, speaking the part of GitHub's API the
 * integration and the action use, with GitHub's one-open-PR-per-branch rule). The campaign's
 * memory is the portal's: the dockerfile-compliance plugin's /pull-requests reads the
 * scaffolder's tasks and the PR states from the host through the GitHub integration.
 *
 * The world: 30 services of three teams, each in its own repository; svc-05 is not a Go build
 * (the fixer refuses it), svc-10 already has a hardening pull request opened by hand, and the
 * host fails svc-15's commit once (403, not a rate limit) and later with its rate limit spent.
 *
 * The compliance history is the plugin's own: its scheduled task (every second here) writes a
 * snapshot when today has none. A day passes in this test the only way one can in a few
 * seconds: the stored snapshots move one day back in the plugin's database (aDayPasses), and
 * the real scheduler writes today's.
 */
import type { Entity } from '@backstage/catalog-model';
import type { ComplianceHistory, ComplianceHistoryDay } from '@hardened-go/plugin-dockerfile-compliance-common';
import { run } from '@hardened-go/cli';
// the campaign's engine and its real portal client, for the one test that needs a hook between the plan and a service's turn
import { applyCampaign } from '../../packages/cli/src/rollout/apply';
import { portalClient, type PortalClient } from '../../packages/cli/src/rollout/portalClient';
import { eventually } from '../support/catalogBackend';
import { databaseProbe } from '../support/databaseClosers';
import { rateLimitExceeded } from '../support/githubServer';
import { GITHUB_TOKEN, TOKEN, fixableDockerfile, startPortal, type Portal, type Service } from './support/portal';

jest.setTimeout(420_000);

const BRANCH = 'hardened-go/harden-dockerfile';
const names = Array.from({ length: 30 }, (_, i) => `svc-${String(i + 1).padStart(2, '0')}`);
const NOT_GO = 'FROM node:22.11.0\nWORKDIR /app\nCOPY . .\nCMD ["node", "index.js"]\n';
const SERVICES: Service[] = names.map((name, i) => ({
  name,
  owner: `group:default/team-${'abc'[i % 3]}`,
  repo: `acme/${name}`,
  dir: '',
  dockerfile: name === 'svc-05' ? NOT_GO : fixableDockerfile(name),
}));

let portal: Portal;

/** The dockerfile-compliance plugin's database (the same client the plugin gets: one per plugin). */
const historyDatabase = databaseProbe('dockerfile-compliance');

const today = () => new Date().toISOString().slice(0, 10);
const shiftDay = (iso: string) => new Date(Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso) - 86_400_000).toISOString();

/** Moves every stored snapshot one day back, oldest first (the day is the primary key). */
async function aDayPasses(): Promise<void> {
  const knex = historyDatabase.client();
  const snapshots = await knex('compliance_snapshots').orderBy('day', 'asc').select<Array<{ day: string; taken_at: string }>>('day', 'taken_at');
  for (const { day, taken_at } of snapshots) {
    const earlier = shiftDay(day).slice(0, 10);
    await knex.transaction(async (tx) => {
      await tx('compliance_snapshots').where({ day }).update({ day: earlier, taken_at: shiftDay(taken_at) });
      await tx('compliance_snapshot_owners').where({ day }).update({ day: earlier });
      await tx('compliance_snapshot_rules').where({ day }).update({ day: earlier });
    });
  }
}

/** Services per status in one snapshot, summed over the owners. */
function statusCounts(day: ComplianceHistoryDay): Record<string, number> {
  const out: Record<string, number> = {};
  for (const o of day.byOwner) out[o.status] = (out[o.status] ?? 0) + o.services;
  return out;
}

/** Waits for the scheduler to write today's snapshot; returns the whole history. */
async function todaysSnapshot(): Promise<ComplianceHistory> {
  return eventually(
    "today's compliance snapshot",
    async () => {
      const res = await portal.request<ComplianceHistory>('GET', '/api/dockerfile-compliance/history?days=30');
      if (res.status !== 200) throw new Error(`GET /history -> ${res.status}`);
      if (res.body.days.at(-1)?.day !== today()) throw new Error(`no snapshot of ${today()} yet (days: ${res.body.days.map((d) => d.day).join(', ')})`);
      return res.body;
    },
    60_000,
    500,
  );
}

interface Report {
  dryRun: boolean;
  results: Array<{ entityRef: string; outcome: string; url?: string; reason?: string; taskId?: string }>;
  totals: Record<string, number>;
  tasksLastHourBefore: number;
  stopped?: { reason: string; resumeAfter: string };
}

async function apply(extra: string[]): Promise<{ code: number; report: Report; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(['rollout', 'apply', '--catalog', portal.baseUrl, '--format', 'json', '--timeout', '30', '--task-timeout', '180', ...extra], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: process.cwd(),
    isTTY: false,
    env: { BACKSTAGE_TOKEN: TOKEN },
  });
  let report: Report;
  try {
    report = JSON.parse(stdout);
  } catch {
    throw new Error(`rollout apply printed no JSON report (exit ${code}):\n${stdout}\n${stderr}`);
  }
  // neither the Backstage token nor the Git host's ever reaches the output
  for (const secret of [TOKEN, GITHUB_TOKEN]) expect(`${stdout}${stderr}`).not.toContain(secret);
  return { code, report, stdout, stderr };
}

const outcomeOf = (report: Report, name: string) => report.results.find((r) => r.entityRef === `component:default/${name}`);
const openPulls = () => portal.github.pullRequests().filter((p) => p.state === 'open');

/** The most scaffolder tasks queued or running at once while `work` runs, sampled every 50 ms. */
async function peakTasks<T>(work: Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = 0;
  let running = true;
  const sampler = (async () => {
    while (running) {
      const res = await portal.request<{ tasks: unknown[] }>('GET', '/api/scaffolder/v2/tasks?status=open&status=processing&limit=100');
      if (res.status === 200) peak = Math.max(peak, res.body.tasks.length);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  try {
    return { result: await work, peak };
  } finally {
    running = false;
    await sampler;
  }
}

async function labels(): Promise<Record<string, string | undefined>> {
  const out: Record<string, string | undefined> = {};
  for (const name of names) {
    const res = await portal.request<Entity>('GET', `/api/catalog/entities/by-name/component/default/${name}`);
    out[name] = res.status === 200 ? res.body.metadata.labels?.['hardened-go.io/dockerfile-compliance'] : undefined;
  }
  return out;
}

beforeAll(async () => {
  portal = await startPortal({
    services: SERVICES,
    hardenedGo: { history: { schedule: { frequency: { seconds: 1 }, timeout: { seconds: 30 }, initialDelay: { seconds: 0 } } } },
    features: [import('@hardened-go/plugin-dockerfile-compliance-backend'), historyDatabase.module],
    closeDatabasesOf: ['catalog', 'scaffolder', 'dockerfile-compliance'],
  });
  // svc-10: a hardening pull request someone opened by hand, on the branch the template uses
  portal.github.openPullRequest('acme/svc-10', { head: BRANCH, title: 'Harden the Dockerfile (by hand)', files: { Dockerfile: fixableDockerfile('svc-10').replace('FROM alpine:3.20', 'FROM scratch') } });
  await eventually(
    'all 30 services labelled drifted',
    async () => {
      const now = await labels();
      const notYet = names.filter((n) => now[n] !== 'drifted');
      if (notYet.length > 0) throw new Error(`not drifted yet: ${notYet.join(', ')}`);
      return true;
    },
    180_000,
    1000,
  );
  // the snapshot the scheduler took at startup saw a catalog still being read: a day passes, and
  // today's snapshot is the campaign's starting point
  await aDayPasses();
  const history = await todaysSnapshot();
  expect(statusCounts(history.days.at(-1)!)).toEqual({ drifted: 30 });
});

afterAll(async () => {
  // A task still running when the backend stops keeps its connections to the host open, and
  // Jest from exiting: the backend stops once the scaffolder has none.
  if (portal) {
    await eventually(
      'no scaffolder task queued or running',
      async () => {
        const res = await portal.request<{ tasks: unknown[] }>('GET', '/api/scaffolder/v2/tasks?status=open&status=processing&limit=100');
        if (res.status !== 200 || res.body.tasks.length > 0) throw new Error(`HTTP ${res.status}, ${res.body.tasks?.length} task(s)`);
        return true;
      },
      60_000,
      250,
    );
  }
  await portal?.stop();
});

describe('hardened-go rollout apply, a campaign over 30 drifted services', () => {
  it('dry run by default: says what it would do, submits nothing, and refuses svc-05 with the fixer\'s reason', async () => {
    const { code, report } = await apply(['--all']);
    expect(code).toBe(0);
    expect(report.dryRun).toBe(true);
    expect(report.totals).toEqual({ 'would-open': 29, refused: 1 });
    expect(outcomeOf(report, 'svc-05')).toMatchObject({ outcome: 'refused', reason: expect.stringMatching(/^Dockerfile: .+/) });
    const tasks = await portal.request<{ totalTasks: number }>('GET', '/api/scaffolder/v2/tasks');
    expect(tasks.body.totalTasks).toBe(0);
    expect(openPulls().map((p) => p.repo)).toEqual(['acme/svc-10']);
  });

  it('with --yes: opens the pull requests, 5 tasks at a time; one task fails and is reported; the PR that existed is updated, not doubled', async () => {
    portal.github.failNext('POST /api/v3/repos/acme/svc-15/git/trees', { status: 403, body: { message: 'Resource not accessible by integration' } });
    const { result, peak } = await peakTasks(apply(['--all', '--yes', '--concurrency', '5', '--per-hour', '100']));
    const { code, report } = result;
    expect(peak).toBeLessThanOrEqual(5);
    expect(peak).toBeGreaterThanOrEqual(2);
    expect(code).toBe(1); // a task failed: a rerun has work
    expect(report.totals).toEqual({ opened: 28, refused: 1, failed: 1 });
    expect(outcomeOf(report, 'svc-15')).toMatchObject({ outcome: 'failed', reason: expect.stringContaining('Resource not accessible by integration'), taskId: expect.any(String) });

    // one open pull request per service that was fixable, each changing its Dockerfile on the template's branch
    const open = openPulls();
    expect(open.map((p) => p.repo).sort()).toEqual(names.filter((n) => n !== 'svc-05' && n !== 'svc-15').map((n) => `acme/${n}`));
    for (const pr of open) {
      expect(pr.head).toBe(BRANCH);
      expect(pr.files.map((f) => f.filename)).toContain('Dockerfile');
    }
    // svc-10's hand-made pull request was updated by the task, not doubled
    expect(portal.github.pullRequests('acme/svc-10')).toHaveLength(1);
    expect(outcomeOf(report, 'svc-10')!.url).toBe(portal.github.pullRequests('acme/svc-10')[0]!.html_url);
    // each result's URL is its pull request's
    for (const pr of open) expect(outcomeOf(report, pr.repo.slice('acme/'.length))?.url).toBe(pr.html_url);
    // the integration's token reached the host, and no task log carries it
    const logged = await portal.request<Array<{ body: { message?: string } }>>('GET', `/api/scaffolder/v2/tasks/${outcomeOf(report, 'svc-01')!.taskId}/events`);
    expect(JSON.stringify(logged.body)).not.toContain(GITHUB_TOKEN);
    expect(portal.github.requests.filter((r) => r.path.startsWith('/api/v3/')).every((r) => r.token === GITHUB_TOKEN)).toBe(true);
  });

  it('the portal reports each service\'s progress: task and pull request state, read from the host', async () => {
    const progress = await portal.request<{ tasksLastHour: number; items: Array<{ entityRef: string; taskStatus: string; pullRequest?: { state: string; url: string } }> }>(
      'GET',
      '/api/dockerfile-compliance/pull-requests',
    );
    expect(progress.status).toBe(200);
    expect(progress.body.tasksLastHour).toBe(29);
    const byRef = new Map(progress.body.items.map((i) => [i.entityRef, i]));
    expect(byRef.get('component:default/svc-01')).toMatchObject({ taskStatus: 'completed', pullRequest: { state: 'open' } });
    expect(byRef.get('component:default/svc-15')).toMatchObject({ taskStatus: 'failed' });
    expect(byRef.has('component:default/svc-05')).toBe(false);
  });

  it('a rerun opens nothing new: the per-hour limit (earlier runs count) defers the retry and says when to resume', async () => {
    const before = portal.github.pullRequests().length;
    const { code, report } = await apply(['--all', '--yes', '--per-hour', '29']);
    expect(code).toBe(1);
    expect(report.totals).toEqual({ 'already-open': 28, refused: 1, deferred: 1 });
    expect(report.tasksLastHourBefore).toBe(29);
    expect(report.stopped?.reason).toMatch(/per-hour limit \(--per-hour 29; 29 task\(s\)/);
    expect(Date.parse(report.stopped!.resumeAfter)).toBeGreaterThan(Date.now());
    expect(portal.github.pullRequests()).toHaveLength(before);
  });

  it('a rerun retries the failed task; a Git host with its rate limit spent stops the run, which says when to resume', async () => {
    const before = portal.github.pullRequests().length;
    portal.github.failNext('POST /api/v3/repos/acme/svc-15/git/trees', rateLimitExceeded());
    const { code, report } = await apply(['--all', '--yes', '--per-hour', '100']);
    expect(code).toBe(1);
    expect(report.totals).toEqual({ 'already-open': 28, refused: 1, failed: 1 });
    expect(outcomeOf(report, 'svc-15')!.reason).toMatch(/API rate limit exceeded/);
    expect(report.stopped?.reason).toMatch(/^the Git host is rate limiting/);
    expect(Date.parse(report.stopped!.resumeAfter)).toBeGreaterThan(Date.now());
    expect(portal.github.pullRequests()).toHaveLength(before);
  });

  it('a service that leaves the catalog mid-run is skipped: no task, no pull request', async () => {
    const catalogFile = portal.github.files('acme/catalog')['all.yaml']!;
    const svc15 = (await portal.request<Entity>('GET', '/api/catalog/entities/by-name/component/default/svc-15')).body;
    const tasksBefore = await portal.request<{ totalTasks?: number; tasks: unknown[] }>('GET', '/api/scaffolder/v2/tasks?limit=1000');
    // The run's own portal client, which reads the catalog for real; it takes svc-15 out of the
    // catalog at the moment the run reaches it, after the run's plan was read (the window the
    // check exists for): out of the location first, so the catalog does not bring it back.
    const client = portalClient({ portalUrl: portal.baseUrl, token: TOKEN, timeoutMs: 30_000 });
    const leaving: PortalClient = {
      ...client,
      async entityExists(entityRef) {
        portal.github.setFile('acme/catalog', 'all.yaml', catalogFile.replace(/^.*\/acme\/svc-15\/.*\n/m, ''));
        // the catalog marks it an orphan, and (orphanStrategy delete, Backstage's default) removes it
        const orphaned = await eventually(
          'svc-15 out of its location',
          async () => {
            const res = await portal.request<Entity>('GET', '/api/catalog/entities/by-name/component/default/svc-15');
            if (res.status === 404) return false;
            if (res.body.metadata.annotations?.['backstage.io/orphan'] !== 'true') throw new Error('still in its location');
            return true;
          },
          60_000,
          250,
        );
        if (orphaned) expect([204, 404]).toContain((await portal.request('DELETE', `/api/catalog/entities/by-uid/${svc15.metadata.uid}`)).status);
        return client.entityExists(entityRef);
      },
    };
    try {
      const report = await applyCampaign({
        client: leaving,
        templateRef: 'template:default/harden-dockerfile',
        services: [{ entityRef: 'component:default/svc-15', owner: 'group:default/team-c', files: [] }],
        yes: true,
        concurrency: 5,
        perHour: 100,
        reopenClosed: false,
        pollMs: 500,
        taskTimeoutMs: 60_000,
        now: () => new Date(),
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      });
      expect(report.results).toEqual([{ entityRef: 'component:default/svc-15', owner: 'group:default/team-c', outcome: 'gone', reason: 'no longer in the catalog' }]);
      const tasksAfter = await portal.request<{ tasks: unknown[] }>('GET', '/api/scaffolder/v2/tasks?limit=1000');
      expect(tasksAfter.body.tasks).toHaveLength(tasksBefore.body.tasks.length);
      expect(portal.github.pullRequests('acme/svc-15')).toEqual([]);
    } finally {
      // back in its location: the catalog reads it again (the next test waits for its label)
      portal.github.setFile('acme/catalog', 'all.yaml', catalogFile);
    }
  });

  it('after the pull requests are merged, the services turn compliant; two runs at once open one pull request for the last one', async () => {
    for (const pr of openPulls()) portal.github.merge(pr.repo, pr.number);
    await eventually(
      'merged services labelled compliant',
      async () => {
        const now = await labels();
        const wrong = names.filter((n) => now[n] !== (n === 'svc-05' || n === 'svc-15' ? 'drifted' : 'compliant'));
        if (wrong.length > 0) throw new Error(`not relabelled yet: ${wrong.map((n) => `${n}=${now[n]}`).join(', ')}`);
        return true;
      },
      180_000,
      1000,
    );
    const [a, b] = await Promise.all([apply(['--all', '--yes']), apply(['--all', '--yes'])]);
    const outcomes = [outcomeOf(a.report, 'svc-15')!.outcome, outcomeOf(b.report, 'svc-15')!.outcome];
    expect(outcomes).toContain('opened');
    // the second either saw the first's task, or its task found the first's pull request on the branch
    expect(portal.github.pullRequests('acme/svc-15').filter((p) => p.state === 'open')).toHaveLength(1);
    for (const r of [a.report, b.report]) expect(r.results.map((x) => x.entityRef).sort()).toEqual(['component:default/svc-05', 'component:default/svc-15']);
  });

  it("the history's next snapshot shows the campaign: 30 drifted the day before, 28 compliant the next day", async () => {
    const before = await todaysSnapshot();
    expect(before.days.filter((d) => d.day === today())).toHaveLength(1);
    await aDayPasses();
    const history = await todaysSnapshot();
    const [previous, latest] = history.days.slice(-2);
    expect(previous!.day).toBe(shiftDay(today()).slice(0, 10));
    expect(statusCounts(previous!)).toEqual({ drifted: 30 });
    expect(latest!.services).toBe(30);
    expect(statusCounts(latest!)).toEqual({ compliant: 28, drifted: 2 });
    // per owner: svc-05 is team-b's (i = 4), svc-15 team-c's (i = 14)
    expect(latest!.byOwner.filter((o) => o.status === 'drifted')).toEqual([
      { owner: 'group:default/team-b', status: 'drifted', services: 1 },
      { owner: 'group:default/team-c', status: 'drifted', services: 1 },
    ]);
    // the rules the two left-over services still break; the day before, every service broke GDS005
    expect(previous!.byRule.find((r) => r.rule === 'GDS005')?.services).toBe(29);
    expect(Math.max(...latest!.byRule.map((r) => r.services))).toBeLessThanOrEqual(2);
    // the deadlines the burndown marks come with it
    expect(history.deadlines).toEqual([
      { day: '2000-01-01', rules: ['GDS005'] },
      { day: '2999-01-01', rules: ['GDS007'] },
    ]);
  });
});
