/**
 * What a deployment puts in front of a built Backstage app: its static files (index.html for
 * every unknown path, so client-side routes load) and /api/* passed through to the backend,
 * on one origin.
 */
import { createReadStream, promises as fs } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface AppServer {
  url: string;
  close(): Promise<void>;
}

async function staticFile(root: string, urlPath: string): Promise<string | undefined> {
  const file = path.resolve(root, `.${path.posix.normalize(`/${decodeURIComponent(urlPath)}`)}`);
  if (!file.startsWith(root + path.sep)) return undefined;
  const stat = await fs.stat(file).catch(() => undefined);
  return stat?.isFile() ? file : undefined;
}

export async function startAppServer(options: { distDir: string; backendUrl: string; port: number }): Promise<AppServer> {
  const root = path.resolve(options.distDir);
  const backend = new URL(options.backendUrl);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://app');
    if (url.pathname.startsWith('/api/')) {
      const upstream = http.request(
        { host: backend.hostname, port: backend.port, method: req.method, path: req.url, headers: { ...req.headers, host: backend.host } },
        answer => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', error => {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`backend unreachable: ${error.message}`);
      });
      req.pipe(upstream);
      return;
    }
    void (async () => {
      const file = (await staticFile(root, url.pathname).catch(() => undefined)) ?? path.join(root, 'index.html');
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      createReadStream(file).pipe(res);
    })();
  });
  await new Promise<void>(resolve => server.listen(options.port, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
