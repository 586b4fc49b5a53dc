/** The CLI in-process for tests: run() with string collectors for stdout and stderr. */
import { run } from '../main';

export interface CliRun {
  code: number;
  stdout: string;
  /** stderr without the policy line. */
  stderr: string;
  /** The line a checking command prints on stderr: which policy it applied. */
  policy?: string;
}

const POLICY_LINE = /^hardened-go (?:check|fix): policy [^\n]*\n/m;

export async function cli(argv: string[], cwd: string, options: { isTTY?: boolean; env?: Record<string, string> } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd,
    isTTY: options.isTTY ?? false,
    env: options.env ?? {},
  });
  const policy = POLICY_LINE.exec(stderr)?.[0].trim();
  return { code, stdout, stderr: stderr.replace(POLICY_LINE, ''), ...(policy ? { policy } : {}) };
}
