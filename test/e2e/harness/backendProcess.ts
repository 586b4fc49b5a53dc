/**
 * Runs the real portal backend as a child process, the way a user or a deployment does:
 * `node packages/backend/src/start.ts` (the `npm start` demo, through Backstage's node
 * transform) or `.../index.ts` (the bare
 * backend), always from the real app-config.yaml plus a small override file that changes
 * only ports, the database and the processing-loop speed.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { startLoggedProcess, type LoggedProcess } from '../../support/childProcess';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** Backstage's node transform: runs the TypeScript sources of this repository directly, as `npm start` does. */
export const NODE_TRANSFORM = require.resolve('@backstage/cli/config/nodeTransform.cjs');

/** The test overrides: a port, a database, a fast loop. Nothing else differs from app-config.yaml. */
export function testOverrides(options: { port: number; database?: unknown; processingIntervalSeconds?: number }) {
  return {
    backend: {
      baseUrl: `http://localhost:${options.port}`,
      listen: { port: options.port },
      ...(options.database ? { database: options.database } : {}),
    },
    catalog: { processingInterval: { seconds: options.processingIntervalSeconds ?? 2 } },
  };
}

export type BackendProcess = LoggedProcess;

export interface StartBackendOptions {
  /** Used in the log file name test/.artifacts/e2e-<name>.log. */
  name: string;
  entry: 'start' | 'index';
  /** Merged over app-config.yaml (written to a temp file passed as a second --config). */
  overrides: unknown;
  /** More --config files after the overrides (a test may edit them while the backend runs: it watches them). */
  extraConfigFiles?: string[];
  env?: Record<string, string>;
}

export async function startBackendProcess(options: StartBackendOptions): Promise<BackendProcess> {
  const overrideDir = await fs.mkdtemp(path.join(os.tmpdir(), 'hardened-go-e2e-config-'));
  const overrideFile = path.join(overrideDir, 'app-config.test.yaml');
  await fs.writeFile(overrideFile, stringify(options.overrides));
  const backend = await startLoggedProcess({
    name: options.name,
    command: process.execPath,
    args: ['--require', NODE_TRANSFORM, path.join(REPO_ROOT, 'packages', 'backend', 'src', `${options.entry}.ts`), '--config', 'app-config.yaml', '--config', overrideFile, ...(options.extraConfigFiles ?? []).flatMap(file => ['--config', file])],
    cwd: REPO_ROOT,
    // HARDENED_GO_UI=off: the suites never need npm start's dev app server (and port 3000 may be taken).
    env: { ...process.env, LOG_LEVEL: 'info', NODE_ENV: 'development', HARDENED_GO_UI: 'off', ...options.env },
    logFile: `e2e-${options.name}.log`,
  });
  void backend.exited.then(() => fs.rm(overrideDir, { recursive: true, force: true }));
  return backend;
}

/** Polls fn until it returns a value that passes accept, or throws the last reason at the deadline. */
export async function eventually<T>(
  what: string,
  fn: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs: number,
  pollMs = 500,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (accept(value)) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what}: not reached within ${timeoutMs} ms; last: ${last instanceof Error ? last.message : JSON.stringify(last, replacer)}`);
    }
    await new Promise(resolve => setTimeout(resolve, pollMs));
  }
}

function replacer(_key: string, value: unknown) {
  return value instanceof Map ? Object.fromEntries(value) : value;
}

/** A copy of examples/ that a test may edit while the backend runs. */
export async function copyExamples(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hardened-go-examples-'));
  await fs.cp(path.join(REPO_ROOT, 'examples'), dir, { recursive: true });
  return dir;
}
