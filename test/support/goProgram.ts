/**
 * The reference programs in Go beside the tests (test/buildkit-parser, test/buildkit-lint):
 * whether Go runs here, and each program built once per content of its sources and the Go
 * version into test/.artifacts/<name>/ (gitignored), reused by later runs.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ARTIFACTS, runCommand } from './childProcess';

export type GoProgramStatus = { available: true; binary: string } | { available: false; reason: string };

/** Whether `go` runs here (synchronous, so a test file can decide to skip up front). */
export function goToolchain(): { available: true; version: string } | { available: false; reason: string } {
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.error || go.status !== 0) {
    return { available: false, reason: `the Go toolchain is not on PATH (${go.error?.message ?? go.stderr.trim()})` };
  }
  return { available: true, version: go.stdout };
}

const builds = new Map<string, Promise<GoProgramStatus>>();

/**
 * Builds the Go program in `sourceDir` (go.mod, go.sum if it has dependencies, main.go) once;
 * its binary's path, or why Go is missing. `static`: CGO_ENABLED=0, a binary that needs no libc
 * (to run in an empty root file system).
 */
export function goProgram(sourceDir: string, options: { static?: boolean } = {}): Promise<GoProgramStatus> {
  const key = `${sourceDir}${options.static ? '\0static' : ''}`;
  let b = builds.get(key);
  if (!b) builds.set(key, (b = build(sourceDir, options.static ?? false)));
  return b;
}

async function build(sourceDir: string, isStatic: boolean): Promise<GoProgramStatus> {
  const go = goToolchain();
  if (!go.available) return go;
  const name = path.basename(sourceDir);
  const hash = createHash('sha256');
  for (const f of ['go.mod', 'go.sum', 'main.go']) if (f !== 'go.sum' || fs.existsSync(path.join(sourceDir, f))) hash.update(fs.readFileSync(path.join(sourceDir, f)));
  hash.update(go.version);
  if (isStatic) hash.update('CGO_ENABLED=0');
  const dir = path.join(ARTIFACTS, name);
  const binary = path.join(dir, `${name}-${hash.digest('hex').slice(0, 16)}`);
  if (fs.existsSync(binary)) return { available: true, binary };

  fs.mkdirSync(dir, { recursive: true });
  // build under a unique name and rename: parallel test workers may build at once
  const tmp = `${binary}.${process.pid}.${Date.now()}.tmp`;
  // a first build downloads and compiles BuildKit's modules: a minute or two
  const env = isStatic ? { ...process.env, CGO_ENABLED: '0' } : process.env;
  await runCommand('go', ['build', '-trimpath', '-buildvcs=false', '-o', tmp, '.'], { cwd: sourceDir, env, timeoutMs: 900_000 });
  fs.renameSync(tmp, binary);
  return { available: true, binary };
}

/** Runs `run` on `texts` written as UTF-8 files to a temporary directory (removed after). */
export async function withTextFiles<T>(prefix: string, texts: string[], run: (files: string[]) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  try {
    const files = texts.map((t, i) => {
      const f = path.join(dir, `${i}.Dockerfile`);
      fs.writeFileSync(f, t, 'utf8');
      return f;
    });
    return await run(files);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
