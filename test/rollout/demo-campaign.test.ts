/**
 * A campaign the way docs/rollout.md tells an adopter to try one: the demo in campaign mode
 * (`HARDENED_GO_GIT_HOST=github npm start`: the examples on the demo's loopback GitHub host,
 * packages/backend/src/demo/githubHost, read through Backstage's GitHub integration; GitHub
 * itself cannot be reached here), then the `hardened-go rollout apply` command the demo prints,
 * run as printed (a dry run), with --yes under a per-hour limit, and again (nothing new); the
 * portal's progress; the pull requests merged through GitHub's merge API; the services turn
 * compliant. Everything is the real thing in a child process: backend, catalog, scaffolder,
 * the harden template, the CLI.
 */
import { spawnSync } from 'node:child_process';
import { freePort } from '../support/freePort';
import { REPO_ROOT, eventually, startBackendProcess, testOverrides, type BackendProcess } from '../e2e/harness/backendProcess';
import { fetchLabels } from '../e2e/harness/catalog';
import { EXAMPLE_NAMES, expectedLabels } from '../e2e/harness/expectedExamples';
import { DEMO_GITHUB_TOKEN } from '../../packages/backend/src/demo/githubHost/demoGitHub';

jest.setTimeout(300_000);

const READY_LINE = /^hardened-go (ready|up, but .*) in [\d.]+s: .*$/m;

let backend: BackendProcess;
let backendUrl: string;
let githubUrl: string;

const drifted = Object.entries(expectedLabels())
  .filter(([, label]) => label === 'drifted')
  .map(([name]) => name)
  .sort();

interface Report {
  results: Array<{ entityRef: string; outcome: string; url?: string }>;
  totals: Record<string, number>;
  stopped?: { reason: string; resumeAfter: string };
}

function run(command: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('bash', ['-c', command], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 240_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The campaign command the demo printed under its ready line. */
function printedApply(): string {
  const line = backend
    .output()
    .split('\n')
    .find(l => l.includes('hardened-go rollout apply'));
  if (!line) throw new Error(`the demo printed no rollout apply command:\n${backend.output()}`);
  return line.trim();
}

async function openPullRequests(): Promise<Array<{ repo: string; number: number; url: string }>> {
  const out: Array<{ repo: string; number: number; url: string }> = [];
  for (const name of EXAMPLE_NAMES) {
    const res = await fetch(`${githubUrl}/api/v3/repos/examples/${name}/pulls?state=open`, { headers: { authorization: `token ${DEMO_GITHUB_TOKEN}` } });
    if (res.status === 404) continue;
    const pulls = (await res.json()) as Array<{ number: number; html_url: string }>;
    out.push(...pulls.map(p => ({ repo: `examples/${name}`, number: p.number, url: p.html_url })));
  }
  return out;
}

beforeAll(async () => {
  const port = await freePort();
  const githubPort = await freePort();
  backendUrl = `http://localhost:${port}`;
  githubUrl = `http://127.0.0.1:${githubPort}`;
  backend = await startBackendProcess({
    name: 'demo-campaign',
    entry: 'start',
    overrides: testOverrides({ port }),
    env: { HARDENED_GO_GIT_HOST: 'github', HARDENED_GO_EXAMPLES_PORT: String(githubPort) },
  });
  await backend.waitForOutput(READY_LINE, 150_000);
}, 200_000);

afterAll(async () => {
  await backend?.stop('SIGKILL');
});

describe('the demo in campaign mode, as docs/rollout.md has an adopter try it', () => {
  it('serves each example from its own repository on the GitHub host; the catalog labels them as in plain mode', async () => {
    expect(backend.output()).toContain(`GitHub host (campaign mode): ${githubUrl}`);
    expect(await fetchLabels(backendUrl, EXAMPLE_NAMES)).toEqual(expectedLabels());
    expect(drifted.length).toBeGreaterThan(3);
  });

  it('the printed command is a dry run over every drifted example', () => {
    const { status, stdout } = run(printedApply());
    expect(status).toBe(0);
    expect(stdout).toContain(`Dry run (nothing submitted; --yes to act): ${drifted.length} service(s) of template template:default/harden-dockerfile: ${drifted.length} would open`);
  });

  it('--yes under --per-hour 3 opens three pull requests on the host and defers the rest, saying when to resume', async () => {
    const { status, stdout } = run(`${printedApply()} --yes --concurrency 2 --per-hour 3 --format json`);
    expect(status).toBe(1);
    const report = JSON.parse(stdout) as Report;
    expect(report.totals).toEqual({ opened: 3, deferred: drifted.length - 3 });
    expect(report.stopped?.reason).toMatch(/^the per-hour limit \(--per-hour 3/);
    const open = await openPullRequests();
    expect(open.map(p => p.url).sort()).toEqual(report.results.filter(r => r.outcome === 'opened').map(r => r.url).sort());
  });

  it('a rerun opens nothing new: the three are already open and the hour is spent', async () => {
    const before = await openPullRequests();
    const { stdout } = run(`${printedApply()} --yes --concurrency 2 --per-hour 3 --format json`);
    expect((JSON.parse(stdout) as Report).totals).toEqual({ 'already-open': 3, deferred: drifted.length - 3 });
    expect(await openPullRequests()).toEqual(before);
  });

  it("the portal's progress shows each pull request open, read from the host (anonymous: the demo's auth policy is off)", async () => {
    const res = await fetch(`${backendUrl}/api/dockerfile-compliance/pull-requests`);
    expect(res.status).toBe(200);
    const progress = (await res.json()) as { items: Array<{ entityRef: string; taskStatus: string; pullRequest?: { url: string; state: string } }> };
    expect(progress.items.map(i => [i.taskStatus, i.pullRequest?.state])).toEqual(Array(3).fill(['completed', 'open']));
    expect(progress.items.map(i => i.pullRequest?.url).sort()).toEqual((await openPullRequests()).map(p => p.url).sort());
  });

  it('merged through the merge API, the hardened services turn compliant in the catalog', async () => {
    const open = await openPullRequests();
    for (const pr of open) {
      const res = await fetch(`${githubUrl}/api/v3/repos/${pr.repo}/pulls/${pr.number}/merge`, { method: 'PUT', headers: { authorization: `token ${DEMO_GITHUB_TOKEN}` } });
      expect(res.status).toBe(200);
    }
    const merged = open.map(p => p.repo.slice('examples/'.length));
    await eventually(
      'merged services labelled compliant',
      () => fetchLabels(backendUrl, merged),
      labels => merged.every(name => labels[name] === 'compliant'),
      120_000,
      1000,
    );
  });
});
