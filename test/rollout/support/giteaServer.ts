/**
 * A loopback stand-in for a Gitea server: a real HTTP server on 127.0.0.1 answering the part
 * of Gitea's API that Backstage's own Gitea integration (GiteaUrlReader) calls, so the real
 * UrlReader, the real catalog and the real `fetch:plain` action work against it:
 *   GET /api/v1/repos/{owner}/{repo}/contents/{path}?ref=  (readUrl: JSON, base64 content, ETag)
 *   GET /api/v1/repos/{owner}/{repo}/git/commits/{ref}     (readTree: the commit sha)
 *   GET /api/v1/repos/{owner}/{repo}/archive/{ref}.tar.gz  (readTree: the repository as a tarball)
 *   GET /{owner}/{repo}/raw/branch/{ref}/{path}            (the raw file, as a browser or curl gets it)
 * Why Gitea: `fetch:plain` needs a reader with readTree, which plain HTTP hosts
 * (backend.reading.allow) do not have, and GitHub/GitLab cannot be reached from here.
 * Every repository has one branch, `main`; content can change while the server runs.
 * Files are answered (ETag, 304, raw bytes) and the loopback server run by the demo backend's
 * repositoryHttp.ts, as for test/support/repoServer.ts; this adds Gitea's routes and formats.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { etagOf, ifNoneMatchHits, sendFile, startLoopbackServer } from '../../../packages/backend/src/demo/repositoryHttp';

export interface GiteaServer {
  /** `http://127.0.0.1:<port>` */
  readonly baseUrl: string;
  /** `127.0.0.1:<port>`, the integration's host. */
  readonly host: string;
  /** The web URL of a path in a repository, as Backstage's Gitea integration writes it (`.../src/branch/main/<path>`). */
  webUrl(repo: string, path?: string): string;
  setFile(repo: string, path: string, content: string | Buffer): void;
  /** Request paths answered, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** One ustar header block (names up to 255 bytes through the prefix field). */
function tarHeader(name: string, size: number, type: '0' | '5'): Buffer {
  const block = Buffer.alloc(512);
  let prefix = '';
  let base = name;
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf('/', name.length - 2);
    prefix = name.slice(0, cut);
    base = name.slice(cut + 1);
  }
  block.write(base, 0, 100, 'utf8');
  block.write(type === '5' ? '0000755\0' : '0000644\0', 100, 'ascii');
  block.write('0000000\0', 108, 'ascii');
  block.write('0000000\0', 116, 'ascii');
  block.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'ascii');
  block.write('00000000000\0', 136, 'ascii');
  block.write('        ', 148, 'ascii');
  block.write(type, 156, 'ascii');
  block.write('ustar\0', 257, 'ascii');
  block.write('00', 263, 'ascii');
  block.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return block;
}

/** A gzipped tarball with every file under `<top>/`, as Gitea's archive endpoint returns. */
export function tarGz(top: string, files: ReadonlyMap<string, Buffer>): Buffer {
  const parts: Buffer[] = [];
  const dirs = new Set<string>([`${top}/`]);
  for (const path of files.keys()) {
    const segments = path.split('/');
    for (let i = 1; i < segments.length; i++) dirs.add(`${top}/${segments.slice(0, i).join('/')}/`);
  }
  for (const dir of [...dirs].sort()) parts.push(tarHeader(dir, 0, '5'));
  for (const [path, content] of [...files.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    parts.push(tarHeader(`${top}/${path}`, content.length, '0'), content, Buffer.alloc((512 - (content.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(parts));
}

export async function startGiteaServer(): Promise<GiteaServer> {
  const repos = new Map<string, Map<string, Buffer>>();
  const requests: string[] = [];

  const commitOf = (files: Map<string, Buffer>) => {
    const hash = createHash('sha1');
    for (const [p, c] of [...files.entries()].sort(([a], [b]) => a.localeCompare(b))) hash.update(p).update('\0').update(c);
    return hash.digest('hex');
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = decodeURIComponent(url.pathname);
    requests.push(path);
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    const notFound = () => json(404, { message: 'The target couldn\'t be found.' });
    const contents = /^\/api\/v1\/repos\/([^/]+)\/([^/]+)\/contents\/(.+)$/.exec(path);
    if (contents) {
      const file = repos.get(`${contents[1]}/${contents[2]}`)?.get(contents[3]!);
      if (!file || (url.searchParams.get('ref') ?? 'main') !== 'main') return notFound();
      const etag = etagOf(file);
      if (ifNoneMatchHits(req.headers['if-none-match'], etag)) return res.writeHead(304, { etag }).end();
      return json(200, { type: 'file', encoding: 'base64', content: file.toString('base64'), path: contents[3] }, { etag });
    }
    const commit = /^\/api\/v1\/repos\/([^/]+)\/([^/]+)\/git\/commits\/([^/]+)$/.exec(path);
    if (commit) {
      const files = repos.get(`${commit[1]}/${commit[2]}`);
      if (!files || commit[3] !== 'main') return notFound();
      return json(200, { sha: commitOf(files) });
    }
    const archive = /^\/api\/v1\/repos\/([^/]+)\/([^/]+)\/archive\/([^/]+)\.tar\.gz$/.exec(path);
    if (archive) {
      const files = repos.get(`${archive[1]}/${archive[2]}`);
      if (!files || archive[3] !== 'main') return notFound();
      return sendFile(req, res, tarGz(archive[2]!, files), { etags: false });
    }
    const raw = /^\/([^/]+)\/([^/]+)\/raw\/branch\/main\/(.+)$/.exec(path);
    if (raw) {
      return sendFile(req, res, repos.get(`${raw[1]}/${raw[2]}`)?.get(raw[3]!), { etags: false, contentType: 'text/plain; charset=utf-8' });
    }
    // The web page of a file: HTML, like the real thing (what a client must not mistake for the file).
    if (/^\/[^/]+\/[^/]+\/src\/branch\/main\//.test(path)) {
      return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!DOCTYPE html><html><body>Gitea file view</body></html>');
    }
    return notFound();
  };
  const server = await startLoopbackServer((req, res) => {
    handle(req, res);
  });
  return {
    baseUrl: server.baseUrl,
    host: server.host,
    requests,
    webUrl: (repo, path = '') => `${server.baseUrl}/${repo}/src/branch/main/${path}`,
    setFile(repo, path, content) {
      if (!repos.has(repo)) repos.set(repo, new Map());
      repos.get(repo)!.set(path.replace(/^\/+/, ''), Buffer.isBuffer(content) ? content : Buffer.from(content));
    },
    close: server.close,
  };
}
