/**
 * Which files `check` looks at: files named on the command line as they are, and inside
 * directories every Dockerfile (`Dockerfile`, `Dockerfile.*`, `*.Dockerfile`, any case),
 * skipping `.git`, `node_modules` and `vendor`. Symlinked directories are not followed
 * (no loops, no escaping the tree); symlinked files are.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { InputError } from '@backstage/errors';
import { GO_MOD_MAX_BYTES } from '@hardened-go/plugin-dockerfile-compliance-common';

export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(['.git', 'node_modules', 'vendor']);

export function isDockerfileName(name: string): boolean {
  const lower = name.toLowerCase();
  // Dockerfile.dockerignore / api.Dockerfile.dockerignore are BuildKit's per-Dockerfile ignore files.
  if (lower.endsWith('.dockerignore')) return false;
  return lower === 'dockerfile' || lower.startsWith('dockerfile.') || (lower.endsWith('.dockerfile') && lower.length > '.dockerfile'.length);
}

function ioMessage(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ENOENT') return 'no such file or directory';
  if (err.code === 'EACCES' || err.code === 'EPERM') return 'permission denied';
  return err.code ?? err.message;
}

async function walk(dir: string, found: string[]): Promise<void> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (e) {
    throw new InputError(`cannot read directory ${dir}: ${ioMessage(e)}`);
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) await walk(full, found);
    } else if (isDockerfileName(entry.name)) {
      if (entry.isFile()) found.push(full);
      else if (entry.isSymbolicLink()) {
        const target = await fs.stat(full).catch(() => undefined);
        if (target?.isFile()) found.push(full);
      }
    }
  }
}

/**
 * Absolute paths of the Dockerfiles to check, de-duplicated and sorted. Throws InputError for
 * a missing path, and when the paths hold no Dockerfile at all.
 */
export async function findDockerfiles(paths: readonly string[], cwd: string): Promise<string[]> {
  const found: string[] = [];
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    let stat;
    try {
      stat = await fs.stat(absolute);
    } catch (e) {
      throw new InputError(`cannot check ${given}: ${ioMessage(e)}`);
    }
    if (stat.isDirectory()) await walk(absolute, found);
    else if (stat.isFile()) found.push(absolute);
    else throw new InputError(`cannot check ${given}: not a regular file or directory`);
  }
  if (found.length === 0) {
    throw new InputError(`no Dockerfile found in ${paths.join(', ')} (looked for Dockerfile, Dockerfile.*, *.Dockerfile)`);
  }
  return [...new Set(found)].sort();
}

/**
 * The file's bytes, at most `limit + 1` of them: enough for the checker to see that a file
 * is over the policy's maxFileBytes without loading a huge file into memory. Read to the
 * end whatever its reported size: /proc files and pipes report 0.
 */
export async function readDockerfile(file: string, limit: number, shownAs: string): Promise<Uint8Array> {
  let handle;
  try {
    handle = await fs.open(file, 'r');
    const { size } = await handle.stat();
    let buffer = Buffer.alloc(Math.min(Math.max(size, 64 * 1024), limit + 1));
    let read = 0;
    for (;;) {
      if (read === buffer.length) {
        if (buffer.length > limit) break;
        const grown = Buffer.alloc(Math.min(buffer.length * 2, limit + 1));
        buffer.copy(grown, 0, 0, read);
        buffer = grown;
      }
      const { bytesRead } = await handle.read(buffer, read, buffer.length - read, null);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return new Uint8Array(buffer.buffer, buffer.byteOffset, read);
  } catch (e) {
    throw new InputError(`cannot read ${shownAs}: ${ioMessage(e)}`);
  } finally {
    await handle?.close();
  }
}

/** How a file is named in reports: relative to cwd with `/` separators (absolute when outside cwd's drive). */
export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return (relative === '' ? path.basename(file) : relative).split(path.sep).join('/');
}

/**
 * go.mod of a build context, for GDS018: undefined when there is none; at most
 * GO_MOD_MAX_BYTES + 1 bytes are read (the rule then says it is too large), decoded as UTF-8.
 */
export async function readGoMod(file: string, shownAs: string): Promise<string | undefined> {
  try {
    await fs.access(file);
  } catch {
    return undefined;
  }
  const bytes = await readDockerfile(file, GO_MOD_MAX_BYTES, shownAs);
  return new TextDecoder('utf-8').decode(bytes);
}
