/**
 * What the loopback GitHub host holds: repositories (./gitObjects.ts) with their pull
 * requests, the requests answered, the armed faults and each token's rate budget, with the
 * operations on pull requests that both the API routes and the server handle use.
 */
import { ApiError, validationFailed } from './apiError';
import { matches, type ArmedFault } from './faults';
import { GitRepository, isoNow, type Commit, type FileChange, type Signature } from './gitObjects';
import type { CommitOptions, GitHubFault, GitHubRequest, GitHubServerOptions, PullRequestSnapshot, RequestMatcher } from './types';

export interface Repo {
  owner: string;
  name: string;
  id: number;
  git: GitRepository;
  pulls: Pull[];
}

export interface Pull {
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

/** The fields of a PR a caller gives (the REST body, or `openPullRequest`), not yet checked. */
export interface PullInput {
  title?: unknown;
  head?: unknown;
  base?: unknown;
  body?: unknown;
  draft?: unknown;
}

export const commitOf = (repo: Repo, sha: string) => repo.git.commits.get(sha)!;
export const slug = (repo: Repo) => `${repo.owner}/${repo.name}`;
const toBuffer = (c: string | Buffer) => (Buffer.isBuffer(c) ? c : Buffer.from(c));

export class GitHubState {
  readonly login: string;
  readonly defaultBranch: string;
  /** Authenticated API requests per hour. */
  readonly limit: number;
  /** The only token accepted, if any. */
  readonly token: string | undefined;
  readonly repos = new Map<string, Repo>();
  readonly requests: GitHubRequest[] = [];
  private readonly faults: ArmedFault[] = [];
  private readonly usage = new Map<string, { used: number; reset: number }>();
  private nextRepoId = 1000;
  /** `http://127.0.0.1:<port>`, known once the server listens (URLs in answers are built lazily). */
  baseUrl = '';

  constructor(options: GitHubServerOptions) {
    this.login = options.login ?? 'backstage-bot';
    this.defaultBranch = options.defaultBranch ?? 'main';
    this.limit = options.rateLimit ?? 5000;
    this.token = options.token;
  }

  /** `${baseUrl}/api/v3`. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/v3`;
  }

  signature(s?: Partial<Signature>): Signature {
    return { name: s?.name ?? this.login, email: s?.email ?? `${this.login}@users.noreply.loopback`, date: s?.date ?? isoNow() };
  }

  ensureRepo(full: string): Repo {
    const [owner, name, extra] = full.split('/');
    if (!owner || !name || extra !== undefined) throw new Error(`repository must be 'owner/name', got ${JSON.stringify(full)}`);
    let repo = this.repos.get(full);
    if (!repo) this.repos.set(full, (repo = { owner, name, id: this.nextRepoId++, git: new GitRepository(this.defaultBranch), pulls: [] }));
    return repo;
  }

  repoOf(full: string): Repo {
    const repo = this.repos.get(full);
    if (!repo) throw new Error(`no repository ${full} on the loopback GitHub host`);
    return repo;
  }

  // ---- faults and rate budget ----
  failNext(matcher: RequestMatcher, fault: GitHubFault): void {
    this.faults.push({ matcher, fault, left: fault.times ?? 1 });
  }

  /** The armed fault that answers this request, its count spent; undefined when none. */
  takeFault(method: string, path: string, query: URLSearchParams): GitHubFault | undefined {
    const fault = this.faults.find((f) => f.left > 0 && matches(f.matcher, method, path, query));
    if (!fault) return undefined;
    fault.left--;
    return fault.fault;
  }

  /** Spends one request of the token's hourly budget; false when it is spent already. */
  spend(token: string): boolean {
    const now = Math.floor(Date.now() / 1000);
    let u = this.usage.get(token);
    if (!u || u.reset <= now) this.usage.set(token, (u = { used: 0, reset: now + 3600 }));
    if (u.used >= this.limit) return false;
    u.used++;
    return true;
  }

  /** GitHub's rate-limit headers for a token's current window. */
  rateHeaders(token: string | undefined): Record<string, string> {
    const u = token !== undefined ? this.usage.get(token) : undefined;
    if (u === undefined) return {};
    const limit = this.limit;
    return { 'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': String(Math.max(0, limit - u.used)), 'x-ratelimit-used': String(u.used), 'x-ratelimit-reset': String(u.reset), 'x-ratelimit-resource': 'core', 'x-oauth-scopes': 'repo, workflow' };
  }

  // ---- files, as the server handle writes and reads them ----
  commitFiles(repo: string, files: Record<string, string | Buffer | null>, o: CommitOptions = {}): string {
    const r = this.ensureRepo(repo);
    const branch = o.branch ?? r.git.defaultBranch;
    // A new branch starts from the default branch (a new repository's first commit has no parent).
    const from = r.git.branch(r.git.defaultBranch);
    if (r.git.branch(branch) === undefined && from !== undefined) r.git.refs.set(`refs/heads/${branch}`, from);
    const changes = new Map(Object.entries(files).map(([p, c]) => [p.replace(/^\/+/, ''), c === null ? null : toBuffer(c)]));
    return r.git.commitFiles(branch, changes, o.message ?? `Update ${[...changes.keys()].join(', ')}`, this.signature()).sha;
  }

  filesOf(repo: string, branch?: string): Record<string, string> {
    const r = this.repoOf(repo);
    const sha = r.git.branch(branch ?? r.git.defaultBranch);
    if (sha === undefined) throw new Error(`no branch ${branch ?? r.git.defaultBranch} in ${repo}`);
    return Object.fromEntries([...r.git.files(sha)].map(([p, c]) => [p, c.toString('utf8')]));
  }

  branchesOf(repo: string): Record<string, string> {
    return Object.fromEntries([...this.repoOf(repo).git.refs].filter(([ref]) => ref.startsWith('refs/heads/')).map(([ref, sha]) => [ref.slice('refs/heads/'.length), sha]));
  }

  // ---- pull requests ----
  /** An open PR follows its branches; a closed one keeps what it had. */
  private refresh(repo: Repo, pr: Pull) {
    if (pr.state !== 'open') return;
    pr.headSha = repo.git.branch(pr.head) ?? pr.headSha;
    pr.baseSha = repo.git.branch(pr.base) ?? pr.baseSha;
  }

  changesOf(repo: Repo, pr: Pull): { files: FileChange[]; commits: Commit[] } {
    this.refresh(repo, pr);
    const from = pr.frozenBase ?? repo.git.mergeBase(pr.headSha, pr.baseSha);
    return {
      files: repo.git.diff(from !== undefined ? commitOf(repo, from).tree : undefined, commitOf(repo, pr.headSha).tree),
      commits: from !== undefined ? repo.git.commitsBetween(from, pr.headSha) : [...repo.git.ancestors(pr.headSha)].map((s) => commitOf(repo, s)),
    };
  }

  createPull(repo: Repo, input: PullInput): Pull {
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

  /** A PR by number, for the API (404 when there is none). */
  pullOf(repo: Repo, number: number): Pull {
    const pr = repo.pulls.find((p) => p.number === number);
    if (!pr) throw new ApiError(404, 'Not Found');
    return pr;
  }

  /** A PR by repository name and number, for the server handle (a plain Error when there is none). */
  findPull(repo: string, number: number): { r: Repo; pr: Pull } {
    const r = this.repoOf(repo);
    const pr = r.pulls.find((p) => p.number === number);
    if (!pr) throw new Error(`no pull request ${repo}#${number}`);
    return { r, pr };
  }

  closePull(repo: Repo, pr: Pull) {
    this.refresh(repo, pr);
    pr.frozenBase = repo.git.mergeBase(pr.headSha, pr.baseSha);
    pr.state = 'closed';
    pr.closedAt = pr.updatedAt = isoNow();
  }

  mergePull(repo: Repo, pr: Pull): string {
    if (pr.state !== 'open') throw new ApiError(405, 'Pull Request is not mergeable');
    const { files } = this.changesOf(repo, pr);
    const tree = repo.git.treeWith(
      commitOf(repo, pr.baseSha).tree,
      files.map((f) => ({ path: f.filename, sha: f.status === 'removed' ? null : f.sha, mode: repo.git.tree(commitOf(repo, pr.headSha).tree).get(f.filename)?.mode })),
    );
    const merge = repo.git.putCommit({ tree, parents: [pr.baseSha, pr.headSha], message: `Merge pull request #${pr.number} from ${repo.owner}/${pr.head}\n\n${pr.title}`, author: this.signature() });
    this.closePull(repo, pr);
    repo.git.refs.set(`refs/heads/${pr.base}`, merge.sha);
    pr.mergedAt = pr.closedAt;
    pr.mergeCommitSha = merge.sha;
    return merge.sha;
  }

  /** Creates the head branch from the base, commits `files` on it, and opens the PR (as a person would). */
  openPullRequest(repo: string, input: { head: string; base?: string; title: string; body?: string; files: Record<string, string | null> }): PullRequestSnapshot {
    const r = this.repoOf(repo);
    const baseBranch = input.base ?? r.git.defaultBranch;
    const from = r.git.branch(baseBranch);
    if (from === undefined) throw new Error(`no branch ${baseBranch} in ${repo}`);
    if (r.git.branch(input.head) === undefined) r.git.refs.set(`refs/heads/${input.head}`, from);
    this.commitFiles(repo, input.files, { branch: input.head, message: input.title });
    try {
      return this.snapshot(r, this.createPull(r, { ...input, base: baseBranch }));
    } catch (e) {
      throw e instanceof ApiError ? new Error(`${e.status} ${e.message} ${JSON.stringify(e.extra)}`) : e;
    }
  }

  snapshot(repo: Repo, pr: Pull): PullRequestSnapshot {
    const { files, commits } = this.changesOf(repo, pr);
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
      html_url: `${this.baseUrl}/${slug(repo)}/pull/${pr.number}`,
      files,
      commits,
    };
  }
}
