#!/usr/bin/env node
/**
 * Serves a built Backstage app (by default the dev app, dev/dist) and proxies /api/* to the
 * portal backend, so the app and the backend share one origin (no CORS settings needed).
 *
 *   node plugins/dockerfile-compliance/dev/serve.mjs [--port 3000] [--backend http://localhost:7007] [--dir DIST]
 *   (env: HARDENED_GO_UI_PORT, HARDENED_GO_BACKEND_URL)
 *
 * The browser tests run it (test/ui/devApp.ts), for the dev app and for the adopter's app.
 */
import { createReadStream, promises as fs } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pipeline } from 'node:stream';
import zlib from 'node:zlib';

const DEV_DIR = path.dirname(fileURLToPath(import.meta.url));
export const DIST_DIR = path.join(DEV_DIR, 'dist');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.ico': 'image/x-icon',
};

function proxy(req, res, backend) {
  const target = new URL(req.url, backend);
  const upstream = http.request(
    target,
    { method: req.method, headers: { ...req.headers, host: target.host } },
    up => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    },
  );
  upstream.on('error', error => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { name: 'BadGateway', message: `the backend at ${backend} is not reachable: ${error.message}` } }));
  });
  req.pipe(upstream);
}

/** Types worth compressing (images and fonts are compressed already). */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json']);

/**
 * The encoding to answer with: Brotli, else gzip, as the browser accepts (every current
 * browser sends both); none for the rest. Parsed by splitting, not by pattern.
 */
export function chooseEncoding(acceptEncoding, ext) {
  if (!COMPRESSIBLE.has(ext) || typeof acceptEncoding !== 'string') return undefined;
  const accepted = new Set();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (params.some(p => p.trim() === 'q=0')) continue;
    accepted.add(name.trim());
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return undefined;
}

function compressor(encoding) {
  return encoding === 'br'
    ? zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } })
    : zlib.createGzip({ level: 6 });
}

async function serveFile(req, res, distDir) {
  const pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const file = path.normalize(path.join(distDir, pathname));
  let target = path.join(distDir, 'index.html'); // single-page app: unknown paths get the app
  if (file.startsWith(distDir + path.sep)) {
    const stat = await fs.stat(file).catch(() => undefined);
    if (stat?.isFile()) target = file;
  }
  const isAsset = target !== path.join(distDir, 'index.html');
  const ext = path.extname(target);
  const encoding = chooseEncoding(req.headers['accept-encoding'], ext);
  res.writeHead(200, {
    'content-type': TYPES[ext] ?? 'application/octet-stream',
    'cache-control': isAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
    vary: 'accept-encoding',
    ...(encoding ? { 'content-encoding': encoding } : {}),
  });
  const stream = createReadStream(target);
  // e.g. the dist folder was rebuilt under us, or the browser went away
  const done = error => error && res.destroy();
  if (encoding) pipeline(stream, compressor(encoding), res, done);
  else pipeline(stream, res, done);
}

/** Starts the server; resolves with its URL and a close function. */
export async function startDevAppServer({ port = 3000, host = '127.0.0.1', backendUrl = 'http://localhost:7007', distDir = DIST_DIR } = {}) {
  await fs.access(path.join(distDir, 'index.html')).catch(() => {
    throw new Error(
      distDir === DIST_DIR
        ? `the dev app is not built: run \`npm run build:dev-app -w @hardened-go/plugin-dockerfile-compliance\` first (${DIST_DIR})`
        : `no built app in ${distDir} (no index.html)`,
    );
  });
  const server = http.createServer((req, res) => {
    if (req.url === '/api' || req.url?.startsWith('/api/')) proxy(req, res, backendUrl);
    else serveFile(req, res, distDir).catch(error => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  return {
    url: `http://${host === '127.0.0.1' ? 'localhost' : host}:${address.port}`,
    close: () => new Promise(resolve => server.close(() => resolve())),
  };
}

function arg(name) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(arg('--port') ?? process.env.HARDENED_GO_UI_PORT ?? 3000);
  const backendUrl = arg('--backend') ?? process.env.HARDENED_GO_BACKEND_URL ?? 'http://localhost:7007';
  const distDir = arg('--dir') ? path.resolve(arg('--dir')) : DIST_DIR;
  startDevAppServer({ port, backendUrl, distDir }).then(
    ({ url }) => {
      process.stdout.write(`[hardened-go] compliance view: ${url}/dockerfile-compliance (backend ${backendUrl}); Ctrl-C stops it\n`);
      for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
    },
    error => {
      process.stderr.write(`[hardened-go] could not start the compliance view: ${error.message}\n`);
      process.exit(1);
    },
  );
}
