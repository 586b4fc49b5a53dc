/**
 * The loopback GitHub host (./githubServer.ts) proven with the real parts. GitHub cannot be
 * reached from the test machine, so this server stands in for it: a real HTTP server on
 * 127.0.0.1 speaking the subset of GitHub's REST API (Enterprise layout, /api/v3, plus the one
 * GraphQL query) that Backstage's GitHub integration (GithubUrlReader: readUrl, readTree) and
 * the scaffolder's `publish:github:pull-request` (octokit-plugin-create-pull-request) call, and
 * the pull-request reads (state, merged) a PR tracker makes. It models Git minimally (branches
 * -> commit -> tree -> blob, SHA-1 addressed) and GitHub's PR rules (one open PR per head and
 * base). It does not implement forks, reviewers, labels, checks, GitHub Apps, webhooks, or any
 * other GraphQL query; merges do not detect conflicts.
 *
 * A real backend (createBackend, config from YAML, SQLite, static token) with the catalog, the
 * scaffolder, its GitHub module and this repository's scaffolder module has one
 * `integrations.github` entry for the loopback host with a token. The catalog reads a Component
 * and a Template from the host; a scaffolder task (POST /api/scaffolder/v2/tasks, not a dry run)
 * fetches the service's directory (fetch:plain, readTree), hardens its Dockerfile and opens a
 * real pull request (publish:github:pull-request, update: true); a second run updates that PR
 * instead of opening another; a rate-limited host fails the task with GitHub's answer; a repoUrl
 * naming github.com reaches the loopback host through a github.com entry whose apiBaseUrl is the
 * loopback (what the harden-dockerfile template, which names github.com, needs); PRs are
 * merged and closed on the host and read back through its API. The integration's token is the
 * one the host receives, and it never appears in a task's log. The reader's other paths (raw
 * reads without a token, glob search through the trees API, ETags, rate limits) are checked
 * with Backstage's own UrlReaders on a second host.
 */
import { checkDockerfile, DEFAULT_POLICY } from '@hardened-go/plugin-dockerfile-compliance-common';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { stringify } from 'yaml';
import { eventually, startCatalogBackend, type CatalogBackend } from './catalogBackend';
import { rateLimitExceeded, secondaryRateLimit, startGitHubServer, type GitHubServer } from './githubServer';

jest.setTimeout(60_000);

/** The integration's token: distinctive, so a leak into a log would be found. */
const GITHUB_TOKEN = 'ghp_loopbackIntegrationToken0000000000001';
const REPO = 'acme/orders';
const SERVICE_DIR = 'services/api';
const BRANCH = 'hardened-go/harden-dockerfile';

const DRIFTED = `FROM golang:1.22-alpine AS build
WORKDIR /app
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -ldflags "-s -w" -o /bin/api ./cmd/api
FROM alpine:3.20
COPY --from=build /bin/api /usr/local/bin/api
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/api"]
`;

/** fetch:plain -> hardened-go:dockerfile:harden -> publish:github:pull-request, all against the loopback host. */
function template(): string {
  return stringify({
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: { name: 'loopback-pull-request', title: 'Harden a Dockerfile through a pull request' },
    spec: {
      owner: 'group:default/platform-team',
      type: 'maintenance',
      parameters: [
        {
          required: ['source', 'host', 'owner', 'repo', 'branchName'],
          properties: { source: { type: 'string' }, host: { type: 'string' }, owner: { type: 'string' }, repo: { type: 'string' }, branchName: { type: 'string' } },
        },
      ],
      steps: [
        { id: 'fetch', name: 'Fetch', action: 'fetch:plain', input: { url: '${{ parameters.source }}' } },
        {
          id: 'harden',
          name: 'Harden',
          action: 'hardened-go:dockerfile:harden',
          input: { path: 'Dockerfile', sourceLocation: '${{ parameters.source }}', addCheckWorkflow: false },
        },
        {
          id: 'pr',
          name: 'Pull request',
          action: 'publish:github:pull-request',
          input: {
            repoUrl: '${{ parameters.host }}?owner=${{ parameters.owner }}&repo=${{ parameters.repo }}',
            branchName: '${{ parameters.branchName }}',
            title: '${{ steps.harden.output.pullRequestTitle }}',
            description: '${{ steps.harden.output.pullRequestBody }}',
            commitMessage: '${{ steps.harden.output.commitMessage }}',
            targetPath: '${{ steps.harden.output.repoPath }}',
            filesToDelete: ['legacy.sh'],
            update: true,
          },
        },
      ],
      output: { links: [{ title: 'Pull request', url: '${{ steps.pr.output.remoteUrl }}' }] },
    },
  });
}

interface TaskEvent {
  type: string;
  body: { message?: string; status?: string; output?: { links?: Array<{ url?: string }> } };
}

let gh: GitHubServer;
let backend: CatalogBackend;

async function api<T = any>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${backend.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${backend.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** GitHub's API on the loopback host, as a client with the integration's token sees it. */
async function github(method: string, path: string, body?: unknown): Promise<{ status: number; headers: Headers; body: any }> {
  const res = await fetch(`${gh.apiBaseUrl}${path}`, {
    method,
    headers: { authorization: `token ${GITHUB_TOKEN}`, accept: 'application/vnd.github+json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

/** Runs the template as a real task and waits for it to end; returns its status and events. */
async function runTask(values: Record<string, unknown>): Promise<{ id: string; status: string; events: TaskEvent[] }> {
  const created = await api<{ id: string }>('POST', '/api/scaffolder/v2/tasks', { templateRef: 'template:default/loopback-pull-request', values });
  expect(created.status).toBe(201);
  const id = created.body.id;
  const status = await eventually(
    `task ${id}`,
    async () => {
      const task = await api<{ status: string }>('GET', `/api/scaffolder/v2/tasks/${id}`);
      return ['completed', 'failed', 'cancelled'].includes(task.body.status) ? task.body.status : undefined;
    },
    30_000,
    200,
  );
  const events = await api<TaskEvent[]>('GET', `/api/scaffolder/v2/tasks/${id}/events`);
  return { id, status, events: events.body };
}

const log = (events: TaskEvent[]) => events.map((e) => e.body.message ?? '').join('\n');
/** A task that did not complete fails the test with its log. */
function expectCompleted(task: { status: string; events: TaskEvent[] }) {
  if (task.status !== 'completed') throw new Error(`task ${task.status}:\n${log(task.events)}`);
}
const prLink = (events: TaskEvent[]) => events.find((e) => e.type === 'completion')?.body.output?.links?.[0]?.url;
/** Requests answered since index `from` (the task's, and any catalog refresh meanwhile), as `METHOD path`. */
const calls = (from: number) => gh.requests.slice(from).map((r) => `${r.method} ${r.path}`);

beforeAll(async () => {
  gh = await startGitHubServer({ token: GITHUB_TOKEN });
  gh.setFiles(REPO, {
    'README.md': '# orders\n',
    [`${SERVICE_DIR}/catalog-info.yaml`]: stringify({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'orders-api', annotations: { 'github.com/project-slug': REPO } },
      spec: { type: 'service', lifecycle: 'production', owner: 'group:default/team-a' },
    }),
    [`${SERVICE_DIR}/Dockerfile`]: DRIFTED,
    [`${SERVICE_DIR}/go.mod`]: 'module example.com/api\n\ngo 1.26.0\n',
    [`${SERVICE_DIR}/cmd/api/main.go`]: 'package main\n\nfunc main() {}\n',
    [`${SERVICE_DIR}/legacy.sh`]: '#!/bin/sh\nexec /usr/local/bin/api\n',
  });
  gh.setFile('acme/templates', 'loopback-pull-request.yaml', template());
  backend = await startCatalogBackend({
    config: {
      integrations: {
        github: [
          gh.integration(GITHUB_TOKEN),
          // What a template that names github.com (like harden-dockerfile's repoUrl) needs: github.com's API is the loopback host.
          { host: 'github.com', apiBaseUrl: gh.apiBaseUrl, token: GITHUB_TOKEN },
        ],
      },
      catalog: {
        processingInterval: { seconds: 1 },
        rules: [{ allow: ['Component', 'Location', 'Template'] }],
        locations: [
          { type: 'url', target: gh.webUrl(REPO, `${SERVICE_DIR}/catalog-info.yaml`) },
          { type: 'url', target: gh.webUrl('acme/templates', 'loopback-pull-request.yaml') },
        ],
      },
    },
    features: [
      import('@backstage/plugin-catalog-backend'),
      import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
      import('@backstage/plugin-scaffolder-backend'),
      import('@backstage/plugin-scaffolder-backend-module-github'),
      import('@hardened-go/plugin-scaffolder-backend-module-go-service'),
    ],
    closeDatabasesOf: ['catalog', 'scaffolder'],
  });
});

afterAll(async () => {
  await backend?.stop();
  await gh?.close();
});

describe('the loopback GitHub host with the real catalog and scaffolder', () => {
  // The API applies no defaults from the parameter schema (the form does): every value is given.
  const values = { source: '', host: '', owner: 'acme', repo: 'orders', branchName: BRANCH };
  let firstPrUrl: string | undefined;

  it('the catalog reads the component and the template through the GitHub integration', async () => {
    values.source = gh.treeUrl(REPO, SERVICE_DIR);
    values.host = gh.host;
    const entity = await eventually('orders-api in the catalog', async () => {
      const res = await api<Entity>('GET', '/api/catalog/entities/by-name/component/default/orders-api');
      return res.status === 200 ? res.body : undefined;
    });
    // The catalog records where it read the entity from: the directory, as a GitHub tree URL.
    expect(entity.metadata.annotations?.['backstage.io/source-location']).toBe(`url:${gh.treeUrl(REPO, SERVICE_DIR)}/`);
    await eventually('the template in the catalog', async () =>
      (await api('GET', '/api/catalog/entities/by-name/template/default/loopback-pull-request')).status === 200 ? true : undefined,
    );
    // GithubUrlReader.readUrl: the contents API with the raw media type, the integration's token.
    const read = gh.requests.find((r) => r.path === `/api/v3/repos/${REPO}/contents/${SERVICE_DIR}/catalog-info.yaml`);
    expect(read).toMatchObject({ method: 'GET', query: '?ref=main', status: expect.any(Number), token: GITHUB_TOKEN });
    expect([200, 304]).toContain(read!.status);
  });

  it('a scaffolder task (not a dry run) opens a real pull request with the changes on its branch', async () => {
    const mainBefore = gh.files(REPO);
    const from = gh.requests.length;
    const task = await runTask(values);
    expectCompleted(task);

    const prs = gh.pullRequests(REPO);
    expect(prs).toHaveLength(1);
    const pr = prs[0]!;
    expect(pr).toMatchObject({ number: 1, state: 'open', merged: false, head: BRANCH, base: 'main', title: 'Harden Dockerfile to the hardened Go standard v1' });
    expect(pr.body).toContain('### Dockerfile');
    expect(pr.commits.map((c) => c.message)).toEqual([expect.stringMatching(/^Harden Dockerfile to the hardened Go standard v1\n\nFixes GDS001, /)]);
    // Only what changed: the hardened Dockerfile, and the file the template deletes.
    expect(pr.files.map((f) => [f.filename, f.status])).toEqual([
      [`${SERVICE_DIR}/Dockerfile`, 'modified'],
      [`${SERVICE_DIR}/legacy.sh`, 'removed'],
    ]);
    const head = gh.files(REPO, BRANCH);
    expect(checkDockerfile(head[`${SERVICE_DIR}/Dockerfile`]!, DEFAULT_POLICY).status).toBe('compliant');
    expect(head[`${SERVICE_DIR}/legacy.sh`]).toBeUndefined();
    expect(head['README.md']).toBe('# orders\n');
    expect(gh.files(REPO)).toEqual(mainBefore);

    firstPrUrl = prLink(task.events);
    expect(firstPrUrl).toBe(`${gh.baseUrl}/${REPO}/pull/1`);
    expect(pr.html_url).toBe(firstPrUrl);

    // fetch:plain's readTree, then the PR plugin's sequence for a new branch and a new PR.
    const sequence = calls(from);
    expect(sequence).toEqual(
      expect.arrayContaining([
        `GET /api/v3/repos/${REPO}/commits/main/status`,
        `GET /api/v3/repos/${REPO}/tarball/${gh.branches(REPO).main}`,
        `GET /api/v3/repos/${REPO}`,
        `GET /api/v3/repos/${REPO}/commits`,
        `HEAD /api/v3/repos/${REPO}/contents/${SERVICE_DIR}/legacy.sh`,
        `POST /api/v3/repos/${REPO}/git/blobs`,
        `POST /api/v3/repos/${REPO}/git/trees`,
        `POST /api/v3/repos/${REPO}/git/commits`,
        'POST /api/graphql',
        `POST /api/v3/repos/${REPO}/git/refs`,
        `POST /api/v3/repos/${REPO}/pulls`,
      ]),
    );
    expect(sequence).not.toContain(`PATCH /api/v3/repos/${REPO}/pulls/1`);
    expect(gh.requests.slice(from).filter((r) => r.status >= 400)).toEqual([]);

    // The PR's state, read back the way a tracker reads it.
    const read = await github('GET', `/repos/${REPO}/pulls/1`);
    expect(read.body).toMatchObject({ number: 1, state: 'open', merged: false, merged_at: null, html_url: firstPrUrl, head: { ref: BRANCH }, base: { ref: 'main' } });
    const open = await github('GET', `/repos/${REPO}/pulls?head=acme:${encodeURIComponent(BRANCH)}&state=open`);
    expect(open.body.map((p: { number: number }) => p.number)).toEqual([1]);
    expect((await github('GET', `/repos/${REPO}/pulls?head=acme:other&state=open`)).body).toEqual([]);
  });

  it('a second run updates the same pull request (update: true) on top of the moved base, and GitHub refuses a duplicate', async () => {
    gh.setFile(REPO, 'README.md', '# orders\n\nMoved on.\n');
    const before = gh.branches(REPO)[BRANCH];
    const from = gh.requests.length;
    const task = await runTask(values);
    expectCompleted(task);
    expect(prLink(task.events)).toBe(firstPrUrl);

    const prs = gh.pullRequests(REPO);
    expect(prs.map((p) => [p.number, p.state])).toEqual([[1, 'open']]);
    const sequence = calls(from);
    expect(sequence).toContain(`PATCH /api/v3/repos/${REPO}/git/refs/heads/${BRANCH}`);
    expect(sequence).toContain(`PATCH /api/v3/repos/${REPO}/pulls/1`);
    expect(sequence).not.toContain(`POST /api/v3/repos/${REPO}/pulls`);
    expect(sequence).not.toContain(`POST /api/v3/repos/${REPO}/git/refs`);
    // The branch moved (force) to a new commit on the current main.
    expect(gh.branches(REPO)[BRANCH]).not.toBe(before);
    expect(gh.files(REPO, BRANCH)['README.md']).toBe('# orders\n\nMoved on.\n');
    expect(prs[0]!.files.map((f) => f.filename)).toEqual([`${SERVICE_DIR}/Dockerfile`, `${SERVICE_DIR}/legacy.sh`]);

    const duplicate = await github('POST', `/repos/${REPO}/pulls`, { head: `acme:${BRANCH}`, base: 'main', title: 'again' });
    expect(duplicate.status).toBe(422);
    expect(duplicate.body).toMatchObject({
      message: 'Validation Failed',
      errors: [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for acme:${BRANCH}.` }],
    });
  });

  it('a rate-limited host fails the task with GitHub\'s answer; a secondary limit once is retried by octokit', async () => {
    gh.failNext(`GET /api/v3/repos/${REPO}`, rateLimitExceeded({ resetInSeconds: 120 }));
    const limited = await runTask({ ...values, branchName: 'limited' });
    expect(limited.status).toBe('failed');
    expect(log(limited.events)).toContain('API rate limit exceeded');
    expect(gh.requests.filter((r) => r.fault).map((r) => [r.method, r.path, r.status])).toEqual([['GET', `/api/v3/repos/${REPO}`, 403]]);
    expect(gh.branches(REPO).limited).toBeUndefined();

    // The answer a client sees: GitHub's headers.
    gh.failNext(/^GET \/api\/v3\/repos\/acme\/orders\/pulls\/1$/, rateLimitExceeded({ status: 429, resetInSeconds: 30 }));
    const direct = await github('GET', `/repos/${REPO}/pulls/1`);
    expect(direct.status).toBe(429);
    expect(direct.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(direct.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);

    // 429 is not in octokit's doNotRetry list: the plugin-retry waits 1 s and asks again.
    gh.failNext((r) => r.method === 'POST' && r.path === `/api/v3/repos/${REPO}/pulls`, secondaryRateLimit({ status: 429, retryAfterSeconds: 1 }));
    const retried = await runTask({ ...values, branchName: 'retried' });
    expectCompleted(retried);
    expect(gh.pullRequests(REPO).map((p) => [p.number, p.head])).toEqual([
      [1, BRANCH],
      [2, 'retried'],
    ]);
  });

  it('a repoUrl on github.com reaches the loopback host through a github.com integration whose apiBaseUrl is the loopback', async () => {
    const from = gh.requests.length;
    const task = await runTask({ ...values, host: 'github.com', branchName: 'via-github-com' });
    expectCompleted(task);
    expect(prLink(task.events)).toBe(`${gh.baseUrl}/${REPO}/pull/3`);
    expect(gh.pullRequests(REPO)[2]).toMatchObject({ number: 3, head: 'via-github-com', state: 'open' });
    expect(calls(from)).toContain(`POST /api/v3/repos/${REPO}/pulls`);
  });

  it('merged and closed on the host, read back through the API', async () => {
    const mergeSha = gh.merge(REPO, 1);
    gh.closePullRequest(REPO, 2);
    gh.closePullRequest(REPO, 3);
    const main = gh.files(REPO);
    expect(checkDockerfile(main[`${SERVICE_DIR}/Dockerfile`]!, DEFAULT_POLICY).status).toBe('compliant');
    expect(main[`${SERVICE_DIR}/legacy.sh`]).toBeUndefined();
    expect(main['README.md']).toBe('# orders\n\nMoved on.\n');
    expect(gh.branches(REPO).main).toBe(mergeSha);

    const merged = await github('GET', `/repos/${REPO}/pulls/1`);
    expect(merged.body).toMatchObject({ state: 'closed', merged: true, merged_at: expect.any(String), merge_commit_sha: mergeSha });
    const closed = await github('GET', `/repos/${REPO}/pulls/2`);
    expect(closed.body).toMatchObject({ state: 'closed', merged: false, merged_at: null });
    expect((await github('GET', `/repos/${REPO}/pulls?state=open`)).body).toEqual([]);
    expect((await github('GET', `/repos/${REPO}/pulls?state=all`)).body.map((p: { number: number }) => p.number)).toEqual([3, 2, 1]);
    // The merged PR still lists what it changed.
    expect(gh.pullRequests(REPO)[0]!.files.map((f) => f.filename)).toEqual([`${SERVICE_DIR}/Dockerfile`, `${SERVICE_DIR}/legacy.sh`]);
  });

  it('the host received the integration\'s token and no other; no task log contains it', async () => {
    const toApi = gh.requests.filter((r) => r.path.startsWith('/api/'));
    expect(toApi.length).toBeGreaterThan(20);
    expect(new Set(toApi.map((r) => r.token))).toEqual(new Set([GITHUB_TOKEN]));
    const tasks = await api<{ tasks: Array<{ id: string }> }>('GET', '/api/scaffolder/v2/tasks');
    expect(tasks.body.tasks).toHaveLength(5);
    for (const { id } of tasks.body.tasks) {
      const events = await api('GET', `/api/scaffolder/v2/tasks/${id}/events`);
      const text = JSON.stringify(events.body);
      expect(text.length).toBeGreaterThan(100);
      expect(text).not.toContain(GITHUB_TOKEN);
      expect(text).not.toContain(backend.token);
    }
  });
});

describe("Backstage's GithubUrlReader on the loopback host, other paths", () => {
  let host: GitHubServer;
  const reader = (token?: string) =>
    UrlReaders.default({ logger: mockServices.logger.mock(), config: new ConfigReader({ integrations: { github: [host.integration(token)] } }) });

  beforeAll(async () => {
    host = await startGitHubServer({ token: GITHUB_TOKEN });
    host.setFiles('acme/mono', { 'services/a/catalog-info.yaml': 'a: 1\n', 'services/b/catalog-info.yaml': 'b: 2\n', 'services/b/Dockerfile': 'FROM scratch\n' });
  });
  afterAll(() => host?.close());

  it('reads with the token through the contents API, answers its ETag with 304, and a missing file with 404', async () => {
    const url = host.webUrl('acme/mono', 'services/a/catalog-info.yaml');
    const first = await reader(GITHUB_TOKEN).readUrl(url);
    expect((await first.buffer()).toString()).toBe('a: 1\n');
    expect(first.etag).toMatch(/^"[0-9a-f]{64}"$/);
    await expect(reader(GITHUB_TOKEN).readUrl(url, { etag: first.etag })).rejects.toMatchObject({ name: 'NotModifiedError' });
    await expect(reader(GITHUB_TOKEN).readUrl(host.webUrl('acme/mono', 'nope.yaml'))).rejects.toMatchObject({ name: 'NotFoundError' });
    expect(host.requests.at(-1)).toMatchObject({ path: '/api/v3/repos/acme/mono/contents/nope.yaml', status: 404, token: GITHUB_TOKEN });
  });

  it('without a token reads from rawBaseUrl', async () => {
    const res = await reader().readUrl(host.webUrl('acme/mono', 'services/b/Dockerfile'));
    expect((await res.buffer()).toString()).toBe('FROM scratch\n');
    expect(host.requests.at(-1)).toMatchObject({ method: 'GET', path: '/raw/acme/mono/main/services/b/Dockerfile', status: 200 });
    expect(host.requests.at(-1)!.token).toBeUndefined();
  });

  it('searches a glob through the commit status, the recursive tree and the blobs', async () => {
    const from = host.requests.length;
    const found = await reader(GITHUB_TOKEN).search(host.webUrl('acme/mono', 'services/*/catalog-info.yaml'));
    const files = await Promise.all(found.files.map(async (f) => [f.url, (await f.content()).toString()]));
    expect(files.sort()).toEqual([
      [host.webUrl('acme/mono', 'services/a/catalog-info.yaml'), 'a: 1\n'],
      [host.webUrl('acme/mono', 'services/b/catalog-info.yaml'), 'b: 2\n'],
    ]);
    expect(found.etag).toBe(host.branches('acme/mono').main);
    const paths = host.requests.slice(from).map((r) => r.path);
    expect(paths[0]).toBe('/api/v3/repos/acme/mono/commits/main/status');
    expect(paths[1]).toBe(`/api/v3/repos/acme/mono/git/trees/${found.etag}`);
    expect(paths.filter((p) => p.startsWith('/api/v3/repos/acme/mono/git/blobs/'))).toHaveLength(2);
  });

  it('a rate-limited answer is reported as such by the reader', async () => {
    host.failNext('/api/v3/repos/acme/mono/contents/services/a/catalog-info.yaml', rateLimitExceeded());
    await expect(reader(GITHUB_TOKEN).readUrl(host.webUrl('acme/mono', 'services/a/catalog-info.yaml'))).rejects.toThrow(/403 Forbidden \(rate limit exceeded\)/);
  });

  it('another token is refused', async () => {
    await expect(reader('ghp_wrong').readUrl(host.webUrl('acme/mono', 'services/a/catalog-info.yaml'))).rejects.toThrow(/401/);
  });
});
