/**
 * The compliance view's dev app for the browser test: built with Vite from
 * plugins/dockerfile-compliance/dev, served by its own dev/serve.mjs (static files + /api proxy
 * to the backend), each as a child process like a user runs them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
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
    timeoutMs: 180_000,
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
