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
 */
import type { Entity } from '@backstage/catalog-model';
import { run } from '@hardened-go/cli';
import { eventually } from '../support/catalogBackend';
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
    hardenedGo: { history: { enabled: false } },
    features: [import('@hardened-go/plugin-dockerfile-compliance-backend')],
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
});

afterAll(async () => {
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
});
