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
import type { Comment, ParsedDockerfile } from '../parser/types';
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

/**
 * One suppression comment read with the grammar above, where it sits aside.
 *
 * @public
 */
export interface SuppressionComment {
  /** `# hardened-go global ignore=...`: for the whole file. */
  global: boolean;
  /** The rule IDs it names, upper case, as written (also when they are not valid). */
  ids: string[];
  /** The reason, unquoted and trimmed; '' when there is none. */
  reason: string;
  /** Why it suppresses nothing wherever it sits (the GDS-SUPPRESS message); undefined when it is well-formed. */
  problem?: string;
}

/**
 * Reads one comment as a suppression: null when it is no `# hardened-go` comment. Placement
 * (directly above an instruction) is the caller's to check.
 *
 * @public
 */
export function parseSuppressionComment(comment: Comment, knownIds: ReadonlySet<string>): SuppressionComment | null {
  const { text, line } = comment;
  if (!MARKER.test(text)) return null;
  const m = SHAPE.exec(text);
  if (!m) {
    return { global: false, ids: [], reason: '', problem: `Malformed suppression "# ${text}": expected \`# hardened-go ignore=GDS0NN reason="..."\`; it suppresses nothing.` };
  }
  const global = m[1] !== undefined;
  const ids = m[2]!.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
  const rest = text.slice(m[0].length);
  const rm = REASON.exec(rest);
  const reason = rm ? (rm[1] ?? rm[2] ?? rm[3] ?? '').replace(/\\(.)/g, '$1').trim() : '';
  const read = { global, ids, reason };
  if (ids.length === 0 || ids.some((id) => !ID_SYNTAX.test(id))) {
    return { ...read, problem: `Suppression on line ${line} names no valid rule IDs ("${m[2]}"); it suppresses nothing.` };
  }
  const unknown = ids.filter((id) => !knownIds.has(id));
  if (unknown.length > 0) return { ...read, problem: `Suppression on line ${line} names unknown rule ${unknown.join(', ')}; it suppresses nothing.` };
  if (ids.includes('GDS000') || ids.includes(SUPPRESS_RULE_ID)) {
    return { ...read, problem: `Suppression on line ${line} names ${ids.includes('GDS000') ? 'GDS000' : SUPPRESS_RULE_ID}, which cannot be suppressed; it suppresses nothing.` };
  }
  if (!rm && rest.trim() !== '') {
    return { ...read, problem: `Suppression on line ${line} has unexpected text "${rest.trim()}" (expected reason="..."); it suppresses nothing.` };
  }
  if (reason === '') return { ...read, problem: `Suppression of ${ids.join(', ')} on line ${line} gives no reason="..."; it suppresses nothing.` };
  return read;
}

/** @public */
export function collectSuppressions(parsed: ParsedDockerfile, knownIds: ReadonlySet<string>): Suppressions {
  const result: Suppressions = { global: new Map(), byLine: new Map(), problems: [] };
  if (!parsed.comments.some((c) => MARKER.test(c.text))) return result;
  const commentLines = new Set(parsed.comments.map((c) => c.line));
  const instructionStarts = new Set(parsed.instructions.map((i) => i.line));
  const problem = (line: number, message: string) =>
    result.problems.push({ message, line, endLine: line });

  for (const c of parsed.comments) {
    const s = parseSuppressionComment(c, knownIds);
    if (s === null) continue;
    if (s.problem !== undefined) {
      problem(c.line, s.problem);
      continue;
    }
    if (s.global) {
      for (const id of s.ids) result.global.set(id, s.reason);
      continue;
    }
    // find the instruction this comment block sits directly above
    let l = c.line + 1;
    while (commentLines.has(l)) l++;
    if (!instructionStarts.has(l)) {
      problem(c.line, `Suppression of ${s.ids.join(', ')} on line ${c.line} is not directly above an instruction; it suppresses nothing.`);
      continue;
    }
    const map = result.byLine.get(l) ?? new Map<string, string>();
    for (const id of s.ids) map.set(id, s.reason);
    result.byLine.set(l, map);
  }
  return result;
}

/** The reason a finding of `ruleId` on `line` is suppressed, or undefined. */
export function suppressionReason(s: Suppressions, ruleId: string, line: number): string | undefined {
  return s.byLine.get(line)?.get(ruleId) ?? s.global.get(ruleId);
}
