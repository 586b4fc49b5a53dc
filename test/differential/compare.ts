/**
 * Agreement between our parse and BuildKit's of the same file:
 *  - BuildKit rejects the file  => we must report a ParseError (GDS000, no verdict) at the
 *    place BuildKit names;
 *  - BuildKit accepts the file  => we report no error, the same escape character and
 *    directives, and the same instructions (keyword, lines, flags, args, JSON form, heredocs).
 * Returns the differences in words; empty means the parsers agree.
 */
import type { ParsedDockerfile } from '@hardened-go/plugin-dockerfile-compliance-common';
import type { BuildkitParse } from '../buildkit-parser/run';

export function parseDifferences(ours: ParsedDockerfile, theirs: BuildkitParse): string[] {
  if (theirs.errors.length > 0) {
    const e = theirs.errors[0];
    if (ours.errors.length === 0) return [`BuildKit rejects the file (${e.message}) but we report no error`];
    // the problem BuildKit names must be among ours, at the same place (BuildKit reports
    // directive errors and "no instructions" one line early, hence the slack of one line)
    const from = e.line - 1;
    const to = Math.max(e.line, e.endLine) + 1;
    if (!ours.errors.some((o) => o.line <= to && o.endLine >= from)) {
      return [
        `BuildKit rejects line ${e.line}-${e.endLine} (${e.message}); our errors are elsewhere: ` +
          ours.errors.map((o) => `line ${o.line}-${o.endLine}: ${o.message}`).join('; '),
      ];
    }
    return [];
  }
  const diffs: string[] = [];
  if (ours.errors.length > 0) {
    diffs.push(`we report errors BuildKit does not: ${ours.errors.map((e) => `line ${e.line}: ${e.message}`).join('; ')}`);
  }
  if (theirs.escapeChar !== ours.escapeChar) diffs.push(`escape: ours ${ours.escapeChar}, BuildKit ${theirs.escapeChar}`);
  if (!sameJson(ours.directives, theirs.directives)) {
    diffs.push(`directives: ours ${JSON.stringify(ours.directives)}, BuildKit ${JSON.stringify(theirs.directives)}`);
  }
  const n = Math.max(ours.instructions.length, theirs.instructions.length);
  for (let i = 0; i < n; i++) {
    const a = ours.instructions[i];
    const b = theirs.instructions[i];
    if (!a || !b) {
      diffs.push(`instruction #${i + 1}: ours ${describe(a)}, BuildKit ${describe(b)}`);
      continue;
    }
    const mine = {
      keyword: a.keyword,
      line: a.line,
      endLine: a.endLine,
      flags: a.flags,
      args: a.args,
      json: a.json,
      heredocs: a.heredocs,
    };
    const ref = {
      keyword: b.keyword,
      line: b.line,
      endLine: b.endLine,
      flags: b.flags,
      args: b.args,
      json: b.json,
      heredocs: b.heredocs,
    };
    if (!sameJson(mine, ref)) diffs.push(`instruction #${i + 1}: ours ${JSON.stringify(mine)}, BuildKit ${JSON.stringify(ref)}`);
  }
  return diffs;
}

function describe(i: { keyword: string; line: number } | undefined): string {
  return i ? `${i.keyword} at line ${i.line}` : 'none';
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v as object)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}
