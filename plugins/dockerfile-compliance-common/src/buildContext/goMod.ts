/**
 * go.mod, read once for everyone: the directives (module path, `go` lines, `toolchain`) that
 * GDS018, the fixer and the CLI need. Pure and linear: the text is split into lines once,
 * comments dropped. For GDS018 a go.mod that is binary, too large, or has a `go` directive the
 * go command would reject is a problem, reported as a finding: it never makes a file compliant.
 */
import { parseGoVersion } from '../policy/goVersion';

/**
 * go.mod files beyond this are not read (the go command's own limit is far lower in practice).
 *
 * @public
 */
export const GO_MOD_MAX_BYTES = 4 * 1024 * 1024;

/**
 * What go.mod says about the Go it needs: a version (`1.22`, `1.26.3`, `1.27rc1`), none (no
 * `go` line: the go command then assumes go 1.16), or why it could not be read.
 *
 * @public
 */
export type GoModRequirement = { go: string; line: number } | { go: null } | { problem: string };

/**
 * The directives of a go.mod this project reads, in one linear pass: the module path, every
 * `go` line (with its 1-based line number and whether the go command accepts its version) and
 * the `toolchain` line. Comments are dropped, CRLF is accepted, nothing else is interpreted.
 *
 * @public
 */
export interface GoModDirectives {
  /** The module path (`module example.com/x`, quoted or not), if any. */
  module?: string;
  /** Every `go` line, in order. */
  go: Array<{ version: string; line: number; valid: boolean; text: string }>;
  /** The `toolchain` line's version without its `go` prefix (`toolchain go1.26.9` is `1.26.9`), if valid. */
  toolchain?: string;
}

const MODULE_DIRECTIVE = /^module[ \t]+("?)([^\s"]+)\1$/;
const GO_DIRECTIVE = /^go\s+(\S+)$/;
const TOOLCHAIN_DIRECTIVE = /^toolchain\s+go(\S+)$/;

/**
 * Reads a go.mod's directives (see GoModDirectives); never throws, whatever the text.
 *
 * @public
 */
export function readGoModDirectives(text: string): GoModDirectives {
  const out: GoModDirectives = { go: [] };
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const slash = raw.indexOf('//');
    const line = (slash < 0 ? raw : raw.slice(0, slash)).trim();
    if (line === 'go' || line.startsWith('go ') || line.startsWith('go\t')) {
      const m = GO_DIRECTIVE.exec(line);
      const version = m?.[1] ?? '';
      out.go.push({ version, line: i + 1, valid: m !== null && parseGoVersion(version) !== null && !version.startsWith('go'), text: line });
    } else if (line.startsWith('toolchain')) {
      const m = TOOLCHAIN_DIRECTIVE.exec(line);
      if (m && parseGoVersion(m[1]!)) out.toolchain = m[1]!;
    } else if (out.module === undefined && line.startsWith('module')) {
      const m = MODULE_DIRECTIVE.exec(line);
      if (m) out.module = m[2]!;
    }
  }
  return out;
}

/**
 * The `go` requirement GDS018 checks, or why go.mod cannot be trusted for it.
 *
 * @public
 */
export function readGoModRequirement(text: string): GoModRequirement {
  if (text.length > GO_MOD_MAX_BYTES) return { problem: `go.mod is larger than ${GO_MOD_MAX_BYTES} bytes` };
  if (text.includes('\u0000')) return { problem: 'go.mod is binary (it contains NUL bytes)' };
  const { go } = readGoModDirectives(text);
  // the first problem in file order: a bad first line, else a bad or repeated second one
  const invalid = go.slice(0, 2).find((d) => !d.valid);
  if (invalid) return { problem: `go.mod line ${invalid.line} has a go directive the go command rejects ("${invalid.text.slice(0, 80)}")` };
  if (go.length > 1) return { problem: `go.mod repeats the go directive (lines ${go[0]!.line} and ${go[1]!.line})` };
  return go.length === 1 ? { go: go[0]!.version, line: go[0]!.line } : { go: null };
}
