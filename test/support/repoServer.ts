/**
 * A stand-in for a Git host's raw-file endpoint: a real HTTP server on 127.0.0.1 that serves
 * in-memory repositories, answers If-None-Match with 304 (ETag = hash of the content),
 * counts every request by path and status, and can be switched down (connection refused)
 * or to answering 500. Content can change while it runs. GitHub itself cannot be reached
 * from the test machine; everything the UrlReader does against it here is real HTTP.
 *
 * Reusable by any suite: `const repo = await startRepoServer({ 'svc/Dockerfile': '...' })`,
 * then point `backend.reading.allow: [{ host: repo.host }]` at it.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type RepoServerMode = 'up' | 'error500' | 'down';

export interface RepoRequest {
  method: string;
  path: string;
  status: number;
  /** The request carried If-None-Match. */
  conditional: boolean;
  /** When it was answered (ms since the epoch). */
  at: number;
}

export interface RepoServer {
  /** `http://127.0.0.1:<port>` */
  readonly baseUrl: string;
  /** `127.0.0.1:<port>`, as backend.reading.allow wants it. */
  readonly host: string;
  readonly requests: readonly RepoRequest[];
  url(path: string): string;
  setFile(path: string, content: string | Buffer): void;
  deleteFile(path: string): void;
  /** Delay every response by this many milliseconds (0 = none). */
  setDelay(ms: number): void;
  /** false: answer like a host without ETags (no ETag header, never 304). Default true. */
  setEtags(on: boolean): void;
  /** 'down' stops listening (connection refused); 'up' listens again on the same port. */
  setMode(mode: RepoServerMode): Promise<void>;
  /** Requests for a path (leading slash optional), optionally only those answered with `status`. */
  count(path: string, status?: number): number;
  resetRequests(): void;
  close(): Promise<void>;
}

export function etagOf(content: Buffer): string {
  return `"${createHash('sha256').update(content).digest('hex').slice(0, 32)}"`;
}

function normalize(path: string): string {
  return `/${path.replace(/^\/+/, '')}`;
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  // If-None-Match uses weak comparison: W/"x" matches "x".
  return header.split(',').some(tag => tag.trim().replace(/^W\//, '') === etag);
}

export async function startRepoServer(initial: Record<string, string | Buffer> = {}): Promise<RepoServer> {
  const files = new Map<string, Buffer>();
  for (const [p, c] of Object.entries(initial)) files.set(normalize(p), Buffer.isBuffer(c) ? c : Buffer.from(c));
  const requests: RepoRequest[] = [];
  let mode: RepoServerMode = 'up';
  let delayMs = 0;
  let etags = true;
  const sockets = new Set<Socket>();

  const server = http.createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const record = (status: number) =>
      requests.push({ method: req.method ?? 'GET', path, status, conditional: req.headers['if-none-match'] !== undefined, at: Date.now() });
    const respond = () => {
      if (mode === 'error500') {
        record(500);
        res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error (simulated)');
        return;
      }
      const body = files.get(path);
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        record(405);
        res.writeHead(405).end();
        return;
      }
      if (!body) {
        record(404);
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      const etag = etagOf(body);
      if (etags && matchesEtag(req.headers['if-none-match'], etag)) {
        record(304);
        res.writeHead(304, { etag }).end();
        return;
      }
      record(200);
      res.writeHead(200, { ...(etags ? { etag } : {}), 'content-type': 'application/octet-stream', 'content-length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    // unref: a delayed answer nobody waits for any more must not keep the test process alive.
    if (delayMs > 0) setTimeout(respond, delayMs).unref();
    else respond();
  });
  server.on('connection', socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // The client may drop the connection mid-body (a size cap or a timeout): that is not a server error.
  server.on('clientError', (_err, socket) => socket.destroy());

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>(resolve => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
    });

  await listen(0);
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;

  return {
    baseUrl,
    host: `127.0.0.1:${port}`,
    requests,
    url: path => `${baseUrl}${normalize(path)}`,
    setFile: (path, content) => files.set(normalize(path), Buffer.isBuffer(content) ? content : Buffer.from(content)),
    deleteFile: path => files.delete(normalize(path)),
    setDelay: ms => {
      delayMs = ms;
    },
    setEtags: on => {
      etags = on;
    },
    async setMode(next) {
      if (next === 'down' && mode !== 'down') await stop();
      if (next !== 'down' && mode === 'down') await listen(port);
      mode = next;
    },
    count: (path, status) => requests.filter(r => r.path === normalize(path) && (status === undefined || r.status === status)).length,
    resetRequests: () => {
      requests.length = 0;
    },
    close: stop,
  };
}
