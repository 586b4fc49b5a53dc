/**
 * The loopback GitHub host's request handler: records each request, answers an armed fault,
 * checks the token and spends its rate budget as GitHub does, then routes (GraphQL, the REST
 * route table, then the non-API paths) and answers an ApiError as GitHub's JSON error.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './apiError';
import { gitDataRoutes } from './gitDataRoutes';
import { graphql } from './graphqlRoute';
import type { GitHubState } from './hostState';
import type { GitHubViews } from './jsonViews';
import { pullRoutes } from './pullRoutes';
import { repositoryRoutes } from './repositoryRoutes';
import type { Ctx, Route } from './routing';
import { serveSite } from './siteRoutes';
import type { GitHubRequest } from './types';

/** Tried in order: the first whose method and pattern match answers. */
const routes: Route[] = [...repositoryRoutes, ...gitDataRoutes, ...pullRoutes];

/** GitHub's JSON error answer. */
const fail = (ctx: Ctx, status: number, message: string, extra: Record<string, unknown> = {}) =>
  ctx.json(status, { message, ...extra, documentation_url: 'https://docs.github.com/rest', status: String(status) });

/** The request's context, recorded in `state.requests` (its status set when the answer is sent). */
function contextOf(state: GitHubState, views: GitHubViews, req: IncomingMessage, res: ServerResponse): Ctx {
  const url = new URL(req.url ?? '/', state.baseUrl);
  const method = req.method ?? 'GET';
  const path = decodeURIComponent(url.pathname);
  const auth = /^(?:bearer|token)\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  const token = auth?.[1];
  const entry: GitHubRequest = { method, path, query: url.search, status: 0, ...(token !== undefined ? { token } : {}), fault: false };
  state.requests.push(entry);
  res.on('finish', () => {
    entry.status = res.statusCode;
  });
  const isApi = path.startsWith('/api/');
  const json = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { ...(isApi ? state.rateHeaders(token) : {}), 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body));
  };
  return { req, res, url, method, path, request: entry, json, state, views, ...(token !== undefined ? { token } : {}) };
}

/** Answers the request with an armed fault, if one matches it. */
function answerFault(ctx: Ctx): boolean {
  const fault = ctx.state.takeFault(ctx.method, ctx.path, ctx.url.searchParams);
  if (!fault) return false;
  ctx.request.fault = true;
  const body = fault.body ?? { message: `loopback fault ${fault.status}` };
  ctx.res.writeHead(fault.status, { 'content-type': 'application/json; charset=utf-8', ...fault.headers }).end(typeof body === 'string' ? body : JSON.stringify(body));
  return true;
}

/** An API request's token check and rate budget; answers 401 or 403 and returns false when refused. */
function admit(ctx: Ctx): boolean {
  const { state, req, token, method, path } = ctx;
  if (req.headers.authorization !== undefined && (token === undefined || (state.token !== undefined && token !== state.token))) {
    fail(ctx, 401, 'Bad credentials');
    return false;
  }
  if (token === undefined && ((method !== 'GET' && method !== 'HEAD') || path === '/api/graphql' || path === '/api/v3/user')) {
    fail(ctx, 401, 'Requires authentication');
    return false;
  }
  if (token !== undefined && !state.spend(token)) {
    fail(ctx, 403, 'API rate limit exceeded for user ID 1.');
    return false;
  }
  return true;
}

async function route(ctx: Ctx): Promise<void> {
  const { path, method } = ctx;
  if (path === '/api/graphql' && method === 'POST') return await graphql(ctx);
  for (const [m, pattern, handler] of routes) {
    const match = pattern.exec(path);
    if (!match || m !== method) continue;
    const repoMatch = /^\/api\/v3\/repos\/([^/]+)\/([^/]+)/.exec(path);
    if (repoMatch) {
      ctx.repo = ctx.state.repos.get(`${repoMatch[1]}/${repoMatch[2]}`);
      if (!ctx.repo) return fail(ctx, 404, 'Not Found');
    }
    return await handler(ctx, match);
  }
  if (serveSite(ctx)) return;
  return fail(ctx, 404, 'Not Found');
}

export function requestHandler(state: GitHubState, views: GitHubViews) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const ctx = contextOf(state, views, req, res);
    if (answerFault(ctx)) return;
    if (ctx.path.startsWith('/api/') && !admit(ctx)) return;
    try {
      await route(ctx);
    } catch (e) {
      if (e instanceof ApiError) return fail(ctx, e.status, e.message, e.extra);
      throw e;
    }
  };
}
