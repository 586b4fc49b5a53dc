/**
 * A tiny loopback "Git host" for the local demo: serves the files of a directory (the
 * `examples/` sample service repositories) over plain HTTP, read fresh on every request so
 * that editing an example changes what the catalog sees on its next processing pass.
 *
 * It answers like a raw-file endpoint of a real Git host: a strong ETag (sha256 of the
 * bytes) on every file, `304 Not Modified` for a matching `If-None-Match`, 404 for anything
 * that is not a regular file inside the root. The catalog reaches it only through the
 * UrlReader (`backend.reading.allow` lists it), exactly like it would reach GitHub.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

export interface ExampleRepositoryServerOptions {
  /** Directory whose files are served; `/payments-api/Dockerfile` is `<rootDir>/payments-api/Dockerfile`. */
  rootDir: string;
  /** Port to listen on; 0 picks a free one. */
  port: number;
  /** Interface to bind; loopback by default (the server has no authentication). */
  host?: string;
}

export interface ExampleRepositoryServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:7008`. */
  readonly url: string;
  readonly port: number;
  /** Requests answered so far, by status code (200, 304, 404, ...). */
  readonly requestsByStatus: ReadonlyMap<number, number>;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.yaml': 'application/yaml; charset=utf-8',
  '.yml': 'application/yaml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

/** Resolves a URL path to a regular file inside rootDir (after symlinks), or undefined. */
async function resolveFile(rootDir: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const candidate = path.resolve(rootDir, `.${path.posix.normalize(`/${decoded}`)}`);
  try {
    const real = await fs.realpath(candidate);
    if (real !== rootDir && !real.startsWith(rootDir + path.sep)) return undefined;
    const stat = await fs.stat(real);
    return stat.isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

export async function startExampleRepositoryServer(
  options: ExampleRepositoryServerOptions,
): Promise<ExampleRepositoryServer> {
  const rootDir = await fs.realpath(path.resolve(options.rootDir));
  const host = options.host ?? '127.0.0.1';
  const requestsByStatus = new Map<number, number>();

  const server = http.createServer(async (req, res) => {
    const answer = (status: number, body: string | Buffer, headers: http.OutgoingHttpHeaders = {}) => {
      requestsByStatus.set(status, (requestsByStatus.get(status) ?? 0) + 1);
      res.writeHead(status, { 'cache-control': 'no-cache', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        answer(405, 'method not allowed\n', { allow: 'GET, HEAD', 'content-type': 'text/plain' });
        return;
      }
      const { pathname } = new URL(req.url ?? '/', 'http://localhost');
      const file = await resolveFile(rootDir, pathname);
      if (!file) {
        answer(404, 'not found\n', { 'content-type': 'text/plain' });
        return;
      }
      const content = await fs.readFile(file);
      const etag = `"${createHash('sha256').update(content).digest('hex')}"`;
      const ifNoneMatch = req.headers['if-none-match'];
      if (ifNoneMatch && ifNoneMatch.split(',').some(tag => tag.trim() === etag || tag.trim() === '*')) {
        answer(304, '', { etag });
        return;
      }
      answer(200, content, {
        etag,
        'content-type': CONTENT_TYPES[path.extname(file)] ?? 'text/plain; charset=utf-8',
        'content-length': content.length,
      });
    } catch (error) {
      answer(500, `internal error: ${(error as Error).message}\n`, { 'content-type': 'text/plain' });
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${host}:${port}`,
    port,
    requestsByStatus,
    close: () =>
      new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
