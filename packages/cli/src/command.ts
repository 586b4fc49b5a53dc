/**
 * The shape every `hardened-go` command has. A command is a file in ./commands that exports
 * one of these and is listed in ./commands/index.ts; main.ts does the dispatching, help
 * and error-to-exit-code mapping.
 */

/**
 * Where a command's I/O goes: process.stdout/stderr in the bin, string collectors in tests.
 *
 * @public
 */
export interface CliIO {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Directory relative paths are resolved against and reported relative to. */
  cwd: string;
  /** Whether stdout is a terminal (colour in the text report). */
  isTTY: boolean;
  env: Record<string, string | undefined>;
}

/** @public */
export interface Command {
  /** The word after `hardened-go`. */
  name: string;
  /** One line for `hardened-go --help`. */
  summary: string;
  /** Full text for `hardened-go <name> --help`: usage line, flags, examples, exit codes. */
  help: string;
  /** Returns the exit code. Throw InputError (@backstage/errors) for bad arguments, files or configuration (exit 2). */
  run(args: string[], io: CliIO): Promise<number>;
}

/**
 * Exit codes shared by all commands.
 *
 * @public
 */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;
