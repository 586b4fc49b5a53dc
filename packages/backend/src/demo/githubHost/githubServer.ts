/**
 * A loopback stand-in for GitHub (Enterprise-style: REST under /api/v3, GraphQL at
 * /api/graphql): the Git host of the demo's campaign mode (./demoGitHub.ts), and shared by
 * every suite that needs one (GitHub cannot be reached from the test machine). This real HTTP server on 127.0.0.1 answers the part of GitHub's API
 * that Backstage's GitHub integration and the scaffolder's `publish:github:pull-request` call.
 * Point an `integrations.github` entry at it (`server.integration(token)`), then the real
 * GithubUrlReader, catalog, `fetch:plain` and `publish:github:pull-request` work against it.
 *
 * Routes (the caller that uses each, as read in the installed code):
 *   GET  /api/v3/repos/{o}/{r}                          octokit-plugin-create-pull-request (permissions,
 *                                                       default_branch); GithubUrlReader.getDefaultBranch
 *   GET  /api/v3/repos/{o}/{r}/contents/{path}?ref=     GithubUrlReader.readUrl (Accept: application/vnd.github.v3.raw:
 *        (and HEAD)                                     raw bytes, ETag, 304); JSON (base64) otherwise; the
 *                                                       PR plugin's HEAD for filesToDelete
 *   GET  /api/v3/repos/{o}/{r}/commits/{ref}/status     GithubUrlReader.readTree/search (sha + repository.archive_url)
 *   GET  /api/v3/repos/{o}/{r}/tarball/{sha}            readTree: 302 to /_codeload/{o}/{r}/legacy.tar.gz/{sha}
 *   GET  /api/v3/repos/{o}/{r}/git/trees/{sha}?recursive=true, /git/blobs/{sha}    GithubUrlReader.search (globs)
 *   GET  /api/v3/repos/{o}/{r}/commits?sha={base}&per_page=1                        PR plugin: the base's head commit
 *   POST /api/v3/repos/{o}/{r}/git/blobs, /git/trees (base_tree), /git/commits      PR plugin: the new commit
 *   POST /api/graphql  (only `repository.ref(qualifiedName).associatedPullRequests(states: OPEN)`)
 *                                                       PR plugin: does the branch exist, has it an open PR
 *   POST /api/v3/repos/{o}/{r}/git/refs, PATCH /git/refs/heads/{branch} (force)     PR plugin: create or move the branch
 *   POST /api/v3/repos/{o}/{r}/pulls, PATCH /pulls/{n}  PR plugin: open the PR, or update it (update: true)
 *   GET  /api/v3/repos/{o}/{r}/pulls?state=&head=owner:branch&base=, GET /pulls/{n}, GET /pulls/{n}/files,
 *        PUT /pulls/{n}/merge, GET /repos/{o}/{r}/commits/{ref}, GET /git/commits/{sha}, GET /git/ref/{ref},
 *        DELETE /git/refs/{ref}, GET /api/v3/user        PR-state reads and tests
 *   GET  /raw/{o}/{r}/{ref}/{path}                      the integration's rawBaseUrl (read without a token)
 *   GET  /{o}/{r}/blob|tree/{ref}/{path}, /{o}/{r}/pull/{n}   web pages (HTML), as the URLs Backstage stores
 * Not implemented: forks (a token always has push access, so the plugin never forks), reviewers,
 * assignees, labels, checks, GitHub Apps, webhooks, and any other GraphQL query (answered with
 * a GraphQL error). A merge applies the head's changes onto the base without conflict detection.
 *
 * Git is modelled minimally but faithfully (./gitObjects.ts): branches -> commit -> tree ->
 * blob, SHA-1 addressed; a branch update moves its ref; one open PR per head and base.
 * Faults: `failNext(matcher, fault)` answers the next matching request(s) with any status and
 * headers, e.g. `failNext('POST /api/v3/repos/acme/orders/pulls', rateLimitExceeded())`.
 * Files are answered (ETag, 304, raw bytes) and the server run by the demo backend's
 * ../repositoryHttp.ts, like test/support/repoServer.ts; tarballs by ./tarball.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { etagOf, ifNoneMatchHits, sendFile, startLoopbackServer } from '../repositoryHttp';
import { tarGz } from './tarball';
import { GitRepository, isoNow, type Commit, type FileChange, type Signature } from './gitObjects';

export interface GitHubServerOptions {
  /**
   * The only token accepted (`Authorization: Bearer|token <token>`); any other gets 401 Bad credentials.
   * Default: any token. Without a token a client may read (the repositories are public), not write.
   */
  token?: string;
  /** The token's user: GET /user, PR and commit authors. Default `backstage-bot`. */
  login?: string;
  /** The default branch of new repositories. Default `main`. */
  defaultBranch?: string;
  /** Authenticated API requests per hour before GitHub's own 403 rate-limit answer. Default 5000. */
  rateLimit?: number;
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
}

export interface GitHubRequest {
  method: string;
  /** Decoded path, e.g. `/api/v3/repos/acme/orders/git/refs/heads/feature/x`. */
  path: string;
  /** The query string, with its `?` ('' when none). */
  query: string;
  status: number;
  /** The token the request carried (Bearer or token scheme), if any. */
  token?: string;
  /** Answered by failNext. */
  fault: boolean;
}

export type RequestMatcher = string | RegExp | ((request: { method: string; path: string; query: URLSearchParams }) => boolean);

export interface GitHubFault {
  status: number;
  headers?: Record<string, string>;
  /** JSON-encoded unless a string. Default `{ message }` for the status. */
  body?: unknown;
  /** How many matching requests it answers. Default 1. */
  times?: number;
}

export interface PullRequestSnapshot {
  repo: string;
  number: number;
  state: 'open' | 'closed';
  merged: boolean;
  merged_at: string | null;
  draft: boolean;
  /** Branch names. */
  head: string;
  base: string;
  headSha: string;
  title: string;
  body: string;
  html_url: string;
  /** The files the PR changes (head against its merge base with the base branch). */
  files: FileChange[];
  commits: Commit[];
}

export interface GitHubServer {
  /** `http://127.0.0.1:<port>`: web URLs (blob, tree, pull). */
  readonly baseUrl: string;
  /** `127.0.0.1:<port>`: the integration's host, and the host in `repoUrl` (`<host>?owner=..&repo=..`). */
  readonly host: string;
  /** `${baseUrl}/api/v3`, as for GitHub Enterprise (GraphQL then lives at `${baseUrl}/api/graphql`). */
  readonly apiBaseUrl: string;
  /** `${baseUrl}/raw`, used by the reader only when the integration has no token. */
  readonly rawBaseUrl: string;
  /** The `integrations.github` entry for this host. */
  integration(token?: string): { host: string; apiBaseUrl: string; rawBaseUrl: string; token?: string };
  /** `${baseUrl}/{repo}/blob/{ref}/{path}`: how Backstage refers to a file (catalog locations). */
  webUrl(repo: string, path?: string, ref?: string): string;
  /** `${baseUrl}/{repo}/tree/{ref}/{path}`: a directory (fetch:plain, source-location). */
  treeUrl(repo: string, path?: string, ref?: string): string;
  /** Commits one file on a branch (default: the default branch; a new repository or branch is created, a branch from the default one); returns the commit sha. */
  setFile(repo: string, path: string, content: string | Buffer, options?: CommitOptions): string;
  /** Commits several files at once; `null` deletes one. */
  setFiles(repo: string, files: Record<string, string | Buffer | null>, options?: CommitOptions): string;
  deleteFile(repo: string, path: string, options?: CommitOptions): string;
  /** A branch's files as UTF-8 text (default: the default branch). Throws for an unknown repository or branch. */
  files(repo: string, branch?: string): Record<string, string>;
  /** Branch name -> commit sha. */
  branches(repo: string): Record<string, string>;
  /** Creates a branch from the base with `files` committed on it, and opens a PR for it (as a person would). */
  openPullRequest(repo: string, pr: { head: string; base?: string; title: string; body?: string; files: Record<string, string | null> }): PullRequestSnapshot;
  /** Every PR (of one repository, or all), oldest first. */
  pullRequests(repo?: string): PullRequestSnapshot[];
  /** Merges an open PR: the head's changes are committed onto the base (a merge commit) and the PR is closed as merged. */
  merge(repo: string, number: number): string;
  /** Closes an open PR without merging. */
  closePullRequest(repo: string, number: number): void;
  /** Every request answered, in order. */
  readonly requests: GitHubRequest[];
  /** Answers the next request(s) matching `matcher` (`'METHOD /path'` or `'/path'`, exact; a RegExp against `'METHOD /path'`; or a predicate) with `fault`. */
  failNext(matcher: RequestMatcher, fault: GitHubFault): void;
  close(): Promise<void>;
}

export interface CommitOptions {
  branch?: string;
  message?: string;
}

/** GitHub's primary rate limit spent: 403 (or 429), `x-ratelimit-remaining: 0`, reset time. */
export function rateLimitExceeded(options: { resetInSeconds?: number; status?: 403 | 429 } = {}): GitHubFault {
  const reset = Math.floor(Date.now() / 1000) + (options.resetInSeconds ?? 60);
  return {
    status: options.status ?? 403,
    headers: { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-used': '5000', 'x-ratelimit-reset': String(reset), 'x-ratelimit-resource': 'core' },
    body: { message: 'API rate limit exceeded for user ID 1.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api' },
  };
}

/** GitHub's secondary rate limit: 403 (or 429) with `retry-after`. */
export function secondaryRateLimit(options: { retryAfterSeconds?: number; status?: 403 | 429 } = {}): GitHubFault {
  return {
    status: options.status ?? 403,
    headers: { 'retry-after': String(options.retryAfterSeconds ?? 60) },
    body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits' },
  };
}

interface Repo {
  owner: string;
  name: string;
  id: number;
  git: GitRepository;
  pulls: Pull[];
}

interface Pull {
  number: number;
  state: 'open' | 'closed';
  title: string;
  body: string;
  draft: boolean;
  head: string;
  base: string;
  headSha: string;
  baseSha: string;
  /** Set when the PR closes: the commits its files and commits are computed from from then on. */
  frozenBase?: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  mergedAt: string | null;
  mergeCommitSha: string | null;
}

/** A GitHub API error answer. */
class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const validationFailed = (...errors: Array<Record<string, unknown>>) => new ApiError(422, 'Validation Failed', { errors });

function readBody(req: IncomingMessage): Promise<any> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', reject);
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text ? JSON.parse(text) : {});
      } catch {
        reject(new ApiError(400, 'Problems parsing JSON'));
      }
    });
  });
}

/** `path` without leading and trailing slashes (a loop: a regex for both ends would be quadratic on a run of slashes). */
function trimSlashes(path: string): string {
  let start = 0;
  let end = path.length;
  while (start < end && path[start] === '/') start++;
  while (end > start && path[end - 1] === '/') end--;
  return path.slice(start, end);
}

// One closure over the host's state (repositories, pull requests, faults, rate budget) with
// its route table; splitting it would only pass that state around.
// eslint-disable-next-line max-lines-per-function
export async function startGitHubServer(options: GitHubServerOptions = {}): Promise<GitHubServer> {
  const login = options.login ?? 'backstage-bot';
  const defaultBranch = options.defaultBranch ?? 'main';
  const limit = options.rateLimit ?? 5000;
  const repos = new Map<string, Repo>();
  const requests: GitHubRequest[] = [];
  const faults: Array<{ matcher: RequestMatcher; fault: GitHubFault; left: number }> = [];
  const usage = new Map<string, { used: number; reset: number }>();
  let nextRepoId = 1000;
  let base = '';
  const api = () => `${base}/api/v3`;

  const signature = (s?: Partial<Signature>): Signature => ({ name: s?.name ?? login, email: s?.email ?? `${login}@users.noreply.loopback`, date: s?.date ?? isoNow() });

  function ensureRepo(full: string): Repo {
    const [owner, name, extra] = full.split('/');
    if (!owner || !name || extra !== undefined) throw new Error(`repository must be 'owner/name', got ${JSON.stringify(full)}`);
    let repo = repos.get(full);
    if (!repo) repos.set(full, (repo = { owner, name, id: nextRepoId++, git: new GitRepository(defaultBranch), pulls: [] }));
    return repo;
  }
  function repoOf(full: string): Repo {
    const repo = repos.get(full);
    if (!repo) throw new Error(`no repository ${full} on the loopback GitHub host`);
    return repo;
  }
  const commitOf = (repo: Repo, sha: string) => repo.git.commits.get(sha)!;
  const slug = (repo: Repo) => `${repo.owner}/${repo.name}`;

  // ---- pull requests ----
  /** An open PR follows its branches; a closed one keeps what it had. */
  function refresh(repo: Repo, pr: Pull) {
    if (pr.state !== 'open') return;
    pr.headSha = repo.git.branch(pr.head) ?? pr.headSha;
    pr.baseSha = repo.git.branch(pr.base) ?? pr.baseSha;
  }
  function changesOf(repo: Repo, pr: Pull): { files: FileChange[]; commits: Commit[] } {
    refresh(repo, pr);
    const from = pr.frozenBase ?? repo.git.mergeBase(pr.headSha, pr.baseSha);
    return {
      files: repo.git.diff(from !== undefined ? commitOf(repo, from).tree : undefined, commitOf(repo, pr.headSha).tree),
      commits: from !== undefined ? repo.git.commitsBetween(from, pr.headSha) : [...repo.git.ancestors(pr.headSha)].map((s) => commitOf(repo, s)),
    };
  }
  function createPull(repo: Repo, input: { title?: unknown; head?: unknown; base?: unknown; body?: unknown; draft?: unknown }): Pull {
    if (typeof input.title !== 'string' || input.title === '') throw validationFailed({ resource: 'PullRequest', field: 'title', code: 'missing_field' });
    if (typeof input.base !== 'string' || input.base === '') throw validationFailed({ resource: 'PullRequest', field: 'base', code: 'missing_field' });
    if (typeof input.head !== 'string' || input.head === '') throw validationFailed({ resource: 'PullRequest', field: 'head', code: 'missing_field' });
    const [headOwner, head] = input.head.includes(':') ? (input.head.split(/:(.*)/s) as [string, string]) : [repo.owner, input.head];
    const headSha = headOwner === repo.owner ? repo.git.branch(head) : undefined;
    const baseSha = repo.git.branch(input.base);
    if (baseSha === undefined) throw validationFailed({ resource: 'PullRequest', field: 'base', code: 'invalid' });
    if (headSha === undefined) throw validationFailed({ resource: 'PullRequest', field: 'head', code: 'invalid' });
    if (repo.pulls.some((p) => p.state === 'open' && p.head === head && p.base === input.base)) {
      throw validationFailed({ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${repo.owner}:${head}.` });
    }
    if (repo.git.commitsBetween(baseSha, headSha).length === 0) {
      throw validationFailed({ resource: 'PullRequest', code: 'custom', message: `No commits between ${input.base} and ${head}` });
    }
    const now = isoNow();
    const pr: Pull = {
      number: repo.pulls.length + 1,
      state: 'open',
      title: input.title,
      body: typeof input.body === 'string' ? input.body : '',
      draft: input.draft === true,
      head,
      base: input.base,
      headSha,
      baseSha,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      mergedAt: null,
      mergeCommitSha: null,
    };
    repo.pulls.push(pr);
    return pr;
  }
  function pullOf(repo: Repo, number: number): Pull {
    const pr = repo.pulls.find((p) => p.number === number);
    if (!pr) throw new ApiError(404, 'Not Found');
    return pr;
  }
  function closePull(repo: Repo, pr: Pull) {
    refresh(repo, pr);
    pr.frozenBase = repo.git.mergeBase(pr.headSha, pr.baseSha);
    pr.state = 'closed';
    pr.closedAt = pr.updatedAt = isoNow();
  }
  function mergePull(repo: Repo, pr: Pull): string {
    if (pr.state !== 'open') throw new ApiError(405, 'Pull Request is not mergeable');
    const { files } = changesOf(repo, pr);
    const tree = repo.git.treeWith(
      commitOf(repo, pr.baseSha).tree,
      files.map((f) => ({ path: f.filename, sha: f.status === 'removed' ? null : f.sha, mode: repo.git.tree(commitOf(repo, pr.headSha).tree).get(f.filename)?.mode })),
    );
    const merge = repo.git.putCommit({ tree, parents: [pr.baseSha, pr.headSha], message: `Merge pull request #${pr.number} from ${repo.owner}/${pr.head}\n\n${pr.title}`, author: signature() });
    closePull(repo, pr);
    repo.git.refs.set(`refs/heads/${pr.base}`, merge.sha);
    pr.mergedAt = pr.closedAt;
    pr.mergeCommitSha = merge.sha;
    return merge.sha;
  }
  function snapshot(repo: Repo, pr: Pull): PullRequestSnapshot {
    const { files, commits } = changesOf(repo, pr);
    return {
      repo: slug(repo),
      number: pr.number,
      state: pr.state,
      merged: pr.mergedAt !== null,
      merged_at: pr.mergedAt,
      draft: pr.draft,
      head: pr.head,
      base: pr.base,
      headSha: pr.headSha,
      title: pr.title,
      body: pr.body,
      html_url: `${base}/${slug(repo)}/pull/${pr.number}`,
      files,
      commits,
    };
  }

  // ---- JSON shapes ----
  const userJson = (name: string) => ({ login: name, id: 1, node_id: `U_${name}`, type: name === login ? 'User' : 'Organization', html_url: `${base}/${name}` });
  const repoJson = (repo: Repo, authed: boolean) => {
    const url = `${api()}/repos/${slug(repo)}`;
    return {
      id: repo.id,
      node_id: `R_${repo.id}`,
      name: repo.name,
      full_name: slug(repo),
      owner: userJson(repo.owner),
      private: false,
      visibility: 'public',
      fork: false,
      html_url: `${base}/${slug(repo)}`,
      url,
      archive_url: `${url}/{archive_format}{/ref}`,
      trees_url: `${url}/git/trees{/sha}`,
      blobs_url: `${url}/git/blobs{/sha}`,
      commits_url: `${url}/commits{/sha}`,
      contents_url: `${url}/contents/{+path}`,
      pulls_url: `${url}/pulls{/number}`,
      git_refs_url: `${url}/git/refs{/sha}`,
      default_branch: repo.git.defaultBranch,
      // What GitHub adds for an authenticated caller; the PR plugin needs it ("Missing authentication" otherwise).
      ...(authed ? { permissions: { admin: true, maintain: true, push: true, triage: true, pull: true } } : {}),
    };
  };
  const gitCommitJson = (repo: Repo, c: Commit) => ({
    sha: c.sha,
    node_id: `C_${c.sha}`,
    url: `${api()}/repos/${slug(repo)}/git/commits/${c.sha}`,
    html_url: `${base}/${slug(repo)}/commit/${c.sha}`,
    author: c.author,
    committer: c.committer,
    message: c.message,
    tree: { sha: c.tree, url: `${api()}/repos/${slug(repo)}/git/trees/${c.tree}` },
    parents: c.parents.map((p) => ({ sha: p, url: `${api()}/repos/${slug(repo)}/git/commits/${p}`, html_url: `${base}/${slug(repo)}/commit/${p}` })),
    verification: { verified: false, reason: 'unsigned', signature: null, payload: null },
  });
  const commitJson = (repo: Repo, c: Commit) => {
    const { sha, node_id, html_url, parents, ...commit } = gitCommitJson(repo, c);
    return { sha, node_id, url: `${api()}/repos/${slug(repo)}/commits/${sha}`, html_url, commit: { ...commit, url: gitCommitJson(repo, c).url }, author: userJson(login), committer: userJson(login), parents };
  };
  const refJson = (repo: Repo, ref: string) => ({
    ref,
    node_id: `REF_${ref}`,
    url: `${api()}/repos/${slug(repo)}/git/${ref}`,
    object: { sha: repo.git.refs.get(ref)!, type: 'commit', url: `${api()}/repos/${slug(repo)}/git/commits/${repo.git.refs.get(ref)!}` },
  });
  const branchJson = (repo: Repo, branch: string, sha: string) => ({ label: `${repo.owner}:${branch}`, ref: branch, sha, user: userJson(repo.owner), repo: repoJson(repo, true) });
  const pullJson = (repo: Repo, pr: Pull, full: boolean) => {
    const { files, commits } = changesOf(repo, pr);
    const html = `${base}/${slug(repo)}/pull/${pr.number}`;
    return {
      url: `${api()}/repos/${slug(repo)}/pulls/${pr.number}`,
      id: repo.id * 1000 + pr.number,
      node_id: `PR_${repo.id}_${pr.number}`,
      number: pr.number,
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      state: pr.state,
      locked: false,
      title: pr.title,
      body: pr.body,
      draft: pr.draft,
      user: userJson(login),
      created_at: pr.createdAt,
      updated_at: pr.updatedAt,
      closed_at: pr.closedAt,
      merged_at: pr.mergedAt,
      merge_commit_sha: pr.mergeCommitSha,
      head: branchJson(repo, pr.head, pr.headSha),
      base: branchJson(repo, pr.base, pr.baseSha),
      // Only the single-PR answer has these (GitHub's list items are "pull-request-simple").
      ...(full ? { merged: pr.mergedAt !== null, mergeable: pr.state === 'open' ? true : null, commits: commits.length, changed_files: files.length } : {}),
    };
  };

  /** Query-string pagination (`per_page`, `page`) with GitHub's Link header. */
  function page<T>(url: URL, items: T[]): { items: T[]; headers: Record<string, string> } {
    const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 30) || 30));
    const current = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (n: number, rel: string) => {
      const u = new URL(`${base}${url.pathname}${url.search}`);
      u.searchParams.set('page', String(n));
      return `<${u.toString()}>; rel="${rel}"`;
    };
    const links = [...(current < last ? [link(current + 1, 'next'), link(last, 'last')] : []), ...(current > 1 ? [link(current - 1, 'prev'), link(1, 'first')] : [])];
    return { items: items.slice((current - 1) * perPage, current * perPage), headers: links.length > 0 ? { link: links.join(', ') } : {} };
  }

  // ---- HTTP ----
  interface Ctx {
    req: IncomingMessage;
    res: ServerResponse;
    url: URL;
    method: string;
    token?: string;
    repo?: Repo;
    json(status: number, body: unknown, headers?: Record<string, string>): void;
  }
  type Route = [method: string, pattern: RegExp, handler: (ctx: Ctx, m: RegExpExecArray) => void | Promise<void>];
  const R = '^/api/v3/repos/[^/]+/[^/]+';
  const needCommit = (repo: Repo, ref: string) => {
    const sha = repo.git.resolve(ref);
    if (sha === undefined) throw new ApiError(repo.git.refs.size === 0 ? 409 : 404, repo.git.refs.size === 0 ? 'Git Repository is empty.' : `No commit found for SHA: ${ref}`);
    return sha;
  };

  const contents = (ctx: Ctx, m: RegExpExecArray) => {
    const repo = ctx.repo!;
    const ref = ctx.url.searchParams.get('ref') ?? repo.git.defaultBranch;
    const sha = needCommit(repo, ref);
    const path = trimSlashes(m[1] ?? '');
    const tree = repo.git.tree(commitOf(repo, sha).tree);
    const entry = tree.get(path);
    const item = (p: string, type: 'file' | 'dir', blob?: string) => ({
      type,
      name: p.split('/').pop(),
      path: p,
      sha: blob ?? '',
      size: blob ? repo.git.blobs.get(blob)!.length : 0,
      url: `${api()}/repos/${slug(repo)}/contents/${p}?ref=${ref}`,
      html_url: `${base}/${slug(repo)}/${type === 'file' ? 'blob' : 'tree'}/${ref}/${p}`,
      download_url: type === 'file' ? `${base}/raw/${slug(repo)}/${ref}/${p}` : null,
    });
    if (entry) {
      const content = repo.git.blobs.get(entry.sha)!;
      if (/application\/vnd\.github(\.v3)?\.raw/.test(ctx.req.headers.accept ?? '')) {
        sendFile(ctx.req, ctx.res, content, { contentType: 'text/plain; charset=utf-8', headers: rateHeaders(ctx.token) });
        return;
      }
      const body = Buffer.from(JSON.stringify({ ...item(path, 'file', entry.sha), encoding: 'base64', content: content.toString('base64') }));
      const etag = `W/${etagOf(body)}`;
      if (ifNoneMatchHits(ctx.req.headers['if-none-match'], etag)) return void ctx.res.writeHead(304, { etag }).end();
      return void ctx.res.writeHead(200, { ...rateHeaders(ctx.token), 'content-type': 'application/json; charset=utf-8', etag }).end(body);
    }
    const prefix = path === '' ? '' : `${path}/`;
    const children = new Map<string, ReturnType<typeof item>>();
    for (const [p, e] of tree) {
      if (!p.startsWith(prefix)) continue;
      const [name, ...rest] = p.slice(prefix.length).split('/');
      children.set(name!, rest.length > 0 ? item(`${prefix}${name}`, 'dir') : item(p, 'file', e.sha));
    }
    if (children.size === 0 && path !== '') throw new ApiError(404, 'Not Found');
    ctx.json(200, [...children.values()]);
  };

  const routes: Route[] = [
    ['GET', /^\/api\/v3\/user$/, (ctx) => ctx.json(200, { ...userJson(login), name: login })],
    ['GET', new RegExp(`${R}$`), (ctx) => ctx.json(200, repoJson(ctx.repo!, ctx.token !== undefined))],
    ['GET', new RegExp(`${R}/contents(?:/(.*))?$`), contents],
    ['HEAD', new RegExp(`${R}/contents(?:/(.*))?$`), contents],
    [
      'GET',
      new RegExp(`${R}/commits/(.+)/status$`),
      (ctx, m) => {
        const sha = needCommit(ctx.repo!, m[1]!);
        const url = `${api()}/repos/${slug(ctx.repo!)}/commits/${sha}`;
        ctx.json(200, { state: 'pending', statuses: [], sha, total_count: 0, repository: repoJson(ctx.repo!, ctx.token !== undefined), commit_url: url, url: `${url}/status` });
      },
    ],
    [
      'GET',
      new RegExp(`${R}/commits$`),
      (ctx) => {
        const repo = ctx.repo!;
        const head = needCommit(repo, ctx.url.searchParams.get('sha') ?? repo.git.defaultBranch);
        const history = [...repo.git.ancestors(head)].map((s) => commitOf(repo, s));
        const { items, headers } = page(ctx.url, history);
        ctx.json(200, items.map((c) => commitJson(repo, c)), headers);
      },
    ],
    [
      'GET',
      new RegExp(`${R}/commits/(.+)$`),
      (ctx, m) => {
        const repo = ctx.repo!;
        const c = commitOf(repo, needCommit(repo, m[1]!));
        const parentTree = c.parents[0] !== undefined ? commitOf(repo, c.parents[0]).tree : undefined;
        ctx.json(200, { ...commitJson(repo, c), files: repo.git.diff(parentTree, c.tree) });
      },
    ],
    [
      'GET',
      new RegExp(`${R}/tarball(?:/(.+))?$`),
      (ctx, m) => {
        const sha = needCommit(ctx.repo!, m[1] ?? ctx.repo!.git.defaultBranch);
        ctx.res.writeHead(302, { ...rateHeaders(ctx.token), location: `${base}/_codeload/${slug(ctx.repo!)}/legacy.tar.gz/${sha}` }).end();
      },
    ],
    [
      'GET',
      new RegExp(`${R}/git/blobs/([0-9a-f]{40})$`),
      (ctx, m) => {
        const blob = ctx.repo!.git.blobs.get(m[1]!);
        if (!blob) throw new ApiError(404, 'Not Found');
        ctx.json(200, { sha: m[1], node_id: `B_${m[1]}`, size: blob.length, url: `${api()}/repos/${slug(ctx.repo!)}/git/blobs/${m[1]}`, content: blob.toString('base64'), encoding: 'base64' });
      },
    ],
    [
      'GET',
      new RegExp(`${R}/git/trees/(.+)$`),
      (ctx, m) => {
        const repo = ctx.repo!;
        const treeSha = repo.git.trees.has(m[1]!) ? m[1]! : commitOf(repo, needCommit(repo, m[1]!)).tree;
        const recursive = ctx.url.searchParams.has('recursive');
        const url = (type: string, sha: string) => `${api()}/repos/${slug(repo)}/git/${type}s/${sha}`;
        const tree = repo.git
          .listing(treeSha)
          .filter((e) => recursive || !e.path.includes('/'))
          .map((e) => ({ ...e, url: url(e.type, e.sha) }));
        ctx.json(200, { sha: treeSha, url: url('tree', treeSha), tree, truncated: false });
      },
    ],
    [
      'GET',
      new RegExp(`${R}/git/commits/([0-9a-f]{40})$`),
      (ctx, m) => {
        const c = ctx.repo!.git.commits.get(m[1]!);
        if (!c) throw new ApiError(404, 'Not Found');
        ctx.json(200, gitCommitJson(ctx.repo!, c));
      },
    ],
    [
      'GET',
      new RegExp(`${R}/git/ref/(.+)$`),
      (ctx, m) => {
        if (!ctx.repo!.git.refs.has(`refs/${m[1]}`)) throw new ApiError(404, 'Not Found');
        ctx.json(200, refJson(ctx.repo!, `refs/${m[1]}`));
      },
    ],
    [
      'POST',
      new RegExp(`${R}/git/blobs$`),
      async (ctx) => {
        const body = await readBody(ctx.req);
        if (typeof body.content !== 'string') throw validationFailed({ resource: 'Blob', field: 'content', code: 'missing_field' });
        if (body.encoding !== undefined && body.encoding !== 'utf-8' && body.encoding !== 'base64') throw validationFailed({ resource: 'Blob', field: 'encoding', code: 'invalid' });
        const sha = ctx.repo!.git.putBlob(Buffer.from(body.content, body.encoding === 'base64' ? 'base64' : 'utf8'));
        ctx.json(201, { sha, url: `${api()}/repos/${slug(ctx.repo!)}/git/blobs/${sha}` });
      },
    ],
    [
      'POST',
      new RegExp(`${R}/git/trees$`),
      async (ctx) => {
        const repo = ctx.repo!;
        const body = await readBody(ctx.req);
        if (!Array.isArray(body.tree)) throw validationFailed({ resource: 'Tree', field: 'tree', code: 'missing_field' });
        if (body.base_tree !== undefined && !repo.git.trees.has(body.base_tree)) throw new ApiError(422, 'Invalid tree info');
        const changes = body.tree.map((e: { path?: unknown; mode?: unknown; type?: unknown; sha?: unknown; content?: unknown }) => {
          if (typeof e.path !== 'string' || e.path === '') throw validationFailed({ resource: 'Tree', field: 'path', code: 'missing_field' });
          if (e.type === 'tree' || e.type === 'commit' || e.mode === '040000' || e.mode === '160000') throw new ApiError(422, 'the loopback GitHub host takes only blob entries in a tree');
          const mode = typeof e.mode === 'string' ? e.mode : '100644';
          if (typeof e.content === 'string') return { path: e.path, mode, sha: repo.git.putBlob(Buffer.from(e.content, 'utf8')) };
          if (e.sha === null) return { path: e.path, mode, sha: null };
          if (typeof e.sha !== 'string' || !repo.git.blobs.has(e.sha)) throw new ApiError(422, 'GitRPC::BadObjectState');
          return { path: e.path, mode, sha: e.sha };
        });
        const sha = repo.git.treeWith(body.base_tree, changes);
        const url = (type: string, s: string) => `${api()}/repos/${slug(repo)}/git/${type}s/${s}`;
        ctx.json(201, { sha, url: url('tree', sha), tree: repo.git.listing(sha).filter((e) => !e.path.includes('/')).map((e) => ({ ...e, url: url(e.type, e.sha) })), truncated: false });
      },
    ],
    [
      'POST',
      new RegExp(`${R}/git/commits$`),
      async (ctx) => {
        const repo = ctx.repo!;
        const body = await readBody(ctx.req);
        if (typeof body.message !== 'string') throw validationFailed({ resource: 'Commit', field: 'message', code: 'missing_field' });
        if (typeof body.tree !== 'string' || !repo.git.trees.has(body.tree)) throw new ApiError(422, 'Tree SHA does not exist');
        const parents: unknown[] = Array.isArray(body.parents) ? body.parents : [];
        if (parents.some((p) => typeof p !== 'string' || !repo.git.commits.has(p))) throw new ApiError(422, 'Parent SHA does not exist or is not a commit object');
        const author = signature(body.author);
        const c = repo.git.putCommit({ tree: body.tree, parents: parents as string[], message: body.message, author, committer: body.committer ? signature(body.committer) : author });
        ctx.json(201, gitCommitJson(repo, c));
      },
    ],
    [
      'POST',
      new RegExp(`${R}/git/refs$`),
      async (ctx) => {
        const repo = ctx.repo!;
        const body = await readBody(ctx.req);
        if (typeof body.ref !== 'string' || !/^refs\/[^/]+\/.+/.test(body.ref)) throw new ApiError(422, "Reference name must start with 'refs/' and have at least two slashes.");
        if (repo.git.refs.has(body.ref)) throw new ApiError(422, 'Reference already exists');
        if (typeof body.sha !== 'string' || !repo.git.commits.has(body.sha)) throw new ApiError(422, 'Object does not exist');
        repo.git.refs.set(body.ref, body.sha);
        ctx.json(201, refJson(repo, body.ref));
      },
    ],
    [
      'PATCH',
      new RegExp(`${R}/git/refs/(.+)$`),
      async (ctx, m) => {
        const repo = ctx.repo!;
        const body = await readBody(ctx.req);
        const ref = m[1]!.startsWith('refs/') ? m[1]! : `refs/${m[1]}`;
        const current = repo.git.refs.get(ref);
        if (current === undefined) throw new ApiError(422, 'Reference does not exist');
        if (typeof body.sha !== 'string' || !repo.git.commits.has(body.sha)) throw new ApiError(422, 'Object does not exist');
        if (body.force !== true && !repo.git.ancestors(body.sha).has(current)) throw new ApiError(422, 'Update is not a fast forward');
        repo.git.refs.set(ref, body.sha);
        ctx.json(200, refJson(repo, ref));
      },
    ],
    [
      'DELETE',
      new RegExp(`${R}/git/refs/(.+)$`),
      (ctx, m) => {
        const repo = ctx.repo!;
        const ref = m[1]!.startsWith('refs/') ? m[1]! : `refs/${m[1]}`;
        if (!repo.git.refs.has(ref)) throw new ApiError(422, 'Reference does not exist');
        // As on GitHub, deleting a PR's head branch closes the PR.
        for (const pr of repo.pulls) if (pr.state === 'open' && `refs/heads/${pr.head}` === ref) closePull(repo, pr);
        repo.git.refs.delete(ref);
        ctx.res.writeHead(204, rateHeaders(ctx.token)).end();
      },
    ],
    [
      'GET',
      new RegExp(`${R}/pulls$`),
      (ctx) => {
        const repo = ctx.repo!;
        const q = ctx.url.searchParams;
        const state = q.get('state') ?? 'open';
        const head = q.get('head');
        const list = repo.pulls
          .filter((p) => state === 'all' || p.state === state)
          // `owner:branch`, or `owner` alone (every PR from that owner's branches: no forks here).
          .filter((p) => head === null || head === `${repo.owner}:${p.head}` || head === repo.owner)
          .filter((p) => q.get('base') === null || p.base === q.get('base'))
          .sort((a, b) => (q.get('direction') === 'asc' ? a.number - b.number : b.number - a.number));
        const { items, headers } = page(ctx.url, list);
        ctx.json(200, items.map((p) => pullJson(repo, p, false)), headers);
      },
    ],
    [
      'POST',
      new RegExp(`${R}/pulls$`),
      async (ctx) => ctx.json(201, pullJson(ctx.repo!, createPull(ctx.repo!, await readBody(ctx.req)), true)),
    ],
    ['GET', new RegExp(`${R}/pulls/(\\d+)$`), (ctx, m) => ctx.json(200, pullJson(ctx.repo!, pullOf(ctx.repo!, Number(m[1])), true))],
    [
      'PATCH',
      new RegExp(`${R}/pulls/(\\d+)$`),
      async (ctx, m) => {
        const repo = ctx.repo!;
        const pr = pullOf(repo, Number(m[1]));
        const body = await readBody(ctx.req);
        if (typeof body.base === 'string' && body.base !== pr.base) {
          if (repo.git.branch(body.base) === undefined) throw validationFailed({ resource: 'PullRequest', field: 'base', code: 'invalid' });
          pr.base = body.base;
        }
        if (typeof body.title === 'string') pr.title = body.title;
        if (typeof body.body === 'string') pr.body = body.body;
        if (body.state === 'closed' && pr.state === 'open') closePull(repo, pr);
        if (body.state === 'open' && pr.state === 'closed') {
          if (pr.mergedAt !== null) throw new ApiError(422, 'Cannot reopen a merged pull request');
          if (repo.git.branch(pr.head) === undefined || repo.pulls.some((p) => p.state === 'open' && p.head === pr.head && p.base === pr.base)) {
            throw validationFailed({ resource: 'PullRequest', code: 'custom', message: 'state cannot be changed.' });
          }
          Object.assign(pr, { state: 'open', closedAt: null, frozenBase: undefined });
        }
        pr.updatedAt = isoNow();
        ctx.json(200, pullJson(repo, pr, true));
      },
    ],
    [
      'GET',
      new RegExp(`${R}/pulls/(\\d+)/files$`),
      (ctx, m) => {
        const repo = ctx.repo!;
        const pr = pullOf(repo, Number(m[1]));
        const { items, headers } = page(ctx.url, changesOf(repo, pr).files);
        const at = (f: FileChange) => (f.status === 'removed' ? pr.baseSha : pr.headSha);
        ctx.json(
          200,
          items.map((f) => ({ ...f, additions: 0, deletions: 0, changes: 0, blob_url: `${base}/${slug(repo)}/blob/${at(f)}/${f.filename}`, raw_url: `${base}/raw/${slug(repo)}/${at(f)}/${f.filename}` })),
          headers,
        );
      },
    ],
    [
      'GET',
      new RegExp(`${R}/pulls/(\\d+)/merge$`),
      (ctx, m) => {
        if (pullOf(ctx.repo!, Number(m[1])).mergedAt === null) throw new ApiError(404, 'Not Found');
        ctx.res.writeHead(204, rateHeaders(ctx.token)).end();
      },
    ],
    [
      'PUT',
      new RegExp(`${R}/pulls/(\\d+)/merge$`),
      (ctx, m) => ctx.json(200, { sha: mergePull(ctx.repo!, pullOf(ctx.repo!, Number(m[1]))), merged: true, message: 'Pull Request successfully merged' }),
    ],
  ];

  /** The one GraphQL query octokit-plugin-create-pull-request sends. */
  async function graphql(ctx: Ctx): Promise<void> {
    const { query, variables = {} } = await readBody(ctx.req);
    const repoVars = /repository\s*\(\s*name:\s*\$(\w+)\s*,\s*owner:\s*\$(\w+)\s*\)/.exec(String(query));
    const refVar = /ref\s*\(\s*qualifiedName:\s*\$(\w+)\s*\)/.exec(String(query));
    if (!repoVars || !refVar || !/associatedPullRequests\s*\([^)]*states:\s*OPEN/.test(String(query))) {
      return ctx.json(200, { errors: [{ message: 'The loopback GitHub host answers only the branch / open pull request query of octokit-plugin-create-pull-request.' }] });
    }
    const full = `${variables[repoVars[2]!]}/${variables[repoVars[1]!]}`;
    const repo = repos.get(full);
    if (!repo) {
      return ctx.json(200, { data: { repository: null }, errors: [{ type: 'NOT_FOUND', path: ['repository'], message: `Could not resolve to a Repository with the name '${full}'.` }] });
    }
    const qualified = String(variables[refVar[1]!]);
    const branch = qualified.replace(/^refs\/heads\//, '');
    if (repo.git.branch(branch) === undefined) return ctx.json(200, { data: { repository: { ref: null } } });
    const open = repo.pulls.filter((p) => p.state === 'open' && p.head === branch).slice(0, 1);
    const edges = open.map((p) => ({ node: { id: `PR_${repo.id}_${p.number}`, number: p.number, url: `${base}/${full}/pull/${p.number}` } }));
    return ctx.json(200, { data: { repository: { ref: { associatedPullRequests: { edges } } } } });
  }

  /** GitHub's rate-limit headers for a token's current window. */
  function rateHeaders(token: string | undefined): Record<string, string> {
    const u = token !== undefined ? usage.get(token) : undefined;
    if (u === undefined) return {};
    return { 'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': String(Math.max(0, limit - u.used)), 'x-ratelimit-used': String(u.used), 'x-ratelimit-reset': String(u.reset), 'x-ratelimit-resource': 'core', 'x-oauth-scopes': 'repo, workflow' };
  }

  const matches = (matcher: RequestMatcher, method: string, path: string, query: URLSearchParams) =>
    typeof matcher === 'function' ? matcher({ method, path, query }) : typeof matcher === 'string' ? matcher === path || matcher === `${method} ${path}` : matcher.test(`${method} ${path}`);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', base);
    const method = req.method ?? 'GET';
    const path = decodeURIComponent(url.pathname);
    const auth = /^(?:bearer|token)\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const token = auth?.[1];
    const entry: GitHubRequest = { method, path, query: url.search, status: 0, ...(token !== undefined ? { token } : {}), fault: false };
    requests.push(entry);
    res.on('finish', () => {
      entry.status = res.statusCode;
    });
    const isApi = path.startsWith('/api/');
    const json = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { ...(isApi ? rateHeaders(token) : {}), 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body));
    };
    const fail = (status: number, message: string, extra: Record<string, unknown> = {}) =>
      json(status, { message, ...extra, documentation_url: 'https://docs.github.com/rest', status: String(status) });

    const fault = faults.find((f) => f.left > 0 && matches(f.matcher, method, path, url.searchParams));
    if (fault) {
      fault.left--;
      entry.fault = true;
      const body = fault.fault.body ?? { message: `loopback fault ${fault.fault.status}` };
      res.writeHead(fault.fault.status, { 'content-type': 'application/json; charset=utf-8', ...fault.fault.headers }).end(typeof body === 'string' ? body : JSON.stringify(body));
      return;
    }

    if (isApi) {
      if (req.headers.authorization !== undefined && (token === undefined || (options.token !== undefined && token !== options.token))) return fail(401, 'Bad credentials');
      if (token === undefined && (method !== 'GET' && method !== 'HEAD' || path === '/api/graphql' || path === '/api/v3/user')) return fail(401, 'Requires authentication');
      if (token !== undefined) {
        const now = Math.floor(Date.now() / 1000);
        let u = usage.get(token);
        if (!u || u.reset <= now) usage.set(token, (u = { used: 0, reset: now + 3600 }));
        if (u.used >= limit) return fail(403, 'API rate limit exceeded for user ID 1.');
        u.used++;
      }
    }
    const ctx: Ctx = { req, res, url, method, json, ...(token !== undefined ? { token } : {}) };
    try {
      if (path === '/api/graphql' && method === 'POST') return await graphql(ctx);
      for (const [m, pattern, handler] of routes) {
        const match = pattern.exec(path);
        if (!match || m !== method) continue;
        const repoMatch = /^\/api\/v3\/repos\/([^/]+)\/([^/]+)/.exec(path);
        if (repoMatch) {
          ctx.repo = repos.get(`${repoMatch[1]}/${repoMatch[2]}`);
          if (!ctx.repo) return fail(404, 'Not Found');
        }
        return await handler(ctx, match);
      }
      const codeload = /^\/_codeload\/([^/]+)\/([^/]+)\/legacy\.tar\.gz\/([0-9a-f]{40})$/.exec(path);
      const codeloadRepo = codeload && repos.get(`${codeload[1]}/${codeload[2]}`);
      if (codeload && codeloadRepo?.git.commits.has(codeload[3]!)) {
        const top = `${codeload[1]}-${codeload[2]}-${codeload[3]!.slice(0, 7)}`;
        return void sendFile(req, res, tarGz(top, codeloadRepo.git.files(codeload[3]!)), { etags: false, contentType: 'application/x-gzip' });
      }
      // the integration's rawBaseUrl form, and GitHub Enterprise's web raw form (/{o}/{r}/raw/{ref}/{path})
      const raw = /^\/raw\/([^/]+)\/([^/]+)\/(.+)$/.exec(path) ?? /^\/([^/_][^/]*)\/([^/]+)\/raw\/(.+)$/.exec(path);
      const rawRepo = raw && repos.get(`${raw[1]}/${raw[2]}`);
      if (raw && rawRepo) {
        // A ref may contain slashes: the longest ref that names a commit wins, the rest is the path.
        const segments = raw[3]!.split('/');
        for (let i = segments.length - 1; i >= 1; i--) {
          const sha = rawRepo.git.resolve(segments.slice(0, i).join('/'));
          if (sha !== undefined) return void sendFile(req, res, rawRepo.git.files(sha).get(segments.slice(i).join('/')), { contentType: 'text/plain; charset=utf-8' });
        }
        return void sendFile(req, res, undefined);
      }
      const web = /^\/([^/]+)\/([^/]+)(?:\/(blob|tree|pull|commit)\/.*)?\/?$/.exec(path);
      if (web && repos.has(`${web[1]}/${web[2]}`) && method === 'GET') {
        return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!DOCTYPE html><html><body>GitHub (loopback): ${path}</body></html>`);
      }
      return fail(404, 'Not Found');
    } catch (e) {
      if (e instanceof ApiError) return fail(e.status, e.message, e.extra);
      throw e;
    }
  }

  const server = await startLoopbackServer(handle, { port: options.port ?? 0 });
  base = server.baseUrl;

  const toBuffer = (c: string | Buffer) => (Buffer.isBuffer(c) ? c : Buffer.from(c));
  const commitFiles = (repo: string, files: Record<string, string | Buffer | null>, o: CommitOptions = {}) => {
    const r = ensureRepo(repo);
    const branch = o.branch ?? r.git.defaultBranch;
    // A new branch starts from the default branch (a new repository's first commit has no parent).
    const from = r.git.branch(r.git.defaultBranch);
    if (r.git.branch(branch) === undefined && from !== undefined) r.git.refs.set(`refs/heads/${branch}`, from);
    const changes = new Map(Object.entries(files).map(([p, c]) => [p.replace(/^\/+/, ''), c === null ? null : toBuffer(c)]));
    return r.git.commitFiles(branch, changes, o.message ?? `Update ${[...changes.keys()].join(', ')}`, signature()).sha;
  };
  const apiPull = (repo: string, number: number) => {
    const r = repoOf(repo);
    const pr = r.pulls.find((p) => p.number === number);
    if (!pr) throw new Error(`no pull request ${repo}#${number}`);
    return { r, pr };
  };

  return {
    baseUrl: base,
    host: server.host,
    apiBaseUrl: api(),
    rawBaseUrl: `${base}/raw`,
    integration: (token) => ({ host: server.host, apiBaseUrl: api(), rawBaseUrl: `${base}/raw`, ...(token !== undefined ? { token } : {}) }),
    webUrl: (repo, path = '', ref = defaultBranch) => `${base}/${repo}/blob/${ref}/${path.replace(/^\/+/, '')}`,
    treeUrl: (repo, path = '', ref = defaultBranch) => `${base}/${repo}/tree/${ref}/${path.replace(/^\/+/, '')}`,
    setFile: (repo, path, content, o) => commitFiles(repo, { [path]: content }, o),
    setFiles: (repo, files, o) => commitFiles(repo, files, o),
    deleteFile: (repo, path, o) => commitFiles(repo, { [path]: null }, o),
    files(repo, branch) {
      const r = repoOf(repo);
      const sha = r.git.branch(branch ?? r.git.defaultBranch);
      if (sha === undefined) throw new Error(`no branch ${branch ?? r.git.defaultBranch} in ${repo}`);
      return Object.fromEntries([...r.git.files(sha)].map(([p, c]) => [p, c.toString('utf8')]));
    },
    branches: (repo) => Object.fromEntries([...repoOf(repo).git.refs].filter(([ref]) => ref.startsWith('refs/heads/')).map(([ref, sha]) => [ref.slice('refs/heads/'.length), sha])),
    openPullRequest(repo, input) {
      const r = repoOf(repo);
      const baseBranch = input.base ?? r.git.defaultBranch;
      const from = r.git.branch(baseBranch);
      if (from === undefined) throw new Error(`no branch ${baseBranch} in ${repo}`);
      if (r.git.branch(input.head) === undefined) r.git.refs.set(`refs/heads/${input.head}`, from);
      commitFiles(repo, input.files, { branch: input.head, message: input.title });
      try {
        return snapshot(r, createPull(r, { ...input, base: baseBranch }));
      } catch (e) {
        throw e instanceof ApiError ? new Error(`${e.status} ${e.message} ${JSON.stringify(e.extra)}`) : e;
      }
    },
    pullRequests: (repo) => (repo !== undefined ? [repoOf(repo)] : [...repos.values()]).flatMap((r) => r.pulls.map((p) => snapshot(r, p))),
    merge(repo, number) {
      const { r, pr } = apiPull(repo, number);
      if (pr.state !== 'open') throw new Error(`${repo}#${number} is not open`);
      return mergePull(r, pr);
    },
    closePullRequest(repo, number) {
      const { r, pr } = apiPull(repo, number);
      if (pr.state !== 'open') throw new Error(`${repo}#${number} is not open`);
      closePull(r, pr);
    },
    requests,
    failNext: (matcher, fault) => void faults.push({ matcher, fault, left: fault.times ?? 1 }),
    close: server.close,
  };
}
