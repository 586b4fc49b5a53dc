/**
 * Fixes that land: one rule at a time, the smallest edit of the owner's text that removes its
 * findings, each proven before it is kept: the rule no longer fires where it did, no rule
 * reports more than before, and the file stays readable. A rule without a safe edit stays,
 * with the reason, for a human. Linear in the file per rule: every step is a check of the
 * current text plus line edits.
 */
import { checkDockerfileDetailed, ruleById, type CheckOptions, type CheckResult, type DetailedCheck, type Finding, type Policy } from '@hardened-go/plugin-dockerfile-compliance-common';
import { blocking } from '../blocking';
import { checkOptionsOf } from '../checkOptions';
import { chooseGoVersion } from '../goVersion';
import type { FixEdit, HardenContext, UnfixedFinding } from '../types';
import { pinnedGolang } from './baseImages';
import { cgoDisabled, copyNotAdd, goModVerify, modulesFirst } from './buildStage';
import { caBundle, execForm, nonRootUser, numericUser, zoneinfo } from './finalStage';
import { scratchFinal } from './scratchFinal';
import { secretsOut } from './secrets';
import { stripSymbols, trimpath } from './goBuildFlags';
import { applyEdits, lineMapAfter, linesOf, type LineEdit } from './lineEdits';
import type { FixInput, InPlaceFix, Reasons } from './types';

/** In the order they run: each sees the text the previous ones left. */
export const IN_PLACE_FIXES: readonly InPlaceFix[] = [
  pinnedGolang,
  modulesFirst,
  goModVerify,
  cgoDisabled,
  trimpath,
  stripSymbols,
  copyNotAdd,
  secretsOut,
  execForm,
  // after cgo and the start command: scratch needs a static binary started without a shell
  scratchFinal,
  caBundle,
  zoneinfo,
  nonRootUser,
  numericUser,
];

export interface InPlaceResult {
  text: string;
  /** The check of `text` (the last one the fixes made: nothing to check again). */
  checked: CheckResult;
  /** The kept edits, in the order they were made, their lines those of `text`. */
  edits: FixEdit[];
  unfixed: UnfixedFinding[];
}

/** The lines of the edited text that `edits` wrote (for a removal only: where the lines were). */
function writtenLines(edits: readonly LineEdit[], moved: (line: number) => number): number[] {
  const out = new Set<number>();
  for (const e of edits) {
    const at = moved(e.line);
    const inserted = e.insertBefore?.length ?? 0;
    for (let k = inserted; k > 0; k--) out.add(at - k);
    if (e.replace !== undefined || (e.remove && inserted === 0)) out.add(at);
  }
  return [...out].sort((a, b) => a - b);
}

function countsByRule(result: CheckResult): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of result.findings) if (!f.suppressed) out.set(f.ruleId, (out.get(f.ruleId) ?? 0) + 1);
  return out;
}

/** Why `after` is not a proven fix of `ruleIds` over `before`, or null when it is. */
function disproof(before: CheckResult, after: CheckResult, ruleIds: readonly string[]): string | null {
  if (after.status === 'error') return 'the edited file would not be readable';
  const was = countsByRule(before);
  const now = countsByRule(after);
  if (!ruleIds.some((id) => (now.get(id) ?? 0) < (was.get(id) ?? 0))) return `the edit would not remove ${ruleIds.join(' or ')}`;
  for (const [id, n] of now) if (n > (was.get(id) ?? 0)) return `the edit would add a ${id} finding`;
  return null;
}

/** Why findings stay: by rule and line of the final text, or by rule alone. */
class LeftReasons {
  private readonly byLine = new Map<string, string>();
  private readonly byRule = new Map<string, string>();

  leave(findings: readonly Finding[], reasons: Reasons): void {
    for (const f of findings) {
      const why = typeof reasons === 'string' ? reasons : reasons.get(f.line);
      if (why !== undefined) this.byLine.set(`${f.ruleId}:${f.line}`, why);
    }
  }

  leaveRule(ruleId: string, why: string): void {
    if (!this.byRule.has(ruleId)) this.byRule.set(ruleId, why);
  }

  reasonFor(f: Finding): string {
    return this.byLine.get(`${f.ruleId}:${f.line}`) ?? this.byRule.get(f.ruleId) ?? 'no safe in-place edit exists for this rule';
  }
}

/** The text so far, its check, the kept edits, and why an edit that was proposed was not kept. */
interface State {
  text: string;
  checked: DetailedCheck;
  edits: FixEdit[];
  disproved: ReadonlyMap<string, string>;
}

interface Run {
  policy: Policy;
  context: HardenContext;
  options: CheckOptions;
  goVersion: FixInput['goVersion'];
}

function inputOf(fix: InPlaceFix, state: State, run: Run): FixInput | null {
  const findings = blocking(state.checked.result.findings).filter((f) => fix.ruleIds.includes(f.ruleId));
  if (findings.length === 0 || !state.checked.model) return null;
  return { model: state.checked.model, lines: linesOf(state.text), policy: run.policy, context: run.context, findings, goVersion: run.goVersion };
}

/** `fix` (and its follow-ups) applied to `state` and proven, or `state` with why it was not. */
function attempt(fix: InPlaceFix, state: State, run: Run): State {
  const input = inputOf(fix, state, run);
  if (!input) return state;
  const proposal = fix.propose(input);
  // why a rule has no edit is asked again of the final text (its lines are the ones to report)
  if ('unfixed' in proposal) return state;
  const disproved = (why: string): State => ({ ...state, disproved: new Map([...state.disproved, ...fix.ruleIds.map((id): [string, string] => [id, why])]) });
  const edited = applyEdits(state.text, proposal.edits);
  if (edited === null || edited === state.text) return disproved('no edit could be placed');
  const moved = lineMapAfter(proposal.edits);
  const ruleIds = [...new Set(input.findings.map((f) => f.ruleId))].sort();
  const edit: FixEdit = { ruleIds, lines: writtenLines(proposal.edits, moved), what: proposal.what, why: ruleIds.map((id) => ruleById(id)?.title ?? id).join('; ') };
  const edits = [...state.edits.map((e) => ({ ...e, lines: e.lines.map(moved) })), edit];
  let next: State = { text: edited, checked: checkDockerfileDetailed(edited, run.policy, run.options), edits, disproved: state.disproved };
  if (next.checked.result.status !== 'error') for (const then of fix.then ?? []) next = attempt(then, next, run);
  const why = disproof(state.checked.result, next.checked.result, fix.ruleIds);
  if (why !== null) return disproved(`${why}, so it is not made`);
  return next;
}

/** Why each error or warning of the final text stays: each fix asked again, on that text. */
function leftReasons(state: State, run: Run): LeftReasons {
  const left = new LeftReasons();
  for (const fix of IN_PLACE_FIXES) {
    const input = inputOf(fix, state, run);
    if (!input) continue;
    const proposal = fix.propose(input);
    if ('unfixed' in proposal) left.leave(input.findings, proposal.unfixed);
    else if (proposal.left !== undefined) left.leave(input.findings, proposal.left);
  }
  for (const [ruleId, why] of state.disproved) left.leaveRule(ruleId, why);
  return left;
}

/**
 * `context.now` is the clock of every check; `initial`: the check of `text` the caller already
 * made (harden has it), else it is made here.
 */
export function fixInPlace(text: string, policy: Policy, context: HardenContext & { now: Date }, initial?: DetailedCheck): InPlaceResult {
  const options = checkOptionsOf(context);
  const run: Run = { policy, context, options, goVersion: chooseGoVersion(policy.goVersion, policy.supportedGoVersions, context.goModGoVersion) };
  let state: State = { text, checked: initial ?? checkDockerfileDetailed(text, policy, options), edits: [], disproved: new Map() };
  for (const fix of IN_PLACE_FIXES) state = attempt(fix, state, run);
  const left = leftReasons(state, run);
  const unfixed = blocking(state.checked.result.findings).map((f) => ({ ruleId: f.ruleId, line: f.line, reason: left.reasonFor(f) }));
  return { text: state.text, checked: state.checked.result, edits: state.edits, unfixed };
}
