/**
 * Starting an image's root file system in a chroot as an unprivileged user, with nothing
 * else present (no /proc, /dev or /tmp, an empty environment unless given): coreutils
 * `chroot --userspec=UID:GID ROOT COMMAND`, which needs CAP_SYS_CHROOT and the right to
 * change user (root, in practice). chroot execs the command, so the process id is the
 * command's.
 */
import { execFile, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export type ChrootSupport = { available: true; chroot: string } | { available: false; reason: string };

function onPath(command: string): string | undefined {
  const dirs = (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/sbin']);
  return dirs.map(d => path.join(d, command)).find(p => fs.existsSync(p));
}

/** Whether this process may chroot and become 65534:65534 (synchronous, so a test file can decide to skip up front). */
export function chrootSupport(): ChrootSupport {
  const chroot = onPath('chroot');
  if (!chroot) return { available: false, reason: 'there is no chroot command (coreutils)' };
  const trial = spawnSync(chroot, ['--userspec=65534:65534', '/', 'true'], { encoding: 'utf8', timeout: 10_000 });
  if (trial.error || trial.status !== 0) {
    return { available: false, reason: `chroot is not permitted here (${trial.error?.message ?? trial.stderr.trim()}); it needs root (CAP_SYS_CHROOT, CAP_SETUID/CAP_SETGID)` };
  }
  return { available: true, chroot };
}

/** The command line that runs `argv` in `root` as `userspec`. */
export function inChroot(chroot: string, root: string, userspec: string, argv: string[]): { command: string; args: string[] } {
  return { command: chroot, args: [`--userspec=${userspec}`, root, ...argv] };
}

/** Runs `argv` in `root` as `userspec` with exactly `env` to completion. */
export function runInChroot(chroot: string, root: string, userspec: string, argv: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { command, args } = inChroot(chroot, root, userspec, argv);
  return new Promise(resolve => {
    execFile(command, args, { env, timeout: 30_000, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

/** The Uid, Gid and Groups lines of a running process (real, effective, saved, filesystem ids). */
export function processIds(pid: number): { uid: number[]; gid: number[]; groups: number[] } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const ids = (key: string) =>
    (new RegExp(`^${key}:\\s*(.*)$`, 'm').exec(status)?.[1] ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  return { uid: ids('Uid'), gid: ids('Gid'), groups: ids('Groups') };
}
