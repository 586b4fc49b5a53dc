import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { UnsafeWriteError, relativePathProblem, writeFilesSafely } from './safeWrite';

let root: string;
let outside: string;
beforeEach(() => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'safe-write-'));
  root = path.join(base, 'workspace');
  outside = path.join(base, 'outside');
  fs.mkdirSync(root);
  fs.mkdirSync(outside);
});
afterEach(() => fs.rmSync(path.dirname(root), { recursive: true, force: true }));

const files = [
  { path: 'main.go', content: 'package main\n' },
  { path: '.github/workflows/ci.yaml', content: 'name: ci\n' },
];

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(e => e.isFile())
    .map(e => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe('writeFilesSafely', () => {
  it('writes files and directories under root/targetPath and reports them', async () => {
    const written = await writeFilesSafely(files, { root, targetPath: 'services/pay' });
    expect(written).toEqual(['services/pay/main.go', 'services/pay/.github/workflows/ci.yaml']);
    expect(fs.readFileSync(path.join(root, 'services/pay/.github/workflows/ci.yaml'), 'utf8')).toBe('name: ci\n');
  });

  it('refuses to overwrite an existing file and then writes nothing at all', async () => {
    fs.writeFileSync(path.join(root, 'main.go'), 'mine');
    await expect(writeFilesSafely(files, { root })).rejects.toThrow('main.go already exists; refusing to overwrite it (set overwrite to replace existing files)');
    expect(fs.readFileSync(path.join(root, 'main.go'), 'utf8')).toBe('mine');
    expect(fs.existsSync(path.join(root, '.github'))).toBe(false);
  });

  it('replaces existing regular files when overwrite is set', async () => {
    fs.writeFileSync(path.join(root, 'main.go'), 'mine');
    await writeFilesSafely(files, { root, overwrite: true });
    expect(fs.readFileSync(path.join(root, 'main.go'), 'utf8')).toBe('package main\n');
  });

  it.each(['../outside', '/etc', 'a/../../x', 'a\\b', 'C:/x', 'a//b', 'a/./b', 'a b'])('refuses targetPath %j', async target => {
    await expect(writeFilesSafely(files, { root, targetPath: target })).rejects.toThrow(UnsafeWriteError);
    expect(listFiles(path.dirname(root))).toEqual([]);
  });

  it.each(['../x', '/abs', 'a/../../b', '.', ''])('refuses file path %j', async p => {
    await expect(writeFilesSafely([{ path: p, content: 'x' }], { root })).rejects.toThrow(UnsafeWriteError);
  });

  it('never writes through a symlinked directory, even with overwrite', async () => {
    fs.symlinkSync(outside, path.join(root, '.github'));
    await expect(writeFilesSafely(files, { root, overwrite: true })).rejects.toThrow('.github is a symbolic link; refusing to write through it');
    expect(listFiles(outside)).toEqual([]);
    expect(fs.existsSync(path.join(root, 'main.go'))).toBe(false);
  });

  it('never writes through a symlinked file, even with overwrite', async () => {
    const target = path.join(outside, 'passwd');
    fs.writeFileSync(target, 'secret');
    fs.symlinkSync(target, path.join(root, 'main.go'));
    await expect(writeFilesSafely(files, { root, overwrite: true })).rejects.toThrow('main.go is a symbolic link');
    expect(fs.readFileSync(target, 'utf8')).toBe('secret');
  });

  it('refuses a symlinked targetPath', async () => {
    fs.symlinkSync(outside, path.join(root, 'svc'));
    await expect(writeFilesSafely(files, { root, targetPath: 'svc' })).rejects.toThrow('svc is a symbolic link');
    expect(listFiles(outside)).toEqual([]);
  });

  it('refuses to replace a directory with a file', async () => {
    fs.mkdirSync(path.join(root, 'main.go'));
    await expect(writeFilesSafely(files, { root, overwrite: true })).rejects.toThrow('main.go exists and is not a regular file');
  });

  it('refuses a root that does not exist', async () => {
    await expect(writeFilesSafely(files, { root: path.join(root, 'missing') })).rejects.toThrow(/does not exist/);
  });
});

describe('relativePathProblem', () => {
  it.each([
    ['.', undefined],
    ['services/pay', undefined],
    ['./services/pay/', undefined],
    ['../x', 'must stay inside the workspace (no ..)'],
    ['/x', 'must be relative, not absolute'],
  ])('%j', (value, problem) => {
    expect(relativePathProblem(value)).toBe(problem);
  });
});
