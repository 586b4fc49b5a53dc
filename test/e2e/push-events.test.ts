/**
 * Push events, and refresh requests through the plugin, on the real backend (packages/backend, bare `index.ts`, the repository's
 * app-config.yaml with the events backend and its GitHub and GitLab modules), with
 * `catalog.processingInterval` at an hour and `hardenedGo.catalog.revalidateAfter` at an hour,
 * so nothing but the event can make the label change. The example repositories are served
 * over HTTP from a copy; a push payload names that server as the repository (GitHub itself
 * cannot exist here: the payload is GitHub's push format, signed as GitHub signs it).
 */
import { createHmac } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { startExampleRepositoryServer, type ExampleRepositoryServer } from '../../packages/backend/src/demo/exampleRepositoryServer';
import { copyExamples, eventually, startBackendProcess, testOverrides, type BackendProcess } from './harness/backendProcess';
import { fetchOutcomes } from './harness/catalog';
import { freePort } from '../support/freePort';

const SECRET = 'push-events-test-secret';
const GITLAB_TOKEN = 'push-events-test-gitlab-token';
const OPS_TOKEN = 'push-events-test-ops-token';

let examplesDir: string;
let examples: ExampleRepositoryServer;
let backend: BackendProcess;
let url: string;

beforeAll(async () => {
  examplesDir = await copyExamples();
  examples = await startExampleRepositoryServer({ rootDir: examplesDir, port: 0 });
  const port = await freePort();
  url = `http://localhost:${port}`;
  const overrides = testOverrides({ port });
  // an operator's token besides the demo's policy token (which may read the policy only, so the catalog refuses its refresh)
  (overrides.backend as Record<string, unknown>).auth = {
    externalAccess: [
      { type: 'static', options: { token: OPS_TOKEN, subject: 'ops' } },
      { type: 'static', options: { token: 'hardened-go-demo-token', subject: 'hardened-go-ci' }, accessRestrictions: [{ plugin: 'dockerfile-compliance' }] },
    ],
  };
  backend = await startBackendProcess({
    name: 'push-events',
    entry: 'index',
    overrides: {
      ...overrides,
      catalog: { processingInterval: { hours: 1 } },
      hardenedGo: { catalog: { revalidateAfter: '1h' } },
      events: { modules: { gitlab: { webhookSecret: GITLAB_TOKEN } } },
    },
    env: { HARDENED_GO_EXAMPLES_PORT: String(examples.port), GITHUB_WEBHOOK_SECRET: SECRET },
  });
  // the first processing of every entity happens at once, whatever the interval
  await eventually('the first labels', () => fetchOutcomes(url, ['notifications-service', 'orders-worker']), o => o['notifications-service']?.label === 'drifted' && o['orders-worker']?.label === 'drifted', 120_000);
}, 180_000);

afterAll(async () => {
  await backend?.stop('SIGTERM', 30_000);
  await examples?.close();
  if (examplesDir) await fs.rm(examplesDir, { recursive: true, force: true });
});

/** notifications-service's Dockerfile without its only finding (GDS017: a secret in ENV). */
async function fixNotifications() {
  const file = path.join(examplesDir, 'notifications-service', 'Dockerfile');
  const payments = await fs.readFile(path.join(examplesDir, 'payments-api', 'Dockerfile'), 'utf8');
  await fs.writeFile(file, payments.replace(/payments-api/g, 'notifications-service'));
}

function githubPush(paths: string[], ref = 'refs/heads/main') {
  return JSON.stringify({
    ref,
    repository: { full_name: 'acme/examples', html_url: examples.url, default_branch: 'main' },
    commits: [{ id: 'c0ffee', added: [], modified: paths, removed: [] }],
  });
}

function post(topic: 'github' | 'gitlab', body: string, headers: Record<string, string>) {
  return fetch(`${url}/api/events/http/${topic}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
}

const label = async (name: string) => (await fetchOutcomes(url, [name]))[name]?.label;

describe('push events on the real backend', () => {
  it('a signed GitHub push flips a label within seconds; unsigned or badly signed ones change nothing', async () => {
    await fixNotifications();
    const body = githubPush(['notifications-service/Dockerfile']);

    const unsigned = await post('github', body, { 'X-GitHub-Event': 'push' });
    const forged = await post('github', body, { 'X-GitHub-Event': 'push', 'X-Hub-Signature-256': `sha256=${createHmac('sha256', 'wrong').update(body).digest('hex')}` });
    expect([unsigned.status, forged.status]).toEqual([403, 403]);
    // a push to another branch, signed: accepted, and ignored
    const otherBranch = githubPush(['notifications-service/Dockerfile'], 'refs/heads/feature');
    expect((await post('github', otherBranch, { 'X-GitHub-Event': 'push', 'X-Hub-Signature-256': `sha256=${createHmac('sha256', SECRET).update(otherBranch).digest('hex')}` })).status).toBe(202);
    await new Promise(resolve => setTimeout(resolve, 4000));
    expect(await label('notifications-service')).toBe('drifted');
    // each refused request is logged once (the request log), and nothing was refreshed
    expect(backend.output().match(/POST \/api\/events\/http\/github HTTP\/1\.1" 403/g)).toHaveLength(2);
    expect(backend.output()).not.toContain('push to ');

    const started = Date.now();
    const signed = await post('github', body, { 'X-GitHub-Event': 'push', 'X-Hub-Signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}` });
    expect(signed.status).toBe(202);
    await eventually('notifications-service compliant', () => label('notifications-service'), l => l === 'compliant', 10_000, 200);
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(`push to label: ${seconds.toFixed(1)} s\n`);
    expect(seconds).toBeLessThan(10);
    expect(backend.output()).toMatch(/push to http:\/\/127\.0\.0\.1:\d+: refreshing component:default\/notifications-service\s/);
  }, 60_000);

  it('the catalog\'s refresh re-uses the cached verdict within revalidateAfter; a refresh through the plugin checks', async () => {
    const file = path.join(examplesDir, 'reports-job', 'Dockerfile');
    await fs.writeFile(file, (await fs.readFile(path.join(examplesDir, 'payments-api', 'Dockerfile'), 'utf8')).replace(/payments-api/g, 'reports-job'));
    const refresh = (route: string, headers: Record<string, string> = {}) =>
      fetch(`${url}${route}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ entityRef: 'component:default/reports-job' }) });
    expect((await refresh('/api/catalog/refresh')).status).toBe(200);
    await new Promise(resolve => setTimeout(resolve, 3000));
    expect(await label('reports-job')).toBe('drifted');
    // the plugin's refresh needs a token (the demo's policy token here) and refuses what is not an entity
    expect((await refresh('/api/dockerfile-compliance/refresh')).status).toBe(401);
    const token = { Authorization: 'Bearer hardened-go-demo-token' };
    const bad = await fetch(`${url}/api/dockerfile-compliance/refresh`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...token }, body: '{"entityRef":"::"}' });
    expect(bad.status).toBe(400);
    // a token that may not refresh catalog entities is refused by the catalog (403), whatever it may do here
    expect((await refresh('/api/dockerfile-compliance/refresh', token)).status).toBe(403);
    expect((await refresh('/api/dockerfile-compliance/refresh', { Authorization: `Bearer ${OPS_TOKEN}` })).status).toBe(202);
    await eventually('reports-job compliant', () => label('reports-job'), l => l === 'compliant', 10_000, 200);
  }, 60_000);

  it('a GitLab push with the right token refreshes too', async () => {
    const file = path.join(examplesDir, 'orders-worker', 'Dockerfile');
    await fs.writeFile(file, (await fs.readFile(path.join(examplesDir, 'payments-api', 'Dockerfile'), 'utf8')).replace(/payments-api/g, 'orders-worker'));
    const body = JSON.stringify({
      object_kind: 'push',
      event_name: 'push',
      ref: 'refs/heads/main',
      project: { web_url: examples.url, default_branch: 'main' },
      total_commits_count: 1,
      commits: [{ id: 'c0ffee', added: [], modified: ['orders-worker/Dockerfile'], removed: [] }],
    });
    expect((await post('gitlab', body, { 'X-Gitlab-Event': 'Push Hook', 'X-Gitlab-Token': 'wrong' })).status).toBe(403);
    expect((await post('gitlab', body, { 'X-Gitlab-Event': 'Push Hook', 'X-Gitlab-Token': GITLAB_TOKEN })).status).toBe(202);
    await eventually('orders-worker compliant', () => label('orders-worker'), l => l === 'compliant', 10_000, 200);
  }, 60_000);
});
