/**
 * The one I/O helper of the service generator, shared by its two adapters (the scaffolder
 * action and `hardened-go new`): writes generated files under a root directory and refuses,
 * before writing anything, every path that would leave the root, pass through a symlink or
 * replace an existing file (unless overwrite is asked for). Files are opened with O_EXCL or
 * O_NOFOLLOW, so a symlink planted between the check and the write is refused too.
 */
import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';

/** @public */
export interface FileToWrite {
  /** POSIX path relative to the target directory. */
  path: string;
  content: string;
}

/** @public */
export interface SafeWriteOptions {
  /** Directory everything must stay inside (the scaffolder workspace, the CLI's --out parent). */
  root: string;
  /** Sub-directory of root to write into, relative (`.` = root itself). */
  targetPath?: string;
  /** Replace existing regular files instead of refusing. Symlinks and directories are always refused. */
  overwrite?: boolean;
}

/**
 * A refused write; nothing was written when this is thrown by the pre-flight check.
 *
 * @public
 */
export class UnsafeWriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeWriteError';
  }
}

const SEGMENT = /^[A-Za-z0-9._-]+$/;

/**
 * Why `value` is not a relative path inside its root, or undefined when it is.
 *
 * @public
 */
export function relativePathProblem(value: string): string | undefined {
  if (value === '' || value === '.' || value === './') return undefined;
  const segments = value.replace(/^\.\//, '').replace(/\/$/, '').split('/');
  if (value.startsWith('/') || /^[A-Za-z]:/.test(value)) return 'must be relative, not absolute';
  if (value.includes('\\')) return 'must use / as separator';
  if (segments.some(s => s === '..')) return 'must stay inside the workspace (no ..)';
  if (segments.some(s => s === '' || s === '.' || !SEGMENT.test(s))) {
    return 'may only contain letters, digits, . _ - and single slashes between directory names';
  }
  return undefined;
}

async function lstatOrUndefined(p: string) {
  try {
    return await fs.lstat(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

interface PlannedFile {
  relative: string;
  absolute: string;
  content: string;
  exists: boolean;
}

/**
 * Writes `files` under root/targetPath. Returns the written paths relative to root (POSIX),
 * in input order. Throws UnsafeWriteError (and writes nothing) when any file is refused.
 *
 * @public
 */
export async function writeFilesSafely(files: readonly FileToWrite[], options: SafeWriteOptions): Promise<string[]> {
  const target = options.targetPath ?? '.';
  const targetProblem = relativePathProblem(target);
  if (targetProblem) throw new UnsafeWriteError(`targetPath ${JSON.stringify(target)} ${targetProblem}`);

  let root: string;
  try {
    root = await fs.realpath(options.root);
  } catch {
    throw new UnsafeWriteError(`the directory ${options.root} does not exist`);
  }
  if (!(await fs.stat(root)).isDirectory()) throw new UnsafeWriteError(`${options.root} is not a directory`);

  // Pre-flight: every path is checked before anything is written.
  const planned: PlannedFile[] = [];
  const directories = new Set<string>();
  for (const file of files) {
    const fileProblem = relativePathProblem(file.path);
    if (fileProblem || file.path === '.' || file.path === '') {
      throw new UnsafeWriteError(`file path ${JSON.stringify(file.path)} ${fileProblem ?? 'must name a file'}`);
    }
    const relative = path.posix.normalize(path.posix.join(target, file.path));
    const absolute = path.resolve(root, ...relative.split('/'));
    if (!absolute.startsWith(root + path.sep)) throw new UnsafeWriteError(`${relative} would be written outside ${options.root}`);

    // Every existing ancestor below root must be a real directory, not a symlink.
    let dir = root;
    for (const segment of relative.split('/').slice(0, -1)) {
      dir = path.join(dir, segment);
      const stat = await lstatOrUndefined(dir);
      if (stat?.isSymbolicLink()) throw new UnsafeWriteError(`${path.relative(root, dir)} is a symbolic link; refusing to write through it`);
      if (stat && !stat.isDirectory()) throw new UnsafeWriteError(`${path.relative(root, dir)} exists and is not a directory`);
      directories.add(dir);
    }
    const stat = await lstatOrUndefined(absolute);
    if (stat?.isSymbolicLink()) throw new UnsafeWriteError(`${relative} is a symbolic link; refusing to write through it`);
    if (stat && !stat.isFile()) throw new UnsafeWriteError(`${relative} exists and is not a regular file`);
    if (stat && !options.overwrite) {
      throw new UnsafeWriteError(`${relative} already exists; refusing to overwrite it (set overwrite to replace existing files)`);
    }
    planned.push({ relative, absolute, content: file.content, exists: Boolean(stat) });
  }

  for (const dir of [...directories].sort((a, b) => a.length - b.length)) {
    await fs.mkdir(dir).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
    });
    const stat = await fs.lstat(dir);
    if (!stat.isDirectory()) throw new UnsafeWriteError(`${path.relative(root, dir)} changed while writing; refusing to continue`);
  }

  const written: string[] = [];
  for (const file of planned) {
    // O_EXCL: never follow or replace what appeared since the check; O_NOFOLLOW: never write through a link.
    const flags = file.exists
      ? constants.O_WRONLY | constants.O_TRUNC | constants.O_NOFOLLOW
      : constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
    let handle;
    try {
      handle = await fs.open(file.absolute, flags, 0o644);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' || code === 'ELOOP') throw new UnsafeWriteError(`${file.relative} changed while writing; refusing to replace it`);
      throw e;
    }
    try {
      await handle.writeFile(file.content, 'utf8');
    } finally {
      await handle.close();
    }
    written.push(file.relative);
  }
  return written;
}

/**
 * Replaces an existing regular file in one step: the content goes to a new temporary file
 * beside it (O_EXCL, O_NOFOLLOW, the original's mode), which is then renamed over it. A
 * reader sees the old or the new file, never half of one, and a symlink is replaced rather
 * than written through.
 *
 * @public
 */
export async function replaceFileAtomically(file: string, content: string): Promise<void> {
  const stat = await fs.lstat(file);
  if (stat.isSymbolicLink()) throw new UnsafeWriteError(`${file} is a symbolic link; refusing to write through it`);
  if (!stat.isFile()) throw new UnsafeWriteError(`${file} is not a regular file`);
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.hardened-go-${process.pid}-${Date.now().toString(36)}`);
  const handle = await fs.open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, stat.mode & 0o7777);
  try {
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, file);
  } catch (e) {
    await fs.rm(temp, { force: true });
    throw e;
  }
}
