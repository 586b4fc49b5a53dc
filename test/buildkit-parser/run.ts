/**
 * Run BuildKit's own Dockerfile parser (the Go program beside this file) from tests.
 *
 *   const parses = await buildkitParse(['/path/Dockerfile']);   // one result per file
 *   const [p] = await buildkitParseTexts(['FROM scratch\n']);    // via a temp dir
 *
 * The binary is built once per content of main.go/go.mod/go.sum into
 * test/.artifacts/buildkit-parser/ (gitignored) and reused by later runs.
 * `buildkitParserStatus()` tells whether Go is available; callers decide to skip or fail.
 */
import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface BuildkitFlag {
  name: string;
  value: string | null;
}

export interface BuildkitHeredoc {
  name: string;
  content: string;
  chomp: boolean;
  expand: boolean;
}

export interface BuildkitInstruction {
  keyword: string;
  line: number;
  endLine: number;
  flags: BuildkitFlag[];
  args: string[];
  json: boolean;
  heredocs: BuildkitHeredoc[];
}

/** BuildKit's view of one file, in the shape of our ParsedDockerfile (minus comments/rawArgs). */
export interface BuildkitParse {
  file: string;
  directives: Record<string, string>;
  /** Absent when the parser itself failed. */
  escapeChar?: string;
  instructions: BuildkitInstruction[];
  /** Non-empty when BuildKit (parser or instructions layer) rejects the file. */
  errors: { line: number; endLine: number; message: string }[];
}

const SOURCE_DIR = __dirname;
const REPO_ROOT = path.resolve(SOURCE_DIR, '..', '..');
const ARTIFACT_DIR = path.join(REPO_ROOT, 'test', '.artifacts', 'buildkit-parser');

export type BuildkitParserStatus = { available: true; binary: string } | { available: false; reason: string };

let cached: Promise<BuildkitParserStatus> | undefined;

/** Build the helper if needed; resolves to its path, or why it cannot exist here. */
export function buildkitParserStatus(): Promise<BuildkitParserStatus> {
  cached ??= build();
  return cached;
}

/** Whether `go` runs here (synchronous, so a test file can decide to skip up front). */
export function goToolchain(): { available: true; version: string } | { available: false; reason: string } {
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.error || go.status !== 0) {
    return { available: false, reason: `the Go toolchain is not on PATH (${go.error?.message ?? go.stderr.trim()})` };
  }
  return { available: true, version: go.stdout };
}

async function build(): Promise<BuildkitParserStatus> {
  const go = goToolchain();
  if (!go.available) return go;
  const hash = createHash('sha256');
  for (const f of ['go.mod', 'go.sum', 'main.go']) hash.update(fs.readFileSync(path.join(SOURCE_DIR, f)));
  hash.update(go.version);
  const binary = path.join(ARTIFACT_DIR, `buildkit-parser-${hash.digest('hex').slice(0, 16)}`);
  if (fs.existsSync(binary)) return { available: true, binary };

  fs.mkdirSync(ARTIFACT_DIR, { recursive: true });
  // build under a unique name and rename: parallel test workers may build at once
  const tmp = `${binary}.${process.pid}.${Date.now()}.tmp`;
  const result = await run('go', ['build', '-trimpath', '-buildvcs=false', '-o', tmp, '.'], { cwd: SOURCE_DIR });
  if (result.code !== 0) {
    throw new Error(`building test/buildkit-parser failed (go build exit ${result.code}):\n${result.stderr}`);
  }
  fs.renameSync(tmp, binary);
  return { available: true, binary };
}

/** BuildKit's parse of each file, in order. Throws when Go is not available. */
export async function buildkitParse(files: string[]): Promise<BuildkitParse[]> {
  if (files.length === 0) return [];
  const status = await buildkitParserStatus();
  if (!status.available) throw new Error(`BuildKit parser unavailable: ${status.reason}`);
  const result = await run(status.binary, ['-'], { input: files.join('\n') + '\n' });
  if (result.code !== 0) throw new Error(`buildkit-parser exited ${result.code}:\n${result.stderr}`);
  const parses = result.stdout
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as BuildkitParse);
  if (parses.length !== files.length) {
    throw new Error(`buildkit-parser returned ${parses.length} results for ${files.length} files`);
  }
  return parses;
}

export interface LexCase {
  word: string;
  vars: Record<string, string>;
  escape?: '\\' | '`';
}

/** BuildKit's shell.Lex.ProcessWord of each case: the expanded word, or BuildKit's error message. */
export async function buildkitLex(cases: LexCase[]): Promise<Array<{ result: string } | { error: string }>> {
  if (cases.length === 0) return [];
  const status = await buildkitParserStatus();
  if (!status.available) throw new Error(`BuildKit parser unavailable: ${status.reason}`);
  const input = cases.map((c) => JSON.stringify({ word: c.word, vars: c.vars, escape: c.escape ?? '\\' })).join('\n') + '\n';
  const result = await run(status.binary, ['--lex'], { input });
  if (result.code !== 0) throw new Error(`buildkit-parser --lex exited ${result.code}:\n${result.stderr}`);
  const out = result.stdout
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as { result: string } | { error: string });
  if (out.length !== cases.length) throw new Error(`buildkit-parser --lex returned ${out.length} results for ${cases.length} cases`);
  return out;
}

/** BuildKit's parse of each text (written as UTF-8 to a temporary directory). */
export async function buildkitParseTexts(texts: string[]): Promise<BuildkitParse[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buildkit-parse-'));
  try {
    const files = texts.map((t, i) => {
      const f = path.join(dir, `${i}.Dockerfile`);
      fs.writeFileSync(f, t, 'utf8');
      return f;
    });
    return await buildkitParse(files);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function run(
  cmd: string,
  args: string[],
  opts: { cwd?: string; input?: string },
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      cmd,
      args,
      { cwd: opts.cwd, maxBuffer: 1024 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(error);
          return;
        }
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}
