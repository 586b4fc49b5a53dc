/**
 * Run BuildKit's own Dockerfile checks (the rules of `docker build --check`; the Go program
 * beside this file) from tests and from the benchmark (bench/lib/externalTools.js).
 *
 *   const [r] = await buildkitLintTexts(['FROM golang:1.22 as build\n']);  // r.warnings[0].rule === 'FromAsCasing'
 *   const { files, warnings, rules } = await buildkitLintSummary(['/path/Dockerfile']);
 *
 * The binary is built once per content of main.go/go.mod/go.sum into
 * test/.artifacts/buildkit-lint/ (gitignored) and reused by later runs, like
 * test/buildkit-parser. `buildkitLintStatus()` tells whether Go is available; callers
 * decide to skip or fail.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { goProgram, goToolchain, withTextFiles, type GoProgramStatus } from '../support/goProgram';

export { goToolchain };

export interface BuildkitLintWarning {
  /** BuildKit's rule name, e.g. `FromAsCasing`. */
  rule: string;
  /** 1-based line of the first range BuildKit reports (0 when it reports none). */
  line: number;
  detail: string;
}

/** BuildKit's checks on one file (`buildkit-lint --each`). */
export interface BuildkitLintResult {
  file: string;
  warnings: BuildkitLintWarning[];
  /** Set when BuildKit rejects the file (what `docker build --check` reports as an error). */
  error?: string;
}

/** The one line `buildkit-lint` always prints last. */
export interface BuildkitLintSummary {
  files: number;
  warnings: number;
  buildErrors: number;
  rules: Record<string, number>;
  /** The process's user + system CPU seconds since it started (getrusage). */
  cpuSeconds: number;
  seconds: number;
}

const SOURCE_DIR = __dirname;

export type BuildkitLintStatus = GoProgramStatus;

/** Build the program if needed; resolves to its path, or why it cannot exist here. */
export function buildkitLintStatus(): Promise<BuildkitLintStatus> {
  return goProgram(SOURCE_DIR);
}

async function lint(files: string[], each: boolean): Promise<string[]> {
  const status = await buildkitLintStatus();
  if (!status.available) throw new Error(`BuildKit lint unavailable: ${status.reason}`);
  // the paths on stdin: no limit on how many
  const running = promisify(execFile)(status.binary, each ? ['--each', '-'] : ['-'], { maxBuffer: 1024 * 1024 * 1024, encoding: 'utf8' });
  running.child.stdin?.end(files.join('\n') + '\n');
  const { stdout } = await running;
  return stdout.split('\n').filter((l) => l.length > 0);
}

/** BuildKit's checks over all files in one process: counts only. Throws when Go is not available. */
export async function buildkitLintSummary(files: string[]): Promise<BuildkitLintSummary> {
  const lines = await lint(files, false);
  return JSON.parse(lines[lines.length - 1]) as BuildkitLintSummary;
}

/** BuildKit's checks of each file, in order. Throws when Go is not available. */
export async function buildkitLint(files: string[]): Promise<BuildkitLintResult[]> {
  if (files.length === 0) return [];
  const lines = await lint(files, true);
  const results = lines.slice(0, -1).map((l) => JSON.parse(l) as BuildkitLintResult);
  if (results.length !== files.length) {
    throw new Error(`buildkit-lint returned ${results.length} results for ${files.length} files`);
  }
  return results;
}

/** BuildKit's checks of each text (written as UTF-8 to a temporary directory). */
export function buildkitLintTexts(texts: string[]): Promise<BuildkitLintResult[]> {
  return withTextFiles('buildkit-lint-', texts, buildkitLint);
}
