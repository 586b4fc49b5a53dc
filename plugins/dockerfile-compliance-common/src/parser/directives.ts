/**
 * Parser directives (`# syntax=`, `# escape=`, `# check=`), BuildKit's DirectiveParser:
 * a directive is a `#` line matching `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$` with a
 * known key, and only in the unbroken run of such lines at the top of the file; the
 * first other line (even an empty one or a plain comment) ends the run. A repeated
 * directive is an error.
 */
import { goTrimLeftSpace } from './goText';

export const DIRECTIVE_KEYS: ReadonlySet<string> = new Set(['syntax', 'escape', 'check']);

export interface DirectiveLine {
  key: string;
  value: string;
}

/** RE2's `\s`: [\t\n\f\r ] (no \v). */
function isRe2Space(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/**
 * Match one line (without its newline) against the directive syntax; returns the
 * lower-cased key and the value, or null when the line is not shaped like a directive
 * (known or not).
 */
export function matchDirective(line: string): DirectiveLine | null {
  if (line.charCodeAt(0) !== 0x23 /* # */) return null;
  const s = goTrimLeftSpace(line.slice(1));
  if (!isAsciiLetter(s.charCodeAt(0))) return null;
  let i = 1;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (isAsciiLetter(c) || (c >= 0x30 && c <= 0x39)) i++;
    else break;
  }
  const key = s.slice(0, i).toLowerCase();
  while (i < s.length && isRe2Space(s.charCodeAt(i))) i++;
  if (s.charCodeAt(i) !== 0x3d /* = */) return null;
  i++;
  const rest = s.slice(i);
  if (rest.length === 0) return null;
  let start = 0;
  while (start < rest.length && isRe2Space(rest.charCodeAt(start))) start++;
  if (start === rest.length) {
    // `(.+?)` must take one character: the last blank is the value
    return { key, value: rest.slice(rest.length - 1) };
  }
  let end = rest.length;
  while (end > start && isRe2Space(rest.charCodeAt(end - 1))) end--;
  return { key, value: rest.slice(start, end) };
}

/** The state of BuildKit's DirectiveParser while lines are fed to it. */
export class DirectiveScanner {
  private done = false;
  private readonly seen = new Set<string>();

  /** Feed one line; returns the directive, null, or an error message. */
  parseLine(line: string): DirectiveLine | null | { error: string } {
    if (this.done) return null;
    const d = matchDirective(line);
    if (d === null || !DIRECTIVE_KEYS.has(d.key)) {
      this.done = true;
      return null;
    }
    if (this.seen.has(d.key)) return { error: `only one ${d.key} parser directive can be used` };
    this.seen.add(d.key);
    return d;
  }
}

/**
 * The directives as BuildKit's frontend reads them from the file (parser.ParseDirective:
 * BOM and a `#!` shebang line skipped, lines split at "\n" with one "\r" dropped, no
 * leading-blank trimming). Used for `syntax` and `check`; the escape character that the
 * parse itself uses comes from the parse loop.
 */
export function readDirectives(text: string): Record<string, string> {
  let t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstNl = t.indexOf('\n');
  if (t.startsWith('#!')) t = firstNl < 0 ? '' : t.slice(firstNl + 1);
  const scanner = new DirectiveScanner();
  const out: Record<string, string> = {};
  let pos = 0;
  while (pos < t.length) {
    let nl = t.indexOf('\n', pos);
    if (nl < 0) nl = t.length;
    let line = t.slice(pos, nl);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    pos = nl + 1;
    const d = scanner.parseLine(line);
    if (d === null || 'error' in d) break;
    out[d.key] = d.value;
  }
  return out;
}
