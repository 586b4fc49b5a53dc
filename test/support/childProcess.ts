/**
 * Child processes as the suites run them: a long-running one (a backend) whose output is
 * logged to test/.artifacts and can be waited on, and a command run to completion.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, promises as fs } from 'node:fs';
import * as path from 'node:path';

export const ARTIFACTS = path.resolve(__dirname, '..', '.artifacts');

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface LoggedProcess {
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

/** Starts `command`; its output also goes to test/.artifacts/<logFile>. */
export async function startLoggedProcess(options: {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
}): Promise<LoggedProcess> {
  await fs.mkdir(ARTIFACTS, { recursive: true });
  const log = createWriteStream(path.join(ARTIFACTS, options.logFile));
  const child = spawn(options.command, options.args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    log.write(chunk);
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);

  let hasExited = false;
  const exited = new Promise<ExitStatus>(resolve => {
    child.once('exit', (code, signal) => {
      hasExited = true;
      log.end();
      resolve({ code, signal });
      for (const listener of listeners) listener();
    });
  });

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

/** Runs a command to completion and resolves with its output; rejects with the output's tail when it fails. */
export function runCommand(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs: number; /** appends the output to test/.artifacts/<logFile> */ logFile?: string },
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { cwd: options.cwd, env: options.env ?? process.env, timeout: options.timeoutMs, maxBuffer: 256 * 1024 * 1024, killSignal: 'SIGKILL' },
      async (error, stdout, stderr) => {
        const output = `${stdout}${stderr}`;
        if (options.logFile) {
          await fs.mkdir(ARTIFACTS, { recursive: true });
          await fs.appendFile(path.join(ARTIFACTS, options.logFile), `$ ${command} ${args.join(' ')}  (in ${options.cwd})\n${output}\n`);
        }
        if (error) reject(new Error(`${path.basename(command)} ${args.join(' ')} failed (${error.message.split('\n')[0]}):\n${output.slice(-6000)}`));
        else resolve(output);
      },
    );
  });
}
