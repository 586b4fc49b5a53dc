/**
 * Runs a built service binary the way a container runtime would (PORT in the environment,
 * SIGTERM to stop) and records its stdout lines, exit code and timing.
 */
import { spawn, type ChildProcess } from 'node:child_process';



export interface RunningService {
  port: number;
  /** The process id (the service's own when the command execs it). */
  pid: number | undefined;
  lines: string[];
  /** Resolves when a stdout line satisfies `match`. */
  waitForLine(match: (line: string) => boolean, timeoutMs: number): Promise<string>;
  /** Sends SIGTERM; resolves with the exit code/signal and how long the exit took. */
  terminate(timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
  kill(): void;
}

/** `binary` is the service's path, or a command that execs it (e.g. `chroot --userspec=65534:65534 <rootfs> /svc`). */
export function startService(binary: string | { command: string; args: string[] }, env: Record<string, string>, port: number): RunningService {
  const [command, args] = typeof binary === 'string' ? [binary, []] : [binary.command, binary.args];
  const child: ChildProcess = spawn(command, args, { env: { ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const listeners = new Set<() => void>();
  let buffer = '';
  child.stdout!.on('data', chunk => {
    buffer += chunk;
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    lines.push(...parts);
    listeners.forEach(l => l());
  });
  let stderr = '';
  child.stderr!.on('data', chunk => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(resolve => child.on('exit', (code, signal) => resolve({ code, signal })));

  return {
    port,
    pid: child.pid,
    lines,
    waitForLine(match, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const line = lines.find(match);
          if (line !== undefined) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve(line);
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`no matching log line within ${timeoutMs} ms; stdout:\n${lines.join('\n')}\nstderr:\n${stderr}`));
        }, timeoutMs);
        listeners.add(check);
        check();
        void exited.then(() => check());
      });
    },
    async terminate(timeoutMs) {
      const started = Date.now();
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const result = await Promise.race([
        exited,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`service did not exit within ${timeoutMs} ms of SIGTERM`)), timeoutMs);
        }),
      ]).finally(() => clearTimeout(timer));
      if (buffer) lines.push(buffer);
      return { ...result, ms: Date.now() - started };
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
