/**
 * The loopback GitHub host's Git data routes (/git/blobs, trees, commits, refs): read by
 * GithubUrlReader.search and the tests, written by the PR plugin to build its commit and
 * create or move its branch.
 */
import { ApiError, validationFailed } from './apiError';
import { commitOf, slug, type Repo } from './hostState';
import { needCommit, R, readBody, type Ctx, type Route } from './routing';

/** `refs/...` as given, or the short form (`heads/x`) made full. */
const fullRef = (m: RegExpExecArray) => (m[1]!.startsWith('refs/') ? m[1]! : `refs/${m[1]}`);

/** The API URL of a blob, tree or commit of the repository. */
const objectUrl = (ctx: Ctx, repo: Repo) => (type: string, sha: string) => `${ctx.state.apiUrl}/repos/${slug(repo)}/git/${type}s/${sha}`;

type TreeEntryInput = { path?: unknown; mode?: unknown; type?: unknown; sha?: unknown; content?: unknown };

/** One entry of a POSTed tree as a change: inline content becomes a blob, `sha: null` removes the path. */
function treeChange(repo: Repo, e: TreeEntryInput) {
  if (typeof e.path !== 'string' || e.path === '') throw validationFailed({ resource: 'Tree', field: 'path', code: 'missing_field' });
  if (e.type === 'tree' || e.type === 'commit' || e.mode === '040000' || e.mode === '160000') throw new ApiError(422, 'the loopback GitHub host takes only blob entries in a tree');
  const mode = typeof e.mode === 'string' ? e.mode : '100644';
  if (typeof e.content === 'string') return { path: e.path, mode, sha: repo.git.putBlob(Buffer.from(e.content, 'utf8')) };
  if (e.sha === null) return { path: e.path, mode, sha: null };
  if (typeof e.sha !== 'string' || !repo.git.blobs.has(e.sha)) throw new ApiError(422, 'GitRPC::BadObjectState');
  return { path: e.path, mode, sha: e.sha };
}

const readRoutes: Route[] = [
  [
    'GET',
    new RegExp(`${R}/git/blobs/([0-9a-f]{40})$`),
    (ctx, m) => {
      const blob = ctx.repo!.git.blobs.get(m[1]!);
      if (!blob) throw new ApiError(404, 'Not Found');
      ctx.json(200, { sha: m[1], node_id: `B_${m[1]}`, size: blob.length, url: `${ctx.state.apiUrl}/repos/${slug(ctx.repo!)}/git/blobs/${m[1]}`, content: blob.toString('base64'), encoding: 'base64' });
    },
  ],
  [
    'GET',
    new RegExp(`${R}/git/trees/(.+)$`),
    (ctx, m) => {
      const repo = ctx.repo!;
      const treeSha = repo.git.trees.has(m[1]!) ? m[1]! : commitOf(repo, needCommit(repo, m[1]!)).tree;
      const recursive = ctx.url.searchParams.has('recursive');
      const url = objectUrl(ctx, repo);
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
      ctx.json(200, ctx.views.gitCommitJson(ctx.repo!, c));
    },
  ],
  [
    'GET',
    new RegExp(`${R}/git/ref/(.+)$`),
    (ctx, m) => {
      if (!ctx.repo!.git.refs.has(`refs/${m[1]}`)) throw new ApiError(404, 'Not Found');
      ctx.json(200, ctx.views.refJson(ctx.repo!, `refs/${m[1]}`));
    },
  ],
];

const objectWriteRoutes: Route[] = [
  [
    'POST',
    new RegExp(`${R}/git/blobs$`),
    async (ctx) => {
      const body = await readBody(ctx.req);
      if (typeof body.content !== 'string') throw validationFailed({ resource: 'Blob', field: 'content', code: 'missing_field' });
      if (body.encoding !== undefined && body.encoding !== 'utf-8' && body.encoding !== 'base64') throw validationFailed({ resource: 'Blob', field: 'encoding', code: 'invalid' });
      const sha = ctx.repo!.git.putBlob(Buffer.from(body.content, body.encoding === 'base64' ? 'base64' : 'utf8'));
      ctx.json(201, { sha, url: `${ctx.state.apiUrl}/repos/${slug(ctx.repo!)}/git/blobs/${sha}` });
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
      const changes = body.tree.map((e: TreeEntryInput) => treeChange(repo, e));
      const sha = repo.git.treeWith(body.base_tree, changes);
      const url = objectUrl(ctx, repo);
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
      const author = ctx.state.signature(body.author);
      const c = repo.git.putCommit({ tree: body.tree, parents: parents as string[], message: body.message, author, committer: body.committer ? ctx.state.signature(body.committer) : author });
      ctx.json(201, ctx.views.gitCommitJson(repo, c));
    },
  ],
];

const refWriteRoutes: Route[] = [
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
      ctx.json(201, ctx.views.refJson(repo, body.ref));
    },
  ],
  [
    'PATCH',
    new RegExp(`${R}/git/refs/(.+)$`),
    async (ctx, m) => {
      const repo = ctx.repo!;
      const body = await readBody(ctx.req);
      const ref = fullRef(m);
      const current = repo.git.refs.get(ref);
      if (current === undefined) throw new ApiError(422, 'Reference does not exist');
      if (typeof body.sha !== 'string' || !repo.git.commits.has(body.sha)) throw new ApiError(422, 'Object does not exist');
      if (body.force !== true && !repo.git.ancestors(body.sha).has(current)) throw new ApiError(422, 'Update is not a fast forward');
      repo.git.refs.set(ref, body.sha);
      ctx.json(200, ctx.views.refJson(repo, ref));
    },
  ],
  [
    'DELETE',
    new RegExp(`${R}/git/refs/(.+)$`),
    (ctx, m) => {
      const repo = ctx.repo!;
      const ref = fullRef(m);
      if (!repo.git.refs.has(ref)) throw new ApiError(422, 'Reference does not exist');
      // As on GitHub, deleting a PR's head branch closes the PR.
      for (const pr of repo.pulls) if (pr.state === 'open' && `refs/heads/${pr.head}` === ref) ctx.state.closePull(repo, pr);
      repo.git.refs.delete(ref);
      ctx.res.writeHead(204, ctx.state.rateHeaders(ctx.token)).end();
    },
  ],
];

export const gitDataRoutes: Route[] = [...readRoutes, ...objectWriteRoutes, ...refWriteRoutes];
