/**
 * What the loopback GitHub host serves outside its API: the tarballs the tarball route
 * redirects to (codeload), raw files (the integration's rawBaseUrl), and the web pages whose
 * URLs Backstage stores. Each answers and returns true when the path is its own.
 */
import { sendFile } from '../repositoryHttp';
import { tarGz } from './tarball';
import type { Ctx } from './routing';

function serveCodeload({ state, req, res, path }: Ctx): boolean {
  const codeload = /^\/_codeload\/([^/]+)\/([^/]+)\/legacy\.tar\.gz\/([0-9a-f]{40})$/.exec(path);
  const codeloadRepo = codeload && state.repos.get(`${codeload[1]}/${codeload[2]}`);
  if (!codeload || !codeloadRepo?.git.commits.has(codeload[3]!)) return false;
  const top = `${codeload[1]}-${codeload[2]}-${codeload[3]!.slice(0, 7)}`;
  sendFile(req, res, tarGz(top, codeloadRepo.git.files(codeload[3]!)), { etags: false, contentType: 'application/x-gzip' });
  return true;
}

function serveRaw({ state, req, res, path }: Ctx): boolean {
  // the integration's rawBaseUrl form, and GitHub Enterprise's web raw form (/{o}/{r}/raw/{ref}/{path})
  const raw = /^\/raw\/([^/]+)\/([^/]+)\/(.+)$/.exec(path) ?? /^\/([^/_][^/]*)\/([^/]+)\/raw\/(.+)$/.exec(path);
  const rawRepo = raw && state.repos.get(`${raw[1]}/${raw[2]}`);
  if (!raw || !rawRepo) return false;
  // A ref may contain slashes: the longest ref that names a commit wins, the rest is the path.
  const segments = raw[3]!.split('/');
  for (let i = segments.length - 1; i >= 1; i--) {
    const sha = rawRepo.git.resolve(segments.slice(0, i).join('/'));
    if (sha !== undefined) {
      sendFile(req, res, rawRepo.git.files(sha).get(segments.slice(i).join('/')), { contentType: 'text/plain; charset=utf-8' });
      return true;
    }
  }
  sendFile(req, res, undefined);
  return true;
}

function serveWebPage({ state, res, path, method }: Ctx): boolean {
  const web = /^\/([^/]+)\/([^/]+)(?:\/(blob|tree|pull|commit)\/.*)?\/?$/.exec(path);
  if (!web || !state.repos.has(`${web[1]}/${web[2]}`) || method !== 'GET') return false;
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!DOCTYPE html><html><body>GitHub (loopback): ${path}</body></html>`);
  return true;
}

/** Answers a codeload, raw or web page path; false when the path is none of them. */
export const serveSite = (ctx: Ctx): boolean => serveCodeload(ctx) || serveRaw(ctx) || serveWebPage(ctx);
