import { latestHardeningTasks, pullRequestUrlOf, summarise, type ScaffolderTask, type ScaffolderTaskEvent, type ScaffolderTasksClient } from './hardeningTasks';
import { parsePullRequestUrl, rateLimitedUntil } from './githubPullRequests';

const TEMPLATE = 'template:default/harden-dockerfile';
const NOW = new Date('2026-12-02T12:00:00Z');

/** Tasks and events in the shapes the scaffolder's REST API serialises them (recorded from a real backend). */
function scaffolder(tasks: ScaffolderTask[], events: Record<string, ScaffolderTaskEvent[]> = {}): ScaffolderTasksClient & { pages: number } {
  const client = {
    pages: 0,
    async listTasks(offset: number, limit: number) {
      client.pages++;
      return tasks.slice(offset, offset + limit);
    },
    async events(taskId: string) {
      return events[taskId] ?? [];
    },
  };
  return client;
}

const task = (id: string, entity: unknown, createdAt: string, status = 'completed', templateRef = TEMPLATE): ScaffolderTask => ({
  id,
  status,
  createdAt,
  spec: { templateInfo: { entityRef: templateRef }, parameters: { entity } },
});

describe('latestHardeningTasks', () => {
  it('keeps the newest task of the harden template per service (refs normalised), and counts the last hour', async () => {
    const client = scaffolder([
      task('t5', 'orders', '2026-12-02T11:50:00Z', 'processing'),
      task('t4', 'component:default/billing', '2026-12-02T11:20:00Z', 'failed'),
      task('t3', 'Component:Default/Orders', '2026-12-02T11:10:00Z'),
      task('t2', 'component:default/search', '2026-12-02T10:30:00Z', 'completed', 'template:default/other'),
      task('t1', 'component:default/billing', '2026-12-01T09:00:00Z'),
      task('t0', 42, '2026-12-01T08:00:00Z'),
    ]);
    const { latest, tasksLastHour, oldestTaskLastHour } = await latestHardeningTasks(client, { templateRef: TEMPLATE, maxTasks: 5000, now: NOW });
    expect([...latest.entries()].map(([ref, { task: t, status }]) => [ref, t.id, status])).toEqual([
      ['component:default/orders', 't5', 'processing'],
      ['component:default/billing', 't4', 'failed'],
    ]);
    expect({ tasksLastHour, oldestTaskLastHour }).toEqual({ tasksLastHour: 3, oldestTaskLastHour: '2026-12-02T11:10:00Z' });
  });

  it('reads at most maxTasks tasks, page by page', async () => {
    const many = Array.from({ length: 450 }, (_, i) => task(`t${i}`, `svc-${i}`, '2026-12-02T11:00:00Z'));
    const client = scaffolder(many);
    const { latest } = await latestHardeningTasks(client, { templateRef: TEMPLATE, maxTasks: 250, now: NOW });
    expect(latest.size).toBe(250);
    expect(client.pages).toBe(3);
  });
});

describe('summarise', () => {
  it("takes the pull request URL from the template's pullRequestUrl output, else its Pull request link", async () => {
    const client = scaffolder([], {
      a: [{ type: 'log', body: { message: 'x' } }, { type: 'completion', body: { output: { pullRequestUrl: 'https://github.com/acme/orders/pull/3' } } }],
      b: [{ type: 'completion', body: { output: { links: [{ title: 'Service', url: 'https://x' }, { title: 'Pull request', url: 'https://github.com/acme/b/pull/9' }] } } }],
    });
    expect((await summarise(client, 'component:default/orders', task('a', 'orders', NOW.toISOString()), 'completed')).pullRequest?.url).toBe('https://github.com/acme/orders/pull/3');
    expect((await summarise(client, 'component:default/b', task('b', 'b', NOW.toISOString()), 'completed')).pullRequest?.url).toBe('https://github.com/acme/b/pull/9');
    expect(pullRequestUrlOf({ pullRequestUrl: ['javascript', 'alert(1)'].join(':') })).toBeUndefined();
  });

  it("carries a failed task's error, and reads no events for a task still running", async () => {
    const client = scaffolder([], { f: [{ type: 'completion', body: { error: { message: 'publish: 403 API rate limit exceeded' } } }] });
    expect((await summarise(client, 'component:default/f', task('f', 'f', NOW.toISOString(), 'failed'), 'failed')).error).toBe('publish: 403 API rate limit exceeded');
    const running = await summarise({ ...client, events: () => Promise.reject(new Error('must not be read')) }, 'component:default/r', task('r', 'r', NOW.toISOString(), 'processing'), 'processing');
    expect(running).toEqual({ entityRef: 'component:default/r', taskId: 'r', taskStatus: 'processing', createdAt: NOW.toISOString() });
  });
});

describe('pull request URLs and rate limits', () => {
  it('parses GitHub and GitHub Enterprise pull request URLs, nothing else', () => {
    expect(parsePullRequestUrl('https://github.com/acme/orders/pull/12')).toEqual({ host: 'github.com', owner: 'acme', repo: 'orders', number: 12 });
    expect(parsePullRequestUrl('http://127.0.0.1:8123/acme/orders/pull/1/')).toEqual({ host: '127.0.0.1:8123', owner: 'acme', repo: 'orders', number: 1 });
    for (const bad of ['https://github.com/acme/orders/issues/12', 'ftp://github.com/a/b/pull/1', 'not a url', 'https://github.com/acme/orders/pull/12345678901']) {
      expect(parsePullRequestUrl(bad)).toBeUndefined();
    }
  });

  it('reads the reset time from the rate-limit headers GitHub sends on 403 and 429', () => {
    const now = Date.parse('2026-12-02T12:00:00Z');
    const h = (entries: Record<string, string>) => new Headers(entries);
    expect(rateLimitedUntil(403, h({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 600) }), now)).toBe(now + 600_000);
    expect(rateLimitedUntil(429, h({ 'retry-after': '30' }), now)).toBe(now + 30_000);
    expect(rateLimitedUntil(429, h({}), now)).toBe(now + 60_000);
    // a 403 that is a permission problem, not a rate limit
    expect(rateLimitedUntil(403, h({ 'x-ratelimit-remaining': '4999' }), now)).toBeUndefined();
    expect(rateLimitedUntil(404, h({ 'retry-after': '30' }), now)).toBeUndefined();
  });
});
