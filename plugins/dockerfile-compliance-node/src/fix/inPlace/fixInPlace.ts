/**
 * Fixes that land: one rule at a time, the smallest edit of the owner's text that removes its
 * findings, each proven before it is kept: the rule no longer fires where it did, no rule
 * reports more than before, and the file stays readable. A rule without a safe edit stays,
 * with the reason, for a human. Linear in the file per rule: every step is a check of the
 * current text plus line edits.
 */
import { checkDockerfileDetailed, type CheckResult, type DetailedCheck, type Policy } from '@hardened-go/plugin-dockerfile-compliance-common';
import { blocking } from '../blocking';
import { chooseGoVersion } from '../goVersion';
import type { HardenContext, UnfixedFinding } from '../types';
import { pinnedGolang } from './baseImages';
import { cgoDisabled, copyNotAdd, goModVerify } from './buildStage';
import { caBundle, execForm, nonRootUser } from './finalStage';
import { stripSymbols, trimpath } from './goBuildFlags';
import { applyEdits, linesOf } from './lineEdits';
import type { InPlaceFix } from './types';

/** In the order they run: each sees the text the previous ones left. */
export const IN_PLACE_FIXES: readonly InPlaceFix[] = [pinnedGolang, goModVerify, cgoDisabled, trimpath, stripSymbols, copyNotAdd, caBundle, execForm, nonRootUser];

/** Why rules without an in-place fix stay for a human. */
const NO_EDIT: Record<string, string> = {
  GDS001: 'moving the final stage to scratch changes what the image contains at run time; the whole-file rewrite does it when it can',
  GDS004: 'the order of COPY and download steps is the owner\'s layout; reorder them by hand (go.mod and go.sum first)',
  GDS010: 'which passwd and group files the image needs is the owner\'s decision',
  GDS013: 'where zoneinfo comes from depends on the build stage; copy it (or embed time/tzdata) by hand',
  GDS017: 'a secret must move out of the Dockerfile by hand: the fixer cannot know where it goes',
};

export interface InPlaceResult {
  text: string;
  /** The check of `text` (the last one the fixes made: nothing to check again). */
  checked: CheckResult;
  /** One line per kept edit: rule, what changed. */
  notes: string[];
  unfixed: UnfixedFinding[];
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

/** `initial`: the check of `text` the caller already made (harden has it), else it is made here. */
export function fixInPlace(text: string, policy: Policy, options: { now: Date }, context: HardenContext = {}, initial?: DetailedCheck): InPlaceResult {
  const goVersion = chooseGoVersion(policy.goVersion, policy.supportedGoVersions, context.goModGoVersion);
  let current = text;
  let checked = initial ?? checkDockerfileDetailed(current, policy, options);
  const notes: string[] = [];
  const unfixed = new Map<string, string>();
  for (const fix of IN_PLACE_FIXES) {
    const findings = blocking(checked.result.findings).filter((f) => fix.ruleIds.includes(f.ruleId));
    if (findings.length === 0 || !checked.model) continue;
    const proposal = fix.propose({ model: checked.model, lines: linesOf(current), policy, findings, goVersion });
    const reason = (why: string) => {
      for (const id of new Set(findings.map((f) => f.ruleId))) unfixed.set(id, why);
    };
    if ('unfixed' in proposal) {
      reason(proposal.unfixed);
      continue;
    }
    const edited = applyEdits(current, proposal.edits);
    if (edited === null || edited === current) {
      reason('no edit could be placed');
      continue;
    }
    const after = checkDockerfileDetailed(edited, policy, options);
    const why = disproof(checked.result, after.result, fix.ruleIds);
    if (why !== null) {
      reason(`${why}, so it is not made`);
      continue;
    }
    const lines = proposal.edits.map((e) => e.line).sort((a, b) => a - b);
    notes.push(`${[...new Set(findings.map((f) => f.ruleId))].join(', ')}: ${proposal.what} (line ${lines.join(', ')})`);
    if (proposal.left !== undefined) reason(proposal.left);
    current = edited;
    checked = after;
  }
  const left = blocking(checked.result.findings).map((f) => ({
    ruleId: f.ruleId,
    line: f.line,
    reason: unfixed.get(f.ruleId) ?? NO_EDIT[f.ruleId] ?? 'no safe in-place edit exists for this rule',
  }));
  return { text: current, checked: checked.result, notes, unfixed: left };
}
