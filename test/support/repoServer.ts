/**
 * A stand-in for a Git host's raw-file endpoint: a real HTTP server on 127.0.0.1 that serves
 * in-memory repositories, answers If-None-Match with 304 (ETag = hash of the content),
 * counts every request by path and status, and can be switched down (connection refused)
 * or to answering 500. Content can change while it runs. GitHub itself cannot be reached
 * from the test machine; everything the UrlReader does against it here is real HTTP.
 *
 * Reusable by any suite: `const repo = await startRepoServer({ 'svc/Dockerfile': '...' })`,
 * then point `backend.reading.allow: [{ host: repo.host }]` at it.
 *
 * How a file is answered (ETag, 304, 404, 405) and the loopback server are the demo backend's
 * (packages/backend/src/demo/repositoryHttp.ts, which its example repository server uses);
 * this adds in-memory content, the request log and the faults.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { etagOf, sendFile, startLoopbackServer } from '../../packages/backend/src/demo/repositoryHttp';

export { etagOf };

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
  /**
   * Resolves once every delayed answer already promised has been sent. A delayed answer is
   * logged when it is sent, so a test that timed out on one awaits this (or the next test's
   * beforeEach does) before the log is reset: else it lands in a later test's requests.
   */
  settled(): Promise<void>;
  /** false: answer like a host without ETags (no ETag header, never 304). Default true. */
  setEtags(on: boolean): void;
  /** 'down' stops listening (connection refused); 'up' listens again on the same port. */
  setMode(mode: RepoServerMode): Promise<void>;
  /** Requests for a path (leading slash optional), optionally only those answered with `status`. */
  count(path: string, status?: number): number;
  resetRequests(): void;
  close(): Promise<void>;
}

function normalize(path: string): string {
  return `/${path.replace(/^\/+/, '')}`;
}

export async function startRepoServer(initial: Record<string, string | Buffer> = {}): Promise<RepoServer> {
  const files = new Map<string, Buffer>();
  for (const [p, c] of Object.entries(initial)) files.set(normalize(p), Buffer.isBuffer(c) ? c : Buffer.from(c));
  const requests: RepoRequest[] = [];
  let mode: RepoServerMode = 'up';
  let delayMs = 0;
  let etags = true;

  const answer = (req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const record = (status: number) =>
      requests.push({ method: req.method ?? 'GET', path, status, conditional: req.headers['if-none-match'] !== undefined, at: Date.now() });
    if (mode === 'error500') {
      record(500);
      res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error (simulated)');
      return;
    }
    record(sendFile(req, res, files.get(path), { etags }));
  };
  const delayed = new Set<Promise<void>>();
  // unref: a delayed answer nobody waits for any more must not keep the test process alive.
  const server = await startLoopbackServer((req, res) => {
    if (delayMs === 0) {
      answer(req, res);
      return;
    }
    const sent: Promise<void> = new Promise(resolve => {
      setTimeout(() => {
        try {
          answer(req, res);
        } finally {
          delayed.delete(sent);
          resolve();
        }
      }, delayMs).unref();
    });
    delayed.add(sent);
  });

  return {
    baseUrl: server.baseUrl,
    host: server.host,
    requests,
    url: path => `${server.baseUrl}${normalize(path)}`,
    setFile: (path, content) => files.set(normalize(path), Buffer.isBuffer(content) ? content : Buffer.from(content)),
    deleteFile: path => files.delete(normalize(path)),
    setDelay: ms => {
      delayMs = ms;
    },
    settled: async () => {
      while (delayed.size > 0) await Promise.all(delayed);
    },
    setEtags: on => {
      etags = on;
    },
    async setMode(next) {
      if (next === 'down' && mode !== 'down') await server.close();
      if (next !== 'down' && mode === 'down') await server.reopen();
      mode = next;
    },
    count: (path, status) => requests.filter(r => r.path === normalize(path) && (status === undefined || r.status === status)).length,
    resetRequests: () => {
      requests.length = 0;
    },
    close: server.close,
  };
}
