/**
 * A tiny loopback "Git host" for the local demo: serves the files of a directory (the
 * `examples/` sample service repositories) over plain HTTP, read fresh on every request so
 * that editing an example changes what the catalog sees on its next processing pass.
 *
 * It answers like a raw-file endpoint of a real Git host (./repositoryHttp.ts, shared with
 * the test hosts): a strong ETag (sha256 of the bytes) on every file, `304 Not Modified` for
 * a matching `If-None-Match`, 404 for anything that is not a regular file inside the root.
 * The catalog reaches it only through the UrlReader (`backend.reading.allow` lists it),
 * exactly like it would reach GitHub.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { sendFile, startLoopbackServer } from './repositoryHttp';

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
  const requestsByStatus = new Map<number, number>();
  const count = (status: number) => requestsByStatus.set(status, (requestsByStatus.get(status) ?? 0) + 1);

  const server = await startLoopbackServer(
    async (req, res) => {
      let file: string | undefined;
      let content: Buffer | undefined;
      try {
        file = req.method === 'GET' || req.method === 'HEAD' ? await resolveFile(rootDir, new URL(req.url ?? '/', 'http://localhost').pathname) : undefined;
        content = file === undefined ? undefined : await fs.readFile(file);
      } catch (error) {
        count(500);
        throw error;
      }
      const contentType = file === undefined ? undefined : (CONTENT_TYPES[path.extname(file)] ?? 'text/plain; charset=utf-8');
      count(sendFile(req, res, content, { contentType, headers: { 'cache-control': 'no-cache' } }));
    },
    { port: options.port, host: options.host },
  );

  return {
    url: server.baseUrl,
    port: server.port,
    requestsByStatus,
    close: server.close,
  };
}
