/**
 * Suppression comments.
 *
 *   # hardened-go ignore=GDS011,GDS016 reason="..."          (on the line(s) directly above an instruction)
 *   # hardened-go global ignore=GDS013 reason="..."          (anywhere: the whole file)
 *
 * A suppression without a (non-empty) reason, naming an unknown rule, malformed, or not
 * directly above an instruction does not take effect and is reported as a `GDS-SUPPRESS`
 * finding. A contiguous block of comment lines directly above an instruction counts as
 * "directly above" (several suppressions may be stacked).
 */
import type { ParsedDockerfile } from '../parser/types';
import type { RawFinding } from '../rules/rule';

/** @public */
export const SUPPRESS_RULE_ID = 'GDS-SUPPRESS';

/** @public */
export interface Suppressions {
  /** Rule ID to reason, for the whole file. */
  global: Map<string, string>;
  /** Instruction start line to rule ID to reason. */
  byLine: Map<number, Map<string, string>>;
  /** GDS-SUPPRESS findings for malformed or ineffective comments. */
  problems: RawFinding[];
}

const MARKER = /^hardened-go\b/i;
/** The head of a suppression; what follows it (the reason) is `text.slice(match[0].length)`. */
const SHAPE = /^hardened-go\s+(global\s+)?ignore\s*=\s*(\S*)/i;
const REASON = /^\s+reason\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([^\s"']\S*))\s*$/i;
const ID_SYNTAX = /^[A-Za-z0-9-]+$/;

/** @public */
export function collectSuppressions(parsed: ParsedDockerfile, knownIds: ReadonlySet<string>): Suppressions {
  const result: Suppressions = { global: new Map(), byLine: new Map(), problems: [] };
  if (!parsed.comments.some((c) => MARKER.test(c.text))) return result;
  const commentLines = new Set(parsed.comments.map((c) => c.line));
  const instructionStarts = new Set(parsed.instructions.map((i) => i.line));
  const problem = (line: number, message: string) =>
    result.problems.push({ message, line, endLine: line });

  for (const c of parsed.comments) {
    if (!MARKER.test(c.text)) continue;
    const m = SHAPE.exec(c.text);
    if (!m) {
      problem(c.line, `Malformed suppression "# ${c.text}": expected \`# hardened-go ignore=GDS0NN reason="..."\`; it suppresses nothing.`);
      continue;
    }
    const global = m[1] !== undefined;
    const ids = m[2]!.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
    const rest = c.text.slice(m[0].length);
    const rm = REASON.exec(rest);
    const reason = rm ? (rm[1] ?? rm[2] ?? rm[3] ?? '').replace(/\\(.)/g, '$1').trim() : '';
    if (ids.length === 0 || ids.some((id) => !ID_SYNTAX.test(id))) {
      problem(c.line, `Suppression on line ${c.line} names no valid rule IDs ("${m[2]}"); it suppresses nothing.`);
      continue;
    }
    const unknown = ids.filter((id) => !knownIds.has(id));
    if (unknown.length > 0) {
      problem(c.line, `Suppression on line ${c.line} names unknown rule ${unknown.join(', ')}; it suppresses nothing.`);
      continue;
    }
    if (ids.includes('GDS000') || ids.includes(SUPPRESS_RULE_ID)) {
      problem(c.line, `Suppression on line ${c.line} names ${ids.includes('GDS000') ? 'GDS000' : SUPPRESS_RULE_ID}, which cannot be suppressed; it suppresses nothing.`);
      continue;
    }
    if (!rm && rest.trim() !== '') {
      problem(c.line, `Suppression on line ${c.line} has unexpected text "${rest.trim()}" (expected reason="..."); it suppresses nothing.`);
      continue;
    }
    if (reason === '') {
      problem(c.line, `Suppression of ${ids.join(', ')} on line ${c.line} gives no reason="..."; it suppresses nothing.`);
      continue;
    }
    if (global) {
      for (const id of ids) result.global.set(id, reason);
      continue;
    }
    // find the instruction this comment block sits directly above
    let l = c.line + 1;
    while (commentLines.has(l)) l++;
    if (!instructionStarts.has(l)) {
      problem(c.line, `Suppression of ${ids.join(', ')} on line ${c.line} is not directly above an instruction; it suppresses nothing.`);
      continue;
    }
    const map = result.byLine.get(l) ?? new Map<string, string>();
    for (const id of ids) map.set(id, reason);
    result.byLine.set(l, map);
  }
  return result;
}

/** The reason a finding of `ruleId` on `line` is suppressed, or undefined. */
export function suppressionReason(s: Suppressions, ruleId: string, line: number): string | undefined {
  return s.byLine.get(line)?.get(ruleId) ?? s.global.get(ruleId);
}
