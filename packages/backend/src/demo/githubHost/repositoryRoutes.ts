/**
 * The loopback GitHub host's user, repository, contents, commits and tarball routes: what
 * GithubUrlReader reads (readUrl, readTree, search) and the PR plugin's base lookups.
 */
import { etagOf, ifNoneMatchHits, sendFile } from '../repositoryHttp';
import { ApiError } from './apiError';
import { commitOf, slug } from './hostState';
import { needCommit, page, R, trimSlashes, type Ctx, type Route } from './routing';

/** A file (raw bytes, or JSON with base64 content and a weak ETag) or a directory listing. */
function contents(ctx: Ctx, m: RegExpExecArray) {
  const { state } = ctx;
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
    url: `${state.apiUrl}/repos/${slug(repo)}/contents/${p}?ref=${ref}`,
    html_url: `${state.baseUrl}/${slug(repo)}/${type === 'file' ? 'blob' : 'tree'}/${ref}/${p}`,
    download_url: type === 'file' ? `${state.baseUrl}/raw/${slug(repo)}/${ref}/${p}` : null,
  });
  if (entry) {
    const content = repo.git.blobs.get(entry.sha)!;
    if (/application\/vnd\.github(\.v3)?\.raw/.test(ctx.req.headers.accept ?? '')) {
      sendFile(ctx.req, ctx.res, content, { contentType: 'text/plain; charset=utf-8', headers: state.rateHeaders(ctx.token) });
      return;
    }
    const body = Buffer.from(JSON.stringify({ ...item(path, 'file', entry.sha), encoding: 'base64', content: content.toString('base64') }));
    const etag = `W/${etagOf(body)}`;
    if (ifNoneMatchHits(ctx.req.headers['if-none-match'], etag)) return void ctx.res.writeHead(304, { etag }).end();
    return void ctx.res.writeHead(200, { ...state.rateHeaders(ctx.token), 'content-type': 'application/json; charset=utf-8', etag }).end(body);
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
}

export const repositoryRoutes: Route[] = [
  ['GET', /^\/api\/v3\/user$/, (ctx) => ctx.json(200, { ...ctx.views.userJson(ctx.state.login), name: ctx.state.login })],
  ['GET', new RegExp(`${R}$`), (ctx) => ctx.json(200, ctx.views.repoJson(ctx.repo!, ctx.token !== undefined))],
  ['GET', new RegExp(`${R}/contents(?:/(.*))?$`), contents],
  ['HEAD', new RegExp(`${R}/contents(?:/(.*))?$`), contents],
  [
    'GET',
    new RegExp(`${R}/commits/(.+)/status$`),
    (ctx, m) => {
      const sha = needCommit(ctx.repo!, m[1]!);
      const url = `${ctx.state.apiUrl}/repos/${slug(ctx.repo!)}/commits/${sha}`;
      ctx.json(200, { state: 'pending', statuses: [], sha, total_count: 0, repository: ctx.views.repoJson(ctx.repo!, ctx.token !== undefined), commit_url: url, url: `${url}/status` });
    },
  ],
  [
    'GET',
    new RegExp(`${R}/commits$`),
    (ctx) => {
      const repo = ctx.repo!;
      const head = needCommit(repo, ctx.url.searchParams.get('sha') ?? repo.git.defaultBranch);
      const history = [...repo.git.ancestors(head)].map((s) => commitOf(repo, s));
      const { items, headers } = page(ctx, history);
      ctx.json(200, items.map((c) => ctx.views.commitJson(repo, c)), headers);
    },
  ],
  [
    'GET',
    new RegExp(`${R}/commits/(.+)$`),
    (ctx, m) => {
      const repo = ctx.repo!;
      const c = commitOf(repo, needCommit(repo, m[1]!));
      const parentTree = c.parents[0] !== undefined ? commitOf(repo, c.parents[0]).tree : undefined;
      ctx.json(200, { ...ctx.views.commitJson(repo, c), files: repo.git.diff(parentTree, c.tree) });
    },
  ],
  [
    'GET',
    new RegExp(`${R}/tarball(?:/(.+))?$`),
    (ctx, m) => {
      const sha = needCommit(ctx.repo!, m[1] ?? ctx.repo!.git.defaultBranch);
      ctx.res.writeHead(302, { ...ctx.state.rateHeaders(ctx.token), location: `${ctx.state.baseUrl}/_codeload/${slug(ctx.repo!)}/legacy.tar.gz/${sha}` }).end();
    },
  ],
];
