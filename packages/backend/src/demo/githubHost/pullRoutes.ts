/**
 * The loopback GitHub host's pull request routes: list, open, read, update (close, reopen,
 * retarget), the changed files and the merge.
 */
import { ApiError, validationFailed } from './apiError';
import { isoNow, type FileChange } from './gitObjects';
import { slug } from './hostState';
import { page, R, readBody, type Ctx, type Route } from './routing';

function listPulls(ctx: Ctx) {
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
  const { items, headers } = page(ctx, list);
  ctx.json(200, items.map((p) => ctx.views.pullJson(repo, p, false)), headers);
}

/** PATCH /pulls/{n}: base, title, body, and closing or reopening as GitHub allows it. */
async function updatePull(ctx: Ctx, m: RegExpExecArray) {
  const repo = ctx.repo!;
  const pr = ctx.state.pullOf(repo, Number(m[1]));
  const body = await readBody(ctx.req);
  if (typeof body.base === 'string' && body.base !== pr.base) {
    if (repo.git.branch(body.base) === undefined) throw validationFailed({ resource: 'PullRequest', field: 'base', code: 'invalid' });
    pr.base = body.base;
  }
  if (typeof body.title === 'string') pr.title = body.title;
  if (typeof body.body === 'string') pr.body = body.body;
  if (body.state === 'closed' && pr.state === 'open') ctx.state.closePull(repo, pr);
  if (body.state === 'open' && pr.state === 'closed') {
    if (pr.mergedAt !== null) throw new ApiError(422, 'Cannot reopen a merged pull request');
    if (repo.git.branch(pr.head) === undefined || repo.pulls.some((p) => p.state === 'open' && p.head === pr.head && p.base === pr.base)) {
      throw validationFailed({ resource: 'PullRequest', code: 'custom', message: 'state cannot be changed.' });
    }
    Object.assign(pr, { state: 'open', closedAt: null, frozenBase: undefined });
  }
  pr.updatedAt = isoNow();
  ctx.json(200, ctx.views.pullJson(repo, pr, true));
}

function pullFiles(ctx: Ctx, m: RegExpExecArray) {
  const repo = ctx.repo!;
  const pr = ctx.state.pullOf(repo, Number(m[1]));
  const { items, headers } = page(ctx, ctx.state.changesOf(repo, pr).files);
  const at = (f: FileChange) => (f.status === 'removed' ? pr.baseSha : pr.headSha);
  const base = ctx.state.baseUrl;
  ctx.json(
    200,
    items.map((f) => ({ ...f, additions: 0, deletions: 0, changes: 0, blob_url: `${base}/${slug(repo)}/blob/${at(f)}/${f.filename}`, raw_url: `${base}/raw/${slug(repo)}/${at(f)}/${f.filename}` })),
    headers,
  );
}

export const pullRoutes: Route[] = [
  ['GET', new RegExp(`${R}/pulls$`), listPulls],
  ['POST', new RegExp(`${R}/pulls$`), async (ctx) => ctx.json(201, ctx.views.pullJson(ctx.repo!, ctx.state.createPull(ctx.repo!, await readBody(ctx.req)), true))],
  ['GET', new RegExp(`${R}/pulls/(\\d+)$`), (ctx, m) => ctx.json(200, ctx.views.pullJson(ctx.repo!, ctx.state.pullOf(ctx.repo!, Number(m[1])), true))],
  ['PATCH', new RegExp(`${R}/pulls/(\\d+)$`), updatePull],
  ['GET', new RegExp(`${R}/pulls/(\\d+)/files$`), pullFiles],
  [
    'GET',
    new RegExp(`${R}/pulls/(\\d+)/merge$`),
    (ctx, m) => {
      if (ctx.state.pullOf(ctx.repo!, Number(m[1])).mergedAt === null) throw new ApiError(404, 'Not Found');
      ctx.res.writeHead(204, ctx.state.rateHeaders(ctx.token)).end();
    },
  ],
  [
    'PUT',
    new RegExp(`${R}/pulls/(\\d+)/merge$`),
    (ctx, m) => ctx.json(200, { sha: ctx.state.mergePull(ctx.repo!, ctx.state.pullOf(ctx.repo!, Number(m[1]))), merged: true, message: 'Pull Request successfully merged' }),
  ],
];
