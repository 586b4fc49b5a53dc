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
import { execFile } from 'node:child_process';
import { goProgram, goToolchain, withTextFiles, type GoProgramStatus } from '../support/goProgram';

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

export type BuildkitParserStatus = GoProgramStatus;
export { goToolchain };

/** Build the helper if needed; resolves to its path, or why it cannot exist here. */
export function buildkitParserStatus(): Promise<BuildkitParserStatus> {
  return goProgram(SOURCE_DIR);
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
export function buildkitParseTexts(texts: string[]): Promise<BuildkitParse[]> {
  return withTextFiles('buildkit-parse-', texts, buildkitParse);
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
