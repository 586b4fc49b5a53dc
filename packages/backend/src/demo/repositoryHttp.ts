/**
 * Serving repository files over HTTP the way Backstage's UrlReaders read them from a Git
 * host's raw-file endpoint: a strong ETag (sha256 of the bytes) on every file, `304 Not
 * Modified` for a matching `If-None-Match`, 404 for a missing file, 405 for anything but GET
 * and HEAD; and a loopback server that can be stopped and listen again on the same port.
 *
 * One implementation for every stand-in Git host of the repository: the demo's example
 * repository server (./exampleRepositoryServer.ts, files from a directory) and the test hosts
 * built on it (test/support/repoServer.ts, in-memory files with faults to inject;
 * test/rollout/support/giteaServer.ts, a fake of the Gitea API). Production code never
 * imports from test/; the tests import this.
 */
import { createHash } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * The strong ETag of a file's bytes, as the hosts here send it.
 */
export function etagOf(content: Buffer): string {
  return `"${createHash('sha256').update(content).digest('hex')}"`;
}

/**
 * Whether an If-None-Match header matches `etag`: `*`, or one of its tags under the weak
 * comparison If-None-Match uses (`W/"x"` matches `"x"`).
 */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some(tag => {
    const t = tag.trim();
    return t === '*' || (t.startsWith('W/') ? t.slice(2) : t) === etag;
  });
}

export interface SendFileOptions {
  /** false: answer like a host without ETags (no ETag header, never 304). Default true. */
  etags?: boolean;
  /** Content type of a 200 answer (default application/octet-stream). */
  contentType?: string;
  /** Headers on every answer (e.g. cache-control). */
  headers?: http.OutgoingHttpHeaders;
}

/**
 * Answers one request for a file (`undefined`: there is none) like a raw-file endpoint and
 * returns the status sent: 405 unless GET or HEAD, 404, 304 for a matching If-None-Match,
 * else 200 with the bytes (none for HEAD).
 */
export function sendFile(req: http.IncomingMessage, res: http.ServerResponse, content: Buffer | undefined, options: SendFileOptions = {}): number {
  const common = options.headers ?? {};
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...common, allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('method not allowed\n');
    return 405;
  }
  if (content === undefined) {
    res.writeHead(404, { ...common, 'content-type': 'text/plain' }).end(req.method === 'HEAD' ? undefined : 'not found\n');
    return 404;
  }
  const etag = options.etags === false ? undefined : etagOf(content);
  if (etag !== undefined && ifNoneMatchHits(req.headers['if-none-match'], etag)) {
    res.writeHead(304, { ...common, etag }).end();
    return 304;
  }
  res.writeHead(200, {
    ...common,
    ...(etag !== undefined ? { etag } : {}),
    'content-type': options.contentType ?? 'application/octet-stream',
    'content-length': content.length,
  });
  res.end(req.method === 'HEAD' ? undefined : content);
  return 200;
}

export interface LoopbackServerOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind; loopback by default (these servers have no authentication). */
  host?: string;
}

export interface LoopbackServer {
  /** `127.0.0.1:<port>`, as backend.reading.allow and the integrations want it. */
  readonly host: string;
  readonly port: number;
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly baseUrl: string;
  /** Stops listening and drops open connections (a client then sees connection refused). */
  close(): Promise<void>;
  /** Listens again on the same port after close(). */
  reopen(): Promise<void>;
}

/**
 * An HTTP server for `handler` on a loopback port. A handler that throws or rejects answers
 * 500 (or drops the connection when the answer has begun); a client that drops the connection
 * mid-answer (a size cap, a timeout) is not an error.
 */
export async function startLoopbackServer(
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>,
  options: LoopbackServerOptions = {},
): Promise<LoopbackServer> {
  const bindTo = options.host ?? '127.0.0.1';
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const failed = (error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(500, { 'content-type': 'text/plain' }).end(`internal error: ${(error as Error)?.message ?? String(error)}\n`);
    };
    try {
      Promise.resolve(handler(req, res)).catch(failed);
    } catch (error) {
      failed(error);
    }
  });
  server.on('connection', socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_err, socket) => socket.destroy());

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, bindTo, () => {
        server.off('error', reject);
        resolve();
      });
    });
  const close = () =>
    new Promise<void>(resolve => {
      if (!server.listening) {
        resolve();
        return;
      }
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });

  await listen(options.port ?? 0);
  const { port } = server.address() as AddressInfo;
  return {
    host: `${bindTo}:${port}`,
    port,
    baseUrl: `http://${bindTo}:${port}`,
    close,
    reopen: () => listen(port),
  };
}
