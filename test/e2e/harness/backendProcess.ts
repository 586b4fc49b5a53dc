/**
 * Runs the real portal backend as a child process, the way a user or a deployment does:
 * `node packages/backend/src/start.ts` (the `npm start` demo, through Backstage's node
 * transform) or `.../index.ts` (the bare
 * backend), always from the real app-config.yaml plus a small override file that changes
 * only ports, the database and the processing-loop speed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const ARTIFACTS = path.join(REPO_ROOT, 'test', '.artifacts');

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

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface BackendProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr interleaved). */
  output(): string;
  /** Resolves with the first match in the output; rejects on exit or after the deadline. */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  readonly exited: Promise<ExitStatus>;
  /** Sends the signal and waits for the exit (SIGKILL after timeoutMs). */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<ExitStatus>;
}

export interface StartBackendOptions {
  /** Used in the log file name test/.artifacts/e2e-<name>.log. */
  name: string;
  entry: 'start' | 'index';
  /** Merged over app-config.yaml (written to a temp file passed as a second --config). */
  overrides: unknown;
  env?: Record<string, string>;
}

export async function startBackendProcess(options: StartBackendOptions): Promise<BackendProcess> {
  const overrideDir = await fs.mkdtemp(path.join(os.tmpdir(), 'hardened-go-e2e-config-'));
  const overrideFile = path.join(overrideDir, 'app-config.test.yaml');
  await fs.writeFile(overrideFile, stringify(options.overrides));
  await fs.mkdir(ARTIFACTS, { recursive: true });
  const log = createWriteStream(path.join(ARTIFACTS, `e2e-${options.name}.log`));

  const child = spawn(
    process.execPath,
    ['--require', NODE_TRANSFORM, path.join(REPO_ROOT, 'packages', 'backend', 'src', `${options.entry}.ts`), '--config', 'app-config.yaml', '--config', overrideFile],
    {
      cwd: REPO_ROOT,
      // HARDENED_GO_UI=off: the suites never need npm start's dev app server (and port 3000 may be taken).
      env: { ...process.env, LOG_LEVEL: 'info', NODE_ENV: 'development', HARDENED_GO_UI: 'off', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    log.write(chunk);
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);

  const exited = new Promise<ExitStatus>(resolve => {
    child.once('exit', (code, signal) => {
      log.end();
      void fs.rm(overrideDir, { recursive: true, force: true });
      resolve({ code, signal });
      for (const listener of listeners) listener();
    });
  });
  let hasExited = false;
  void exited.then(() => (hasExited = true));

  return {
    name: options.name,
    child,
    output: () => output,
    exited,
    waitForOutput(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = output.match(pattern);
          if (match) {
            done();
            resolve(match);
          } else if (hasExited || child.exitCode !== null || child.signalCode !== null) {
            done();
            reject(new Error(`${options.name} exited before printing ${pattern}; output tail:\n${output.slice(-4000)}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`${options.name} did not print ${pattern} within ${timeoutMs} ms; output tail:\n${output.slice(-4000)}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    async stop(signal = 'SIGTERM', timeoutMs = 30_000) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const status = await exited;
      clearTimeout(timer);
      return status;
    },
  };
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
