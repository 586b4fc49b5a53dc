/**
 * The compliance view's dev app for the browser test: built with Vite from
 * plugins/dockerfile-compliance/dev, served by its own dev/serve.mjs (static files + /api proxy
 * to the backend), each as a child process like a user runs them. Between the two, a stand-in
 * may answer the hardening campaign's /pull-requests (startPullRequestsStandIn).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { HardeningProgress, HardeningTaskSummary } from '@hardened-go/plugin-dockerfile-compliance-common';
import { runCommand } from '../support/childProcess';
import { freePort } from '../support/freePort';


export const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PLUGIN_DIR = path.join(REPO_ROOT, 'plugins', 'dockerfile-compliance');

/** `vite build` of the dev app into plugins/dockerfile-compliance/dev/dist (gitignored). */
export async function buildDevApp(): Promise<void> {
  const vite = path.join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  // NODE_ENV=production like a user's build: under Jest it is "test", which would make Vite
  // bundle React's development build (and its dev-only console warnings).
  await runCommand(process.execPath, [vite, 'build', '--config', 'dev/vite.config.mjs'], {
    cwd: PLUGIN_DIR,
    // ~1 min alone; with two Jest workers and their backends on a loaded 2-core machine a
    // build passed 180 s once, so the limit is only a guard against a hang
    timeoutMs: 480_000,
    env: { ...process.env, NODE_ENV: 'production' },
  });
}


export interface DevAppServer {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts dev/serve.mjs, proxying /api to backendUrl: on a free port unless `port` is given,
 * serving the dev app unless `distDir` names another built app.
 */
export async function startDevAppServer(backendUrl: string, options: { port?: number; distDir?: string } = {}): Promise<DevAppServer> {
  const port = options.port ?? (await freePort());
  const dir = options.distDir ? ['--dir', options.distDir] : [];
  const child = spawn(process.execPath, [path.join(PLUGIN_DIR, 'dev', 'serve.mjs'), '--port', String(port), '--backend', backendUrl, ...dir], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`dev app server did not start:\n${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('compliance view:')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', code => {
      clearTimeout(timer);
      reject(new Error(`dev app server exited ${code}:\n${output}`));
    });
  });
  return {
    url: `http://localhost:${port}`,
    child,
    stop: () =>
      new Promise(resolve => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * A hardening campaign half way through over the demo's drifted examples, as the
 * dockerfile-compliance backend's GET /pull-requests answers it (newest first): one pull
 * request of each state, a task running, a task the fixer refused, a state the host would
 * not tell (rate limited). payments-api (compliant) has no task.
 */
export function demoHardeningProgress(now = new Date()): HardeningProgress {
  const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();
  const pr = (name: string, n: number) => `https://github.com/acme/${name}/pull/${n}`;
  const items: HardeningTaskSummary[] = [
    { entityRef: 'component:default/notifications-service', taskId: 'demo-task-6', taskStatus: 'processing', createdAt: minutesAgo(2) },
    {
      entityRef: 'component:default/search-gateway',
      taskId: 'demo-task-5',
      taskStatus: 'failed',
      createdAt: minutesAgo(10),
      error: 'hardened-go:dockerfile:harden refused Dockerfile: the build uses cgo (import "C" in ./cmd/gateway)',
    },
    {
      entityRef: 'component:default/reports-job',
      taskId: 'demo-task-4',
      taskStatus: 'completed',
      createdAt: minutesAgo(30),
      pullRequest: { url: pr('reports-job', 4), state: 'unknown', stateReason: `github.com rate limited this integration until ${minutesAgo(-20)}` },
    },
    { entityRef: 'component:default/legacy-billing', taskId: 'demo-task-3', taskStatus: 'completed', createdAt: minutesAgo(45), pullRequest: { url: pr('legacy-billing', 12), state: 'open' } },
    { entityRef: 'component:default/inventory-service', taskId: 'demo-task-2', taskStatus: 'completed', createdAt: minutesAgo(24 * 60), pullRequest: { url: pr('inventory-service', 7), state: 'closed' } },
    { entityRef: 'component:default/orders-worker', taskId: 'demo-task-1', taskStatus: 'completed', createdAt: minutesAgo(2 * 24 * 60), pullRequest: { url: pr('orders-worker', 3), state: 'merged' } },
  ];
  return { templateRef: 'template:default/harden-dockerfile', tasksLastHour: 4, oldestTaskLastHour: minutesAgo(45), items };
}

export interface PullRequestsStandIn {
  url: string;
  /** The /pull-requests URLs (path and query) the browser asked for. */
  requests: string[];
  stop(): Promise<void>;
}

/**
 * An HTTP server in front of the backend: it answers GET /api/dockerfile-compliance/pull-requests
 * with `progress` (only the services named by `?entityRef=`, when given, as the backend does)
 * and passes everything else through. The demo backend cannot give the view a campaign: the
 * route takes a user's or a service's token (the dev app signs in no one, so it is refused 401),
 * and no harden task ever ran there (test/rollout/campaign.test.ts runs real ones, against the
 * loopback GitHub host).
 */
export async function startPullRequestsStandIn(backendUrl: string, progress: HardeningProgress): Promise<PullRequestsStandIn> {
  const requests: string[] = [];
  const backend = new URL(backendUrl);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    if (req.method === 'GET' && url.pathname === '/api/dockerfile-compliance/pull-requests') {
      requests.push(`${url.pathname}${url.search}`);
      const wanted = new Set(url.searchParams.getAll('entityRef').map(ref => ref.toLowerCase()));
      const items = wanted.size === 0 ? progress.items : progress.items.filter(item => wanted.has(item.entityRef.toLowerCase()));
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'private, no-cache' });
      res.end(JSON.stringify({ ...progress, items }));
      return;
    }
    const upstream = http.request(
      { host: backend.hostname, port: backend.port, path: req.url, method: req.method, headers: { ...req.headers, host: backend.host } },
      response => {
        res.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    stop: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
