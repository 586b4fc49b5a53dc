/**
 * The one thing GDS018 needs from go.mod: its `go` directive, the minimum Go the module
 * builds with. Pure and linear: the text is split into lines once, comments dropped. A go.mod
 * that is binary, too large, or has a `go` directive the go command would reject is a problem,
 * reported as a GDS018 finding: it never makes a file compliant.
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

const GO_DIRECTIVE = /^go\s+(\S+)$/;

/** @public */
export function readGoModRequirement(text: string): GoModRequirement {
  if (text.length > GO_MOD_MAX_BYTES) return { problem: `go.mod is larger than ${GO_MOD_MAX_BYTES} bytes` };
  if (text.includes('\u0000')) return { problem: 'go.mod is binary (it contains NUL bytes)' };
  let found: { go: string; line: number } | null = null;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const slash = raw.indexOf('//');
    const line = (slash < 0 ? raw : raw.slice(0, slash)).trim();
    if (line !== 'go' && !line.startsWith('go ') && !line.startsWith('go\t')) continue;
    const m = GO_DIRECTIVE.exec(line);
    if (!m || !parseGoVersion(m[1]!) || m[1]!.startsWith('go')) return { problem: `go.mod line ${i + 1} has a go directive the go command rejects ("${line.slice(0, 80)}")` };
    if (found) return { problem: `go.mod repeats the go directive (lines ${found.line} and ${i + 1})` };
    found = { go: m[1]!, line: i + 1 };
  }
  return found ?? { go: null };
}
