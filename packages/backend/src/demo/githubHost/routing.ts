/**
 * What the loopback GitHub host's API routes share: the request context a handler gets, the
 * route table's row, and the helpers (JSON body, pagination, ref resolution) of GitHub's REST API.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './apiError';
import type { GitHubState, Repo } from './hostState';
import type { GitHubViews } from './jsonViews';
import type { GitHubRequest } from './types';

export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  method: string;
  /** Decoded path. */
  path: string;
  /** This request's record in `state.requests`. */
  request: GitHubRequest;
  token?: string;
  /** Set for a route under /api/v3/repos/{o}/{r} (an unknown repository answers 404 before the handler). */
  repo?: Repo;
  state: GitHubState;
  views: GitHubViews;
  json(status: number, body: unknown, headers?: Record<string, string>): void;
}

export type Route = [method: string, pattern: RegExp, handler: (ctx: Ctx, m: RegExpExecArray) => void | Promise<void>];

/** The prefix of every repository route's pattern. */
export const R = '^/api/v3/repos/[^/]+/[^/]+';

export function readBody(req: IncomingMessage): Promise<any> {
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
export function trimSlashes(path: string): string {
  let start = 0;
  let end = path.length;
  while (start < end && path[start] === '/') start++;
  while (end > start && path[end - 1] === '/') end--;
  return path.slice(start, end);
}

/** Query-string pagination (`per_page`, `page`) with GitHub's Link header. */
export function page<T>(ctx: Ctx, items: T[]): { items: T[]; headers: Record<string, string> } {
  const url = ctx.url;
  const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 30) || 30));
  const current = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (n: number, rel: string) => {
    const u = new URL(`${ctx.state.baseUrl}${url.pathname}${url.search}`);
    u.searchParams.set('page', String(n));
    return `<${u.toString()}>; rel="${rel}"`;
  };
  const links = [...(current < last ? [link(current + 1, 'next'), link(last, 'last')] : []), ...(current > 1 ? [link(current - 1, 'prev'), link(1, 'first')] : [])];
  return { items: items.slice((current - 1) * perPage, current * perPage), headers: links.length > 0 ? { link: links.join(', ') } : {} };
}

/** The commit a ref (branch, tag or sha) names, or GitHub's 409 (empty repository) / 404. */
export const needCommit = (repo: Repo, ref: string) => {
  const sha = repo.git.resolve(ref);
  if (sha === undefined) throw new ApiError(repo.git.refs.size === 0 ? 409 : 404, repo.git.refs.size === 0 ? 'Git Repository is empty.' : `No commit found for SHA: ${ref}`);
  return sha;
};

