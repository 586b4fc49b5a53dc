/**
 * The loopback GitHub host's public types: its options, the server handle the demo and the
 * suites hold, and what it records. Re-exported by ./githubServer.ts, the module to import.
 */
import type { Commit, FileChange } from './gitObjects';

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
