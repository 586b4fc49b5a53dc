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
 *
 * The parts: ./types.ts (the public types, re-exported here), ./hostState.ts (repositories,
 * pull requests, faults, rate budget), ./jsonViews.ts (GitHub's JSON shapes), ./routing.ts
 * (the request context and route helpers), the routes by API area (./repositoryRoutes.ts,
 * ./gitDataRoutes.ts, ./pullRoutes.ts, ./graphqlRoute.ts, ./siteRoutes.ts), ./faults.ts and
 * ./requestHandler.ts, which ties them together.
 */
import { startLoopbackServer } from '../repositoryHttp';
import { GitHubState } from './hostState';
import { GitHubViews } from './jsonViews';
import { requestHandler } from './requestHandler';
import type { GitHubServer, GitHubServerOptions } from './types';

export { rateLimitExceeded, secondaryRateLimit } from './faults';
export type { CommitOptions, GitHubFault, GitHubRequest, GitHubServer, GitHubServerOptions, PullRequestSnapshot, RequestMatcher } from './types';

export async function startGitHubServer(options: GitHubServerOptions = {}): Promise<GitHubServer> {
  const state = new GitHubState(options);
  const server = await startLoopbackServer(requestHandler(state, new GitHubViews(state)), { port: options.port ?? 0 });
  state.baseUrl = server.baseUrl;
  const base = state.baseUrl;
  const api = state.apiUrl;
  const defaultBranch = state.defaultBranch;

  return {
    baseUrl: base,
    host: server.host,
    apiBaseUrl: api,
    rawBaseUrl: `${base}/raw`,
    integration: (token) => ({ host: server.host, apiBaseUrl: api, rawBaseUrl: `${base}/raw`, ...(token !== undefined ? { token } : {}) }),
    webUrl: (repo, path = '', ref = defaultBranch) => `${base}/${repo}/blob/${ref}/${path.replace(/^\/+/, '')}`,
    treeUrl: (repo, path = '', ref = defaultBranch) => `${base}/${repo}/tree/${ref}/${path.replace(/^\/+/, '')}`,
    setFile: (repo, path, content, o) => state.commitFiles(repo, { [path]: content }, o),
    setFiles: (repo, files, o) => state.commitFiles(repo, files, o),
    deleteFile: (repo, path, o) => state.commitFiles(repo, { [path]: null }, o),
    files: (repo, branch) => state.filesOf(repo, branch),
    branches: (repo) => state.branchesOf(repo),
    openPullRequest: (repo, input) => state.openPullRequest(repo, input),
    pullRequests: (repo) => (repo !== undefined ? [state.repoOf(repo)] : [...state.repos.values()]).flatMap((r) => r.pulls.map((p) => state.snapshot(r, p))),
    merge(repo, number) {
      const { r, pr } = state.findPull(repo, number);
      if (pr.state !== 'open') throw new Error(`${repo}#${number} is not open`);
      return state.mergePull(r, pr);
    },
    closePullRequest(repo, number) {
      const { r, pr } = state.findPull(repo, number);
      if (pr.state !== 'open') throw new Error(`${repo}#${number} is not open`);
      state.closePull(r, pr);
    },
    requests: state.requests,
    failNext: (matcher, fault) => state.failNext(matcher, fault),
    close: server.close,
  };
}
