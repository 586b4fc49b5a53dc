/**
 * Suppression comments.
 *
 *   # hardened-go ignore=GDS011,GDS016 reason="..."                     (directly above an instruction)
 *   # hardened-go global ignore=GDS013 reason="..."                     (anywhere: the whole file)
 *   # hardened-go ignore=GDS011 reason="..." expires=2027-03-31         (until the end of that day, UTC)
 *
 * A suppression without a (non-empty) reason, naming an unknown rule, malformed, with an
 * `expires` that is not a date, past its `expires` date, beyond the policy's
 * `suppressionMaxDays`, or not directly above an instruction does not take effect and is
 * reported as a `GDS-SUPPRESS` finding. A contiguous block of comment lines directly above an
 * instruction counts as "directly above" (several suppressions may be stacked).
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
/** One `key=value` field after the rule IDs, read at a position (sticky): reason or expires. */
const FIELD = /\s+([A-Za-z]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([^\s"']\S*))/y;
const FIELDS: ReadonlySet<string> = new Set(['reason', 'expires']);
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;
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
  /** `expires=YYYY-MM-DD`: the last day it counts (UTC), when given. */
  expires?: string;
  /** Why it suppresses nothing wherever it sits (the GDS-SUPPRESS message); undefined when it is well-formed. */
  problem?: string;
}

/** The first instant after `date` (YYYY-MM-DD, UTC), or null when it is no calendar date. */
function endOfDay(date: string): number | null {
  const m = ISO_DATE.exec(date);
  if (!m) return null;
  const start = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const back = new Date(start);
  // Date.UTC rolls 2027-02-30 over to March: not a calendar date
  if (back.getUTCFullYear() !== Number(m[1]) || back.getUTCMonth() !== Number(m[2]) - 1 || back.getUTCDate() !== Number(m[3])) return null;
  return start + DAY_MS;
}

/** The `key=value` fields after the rule IDs, or the text that is not one. */
function readFields(rest: string): { fields: Map<string, string> } | { unexpected: string } {
  const fields = new Map<string, string>();
  let at = 0;
  while (at < rest.length) {
    if (rest.slice(at).trim() === '') break;
    FIELD.lastIndex = at;
    const m = FIELD.exec(rest);
    const key = m?.[1]?.toLowerCase();
    if (!m || key === undefined || !FIELDS.has(key) || fields.has(key)) return { unexpected: rest.slice(at).trim() };
    fields.set(key, (m[2] ?? m[3] ?? m[4] ?? '').replace(/\\(.)/g, '$1').trim());
    at = FIELD.lastIndex;
  }
  return { fields };
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
  const read = readFields(rest);
  const fields = 'fields' in read ? read.fields : new Map<string, string>();
  const reason = fields.get('reason') ?? '';
  const expires = fields.get('expires');
  const s: SuppressionComment = { global, ids, reason, ...(expires !== undefined ? { expires } : {}) };
  if (ids.length === 0 || ids.some((id) => !ID_SYNTAX.test(id))) {
    return { ...s, problem: `Suppression on line ${line} names no valid rule IDs ("${m[2]}"); it suppresses nothing.` };
  }
  const unknown = ids.filter((id) => !knownIds.has(id));
  if (unknown.length > 0) return { ...s, problem: `Suppression on line ${line} names unknown rule ${unknown.join(', ')}; it suppresses nothing.` };
  if (ids.includes('GDS000') || ids.includes(SUPPRESS_RULE_ID)) {
    return { ...s, problem: `Suppression on line ${line} names ${ids.includes('GDS000') ? 'GDS000' : SUPPRESS_RULE_ID}, which cannot be suppressed; it suppresses nothing.` };
  }
  if ('unexpected' in read) {
    return { ...s, problem: `Suppression on line ${line} has unexpected text "${read.unexpected}" (expected reason="..." and optionally expires=YYYY-MM-DD); it suppresses nothing.` };
  }
  if (reason === '') return { ...s, problem: `Suppression of ${ids.join(', ')} on line ${line} gives no reason="..."; it suppresses nothing.` };
  if (expires !== undefined && endOfDay(expires) === null) {
    return { ...s, problem: `Suppression of ${ids.join(', ')} on line ${line} has expires=${expires}, which is not a date (YYYY-MM-DD); it suppresses nothing.` };
  }
  return s;
}

/**
 * When suppressions are judged: `now` decides whether an `expires` date has passed (without
 * it, expiry is not judged); `maxDays` (the policy's `suppressionMaxDays`) requires every
 * suppression to expire within that many days of `now`.
 *
 * @public
 */
export interface SuppressionOptions {
  now?: Date;
  maxDays?: number;
}

/** Why a well-formed suppression does not count at `options.now`, or null when it does. */
function outOfDate(s: SuppressionComment, line: number, options: SuppressionOptions): string | null {
  if (options.now === undefined) return null;
  const what = `Suppression of ${s.ids.join(', ')} on line ${line}`;
  const end = s.expires === undefined ? null : endOfDay(s.expires);
  if (end !== null && options.now.getTime() >= end) return `${what} expired on ${s.expires}; the finding counts again (renew it with a new reason and date, or fix the finding).`;
  if (options.maxDays !== undefined) {
    if (end === null) return `${what} has no expires=YYYY-MM-DD, and the policy lets a suppression last at most ${options.maxDays} days; it suppresses nothing.`;
    const latest = options.now.getTime() + options.maxDays * DAY_MS;
    if (end - DAY_MS > latest) return `${what} expires on ${s.expires}, more than the policy's ${options.maxDays} days ahead; it suppresses nothing.`;
  }
  return null;
}

/** MARKER.test(c.text), after a cheaper look at the first character (most comments are not suppressions). */
function mayBeSuppression(c: Comment): boolean {
  const first = c.text.charCodeAt(0);
  return (first === 104 /* h */ || first === 72 /* H */ || first > 127) && MARKER.test(c.text);
}

/** @public */
export function collectSuppressions(parsed: ParsedDockerfile, knownIds: ReadonlySet<string>, options: SuppressionOptions = {}): Suppressions {
  const result: Suppressions = { global: new Map(), byLine: new Map(), problems: [] };
  if (!parsed.comments.some(mayBeSuppression)) return result;
  const commentLines = new Set(parsed.comments.map((c) => c.line));
  const instructionStarts = new Set(parsed.instructions.map((i) => i.line));
  const problem = (line: number, message: string) =>
    result.problems.push({ message, line, endLine: line });

  for (const c of parsed.comments) {
    const s = parseSuppressionComment(c, knownIds);
    if (s === null) continue;
    const why = s.problem ?? outOfDate(s, c.line, options);
    if (why !== null && why !== undefined) {
      problem(c.line, why);
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
