/**
 * checkDockerfile: input validation (GDS000), parse, model, every rule, severity resolution
 * and suppressions. It never throws: anything unexpected becomes a GDS000 "internal error"
 * finding with status `error`, never a clean verdict.
 */
import { buildModel, ModelError } from '../model/build';
import type { DockerfileModel } from '../model/types';
import { parseDockerfile } from '../parser/parse';
import type { ParsedDockerfile } from '../parser/types';
import type { Policy } from '../policy/types';
import { ALL_RULES, RULES } from '../rules';
import { GDS000 } from '../rules/GDS000';
import type { BuildContextFacts, RawFinding, Rule } from '../rules/rule';
import { readGoModRequirement, type GoModRequirement } from '../buildContext/goMod';
import { GDS_SUPPRESS } from '../rules/GDS-SUPPRESS';
import { releaseModelMemo } from '../rules/modelMemo';
import { resolveSeverity, type ResolvedSeverity } from './severity';
import { collectSuppressions, suppressionReason, type SuppressionOptions, type Suppressions } from './suppress';
import type { CheckOptions, CheckResult, FileStatus, Finding } from './types';
import { validateInput } from './validate';

const KNOWN_IDS: ReadonlySet<string> = new Set(ALL_RULES.map((r) => r.id));

/** The parser's (BuildKit's) messages for the two whole-file conditions reported once below. */
const NO_BUILD_STAGE = 'no build stage in current context';
const NO_INSTRUCTIONS = 'file with no instructions';

function gds000(message: string, line = 1, endLine = line): Finding {
  return { ruleId: 'GDS000', severity: 'error', message, line, endLine, fixHint: GDS000.fixHint, suppressed: false };
}

function errorResult(standardVersion: string, findings: Finding[]): CheckResult {
  return { status: 'error', standardVersion, findings };
}

/**
 * The message every "could not be checked within the limits" finding starts with.
 *
 * @public
 */
export const TOO_COMPLEX_MESSAGE = 'The file could not be checked within the limits';

/**
 * A file the checker gave up on: GDS000, reason `too-complex`, never a verdict.
 *
 * @public
 */
export function tooComplexResult(standardVersion: string, detail: string, line = 1, endLine = line): CheckResult {
  return { ...errorResult(standardVersion, [gds000(`${TOO_COMPLEX_MESSAGE}: ${detail}`, line, endLine)]), reasonCode: 'too-complex' };
}

/** What BuildKit would refuse when it builds the file (bad substitution), or a bound the model hit. */
function modelErrorResult(standardVersion: string, e: ModelError): CheckResult {
  if (e.pathological) return tooComplexResult(standardVersion, e.message, e.line, e.endLine);
  return errorResult(standardVersion, [gds000(e.message, e.line, e.endLine)]);
}

function describeError(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Checks one Dockerfile against the policy: input validation (GDS000), the BuildKit-faithful
 * parse, the model, every rule, rollout severities and suppressions. It never throws: a file
 * it cannot read, parse or check within its work budget is status `error` with GDS000.
 *
 * @param input - the file as text, or as bytes (invalid UTF-8 and NUL are then GDS000)
 * @param options - `now`, the clock for rollout deadlines (default: the current date)
 * @public
 */
export function checkDockerfile(input: string | Uint8Array, policy: Policy, options: CheckOptions = {}): CheckResult {
  return checkDockerfileDetailed(input, policy, options).result;
}

/**
 * checkDockerfile's result together with the parse and the model it checked, for a caller
 * that goes on to read the file (the fixer) instead of parsing and modelling it again.
 *
 * @public
 */
export interface DetailedCheck {
  /** What checkDockerfile returns. */
  result: CheckResult;
  /** The parse; absent when the input was refused before parsing (size, bytes) or checking failed. */
  parsed?: ParsedDockerfile;
  /** The model the rules ran on; absent when the file has parse errors, no FROM, or the model refused it. */
  model?: DockerfileModel;
}

/**
 * checkDockerfile, also handing back the parse and the model. Never throws.
 *
 * @public
 */
export function checkDockerfileDetailed(input: string | Uint8Array, policy: Policy, options: CheckOptions = {}): DetailedCheck {
  let standardVersion = 'unknown';
  try {
    standardVersion = typeof policy?.standardVersion === 'string' ? policy.standardVersion : 'unknown';
    const goMod = options.goModRequirement ?? (options.goMod === undefined ? undefined : readGoModRequirement(options.goMod));
    return checkUnguarded(input, policy, options.now ?? new Date(), standardVersion, goMod);
  } catch (e) {
    return { result: errorResult(standardVersion, [gds000(`Internal error while checking the file (please report it): ${describeError(e)}`)]) };
  }
}

function checkUnguarded(input: string | Uint8Array, policy: Policy, now: Date, standardVersion: string, goMod: GoModRequirement | undefined): DetailedCheck {
  const valid = validateInput(input, policy.maxFileBytes);
  if (!valid.ok) return { result: errorResult(standardVersion, [gds000(valid.message, valid.line)]) };

  const parsed = parseDockerfile(valid.text);
  const parseError = (e: (typeof parsed.errors)[number]) => gds000(`Parse error on line ${e.line}: ${e.message}`, e.line, e.endLine);
  if (!parsed.instructions.some((i) => i.keyword === 'FROM')) {
    // A file without instructions or without FROM is a whole-file condition: one finding on
    // line 1 (the Finding contract), not BuildKit's "no build stage in current context" for
    // every instruction, nor its "file with no instructions" on the last line. Other parse
    // errors (an unterminated heredoc may have swallowed the FROM) are reported as they are.
    const specific = parsed.errors.filter((e) => e.message !== NO_BUILD_STAGE && e.message !== NO_INSTRUCTIONS);
    if (specific.length > 0) return { result: errorResult(standardVersion, specific.map(parseError)), parsed };
    const result = errorResult(standardVersion, [
      gds000(
        parsed.instructions.length === 0
          ? 'The file has no instructions (only comments or blank lines), so it builds no image.'
          : 'The file has no FROM instruction, so it builds no image.',
      ),
    ]);
    return { result, parsed };
  }
  if (parsed.errors.length > 0) return { result: errorResult(standardVersion, parsed.errors.map(parseError)), parsed };

  let model: DockerfileModel;
  try {
    model = buildModel(parsed);
  } catch (e) {
    if (e instanceof ModelError) return { result: modelErrorResult(standardVersion, e), parsed };
    throw e;
  }

  const findings: Finding[] = [];
  const facts: BuildContextFacts = goMod === undefined ? {} : { goMod };
  const suppressionOptions: SuppressionOptions = policy.suppressionMaxDays !== undefined ? { now, maxDays: policy.suppressionMaxDays } : { now };
  const suppressions = collectSuppressions(parsed, KNOWN_IDS, suppressionOptions);
  const anySuppression = suppressions.byLine.size > 0 || suppressions.global.size > 0;
  const added: Added = { findings, suppressions: anySuppression ? suppressions : null };

  try {
    for (const rule of RULES) {
      if (rule.id === 'GDS000') continue;
      // a rule the policy turns off is not run: its findings would be dropped anyway
      const severity = resolveSeverity(rule, policy, now);
      if (severity === null) continue;
      let raw: RawFinding[];
      try {
        raw = rule.check(model, policy, facts);
      } catch (e) {
        // the model expands some words only when a rule asks: BuildKit refuses them too
        if (e instanceof ModelError) return { result: modelErrorResult(standardVersion, e), parsed, model };
        // a rule bug must not turn into a clean verdict
        findings.push(gds000(`Internal error in rule ${rule.id} (please report it): ${describeError(e)}`, 1));
        continue;
      }
      if (raw.length > 0) add(added, rule, severity, raw);
    }
  } finally {
    // the rules' shared facts (rules/modelMemo.ts) must not keep this model alive
    releaseModelMemo();
  }
  if (suppressions.problems.length > 0) {
    const severity = resolveSeverity(GDS_SUPPRESS, policy, now);
    if (severity !== null) add(added, GDS_SUPPRESS, severity, suppressions.problems);
  }

  findings.sort(byLineThenRule);
  return { result: { status: statusOf(findings), standardVersion, findings }, parsed, model };
}

/** What add() needs besides the rule, its severity and its raw findings (one object per file, no closure). */
interface Added {
  findings: Finding[];
  /** null when the file has no effective suppression. */
  suppressions: Suppressions | null;
}

/** Adds a rule's raw findings with their severity and suppression; each rule is added exactly once, so a repeat can only come from the same rule. */
function add(a: Added, rule: Rule, sev: ResolvedSeverity, raw: RawFinding[]): void {
  // a few findings are compared pairwise; many go through a line -> messages index (linear)
  const seen = raw.length > FEW_FINDINGS ? new Map<number, Set<string>>() : null;
  const suppressions = rule === GDS_SUPPRESS ? null : a.suppressions;
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i]!;
    if (seen ? isRepeat(seen, r) : i > 0 && repeatsEarlier(raw, i)) continue;
    const reason = suppressions === null ? undefined : suppressionReason(suppressions, rule.id, r.line);
    const f: Finding = {
      ruleId: rule.id,
      severity: sev.severity,
      message: sev.note ? `${r.message} (${sev.note})` : r.message,
      line: r.line,
      endLine: r.endLine,
      fixHint: r.fixHint ?? rule.fixHint,
      suppressed: reason !== undefined,
    };
    if (reason !== undefined) f.suppressionReason = reason;
    a.findings.push(f);
  }
}

function byLineThenRule(a: Finding, b: Finding): number {
  return a.line - b.line || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

/** Up to this many findings of one rule are deduplicated by comparing each with the ones before it. */
const FEW_FINDINGS = 8;

/** Whether raw[i] repeats an earlier finding of the list (same line and message). */
function repeatsEarlier(raw: readonly RawFinding[], i: number): boolean {
  const r = raw[i]!;
  for (let j = 0; j < i; j++) if (raw[j]!.line === r.line && raw[j]!.message === r.message) return true;
  return false;
}

/** Whether `r` repeats an earlier finding (same line and message) of the same rule; records it if not. */
function isRepeat(seen: Map<number, Set<string>>, r: RawFinding): boolean {
  let messages = seen.get(r.line);
  if (!messages) seen.set(r.line, (messages = new Set()));
  else if (messages.has(r.message)) return true;
  messages.add(r.message);
  return false;
}

/**
 * error if any GDS000, drifted if any unsuppressed error/warning, else compliant.
 *
 * @public
 */
export function statusOf(findings: readonly Finding[]): FileStatus {
  if (findings.some((f) => f.ruleId === 'GDS000')) return 'error';
  if (findings.some((f) => !f.suppressed && (f.severity === 'error' || f.severity === 'warning'))) return 'drifted';
  return 'compliant';
}
