/**
 * harden(): fixes a Go service's Dockerfile to the standard, or refuses with a reason.
 *
 * First by minimal edits of the owner's own lines (inPlace/): one rule at a time, each edit
 * proven (the rule gone, nothing new, the file readable), every other byte as it was. What
 * the edits cannot fix is listed in `unfixed` with the reason. Only when they leave errors or
 * warnings is the whole-file rewrite tried: the canonical renderer's output for the service's
 * specifics (without our comment banners), taken only when checkDockerfile finds it clean
 * under the same policy. A file the fixer must not touch (unreadable, too complex, not a Go
 * service, ONBUILD) is refused whole.
 *
 * Idempotent: a compliant input comes back byte-identical; edits are only kept when they
 * remove findings and add none, so a second run finds nothing its edits can still remove;
 * a rewrite checks compliant.
 */
import { checkDockerfile, checkDockerfileDetailed, ModelError } from '@hardened-go/plugin-dockerfile-compliance-common';
import type { CheckOptions, CheckResult, DetailedCheck } from '@hardened-go/plugin-dockerfile-compliance-common';
import type { Policy } from '@hardened-go/plugin-dockerfile-compliance-common';
import { RenderParamsError } from '../render/render';
import { extractService } from './extractService';
import { chooseGoVersion } from './goVersion';
import { blocking } from './blocking';
import { checkOptionsOf } from './checkOptions';
import { refuseUntouchable } from './goBuildChoice';
import { fixInPlace } from './inPlace/fixInPlace';
import { Refusal } from './refusals';
import { buildImageDigestFor, renderService } from './renderService';
import { keptSuppressions, refuseOverriddenSuppressions } from './suppressions';
import type { FixEdit, HardenContext, HardenResult } from './types';

/** Rule IDs reported (unsuppressed) before and gone after. */
function fixedRules(before: CheckResult, after: CheckResult): string[] {
  const still = new Set(after.findings.filter((f) => !f.suppressed).map((f) => f.ruleId));
  return [...new Set(before.findings.filter((f) => !f.suppressed && !still.has(f.ruleId)).map((f) => f.ruleId))].sort();
}

function refused(text: string, before: CheckResult, refusal: Refusal, notes: string[] = []): HardenResult {
  return { text, fixed: [], remaining: before.findings, refused: refusal.message, refusalCode: refusal.code, notes };
}

/** The whole-file rewrite of a drifted file: the clean canonical text, or why not. */
function rewriteWhole(check: DetailedCheck, policy: Policy, context: HardenContext, options: CheckOptions): { text: string; after: CheckResult; notes: string[] } | Refusal {
  const { result: before, parsed, model } = check;
  try {
    refuseOverriddenSuppressions(before);
    // a drifted verdict always comes with both (status error is every case without them)
    if (!parsed || !model) throw new Error(`the check of a ${before.status} file returned no model`);
    const spec = extractService(model, policy, context);
    const go = chooseGoVersion(policy.goVersion, policy.supportedGoVersions, context.goModGoVersion);
    if ('refused' in go) throw new Refusal('go-version', go.refused);
    if (policy.requireDigest && buildImageDigestFor(policy, spec, go.version) === undefined) {
      throw new Refusal(
        'cannot-render',
        `the policy requires digests and lists none for golang:${go.version}-alpine${policy.alpineVersion} in hardenedGo.standard.imageDigests (the fixer cannot look one up: no network in the pure core)`,
      );
    }
    let text: string;
    try {
      text = renderService(policy, spec, go.version);
    } catch (e) {
      if (e instanceof RenderParamsError) throw new Refusal('cannot-render', `the renderer refused a carried value: ${e.message}`);
      throw e;
    }
    text = keptSuppressions(parsed, text);
    const after = checkDockerfile(text, policy, options);
    const left = blocking(after.findings);
    if (after.status !== 'compliant' || left.length > 0) {
      const first = left[0] ?? after.findings[0];
      throw new Refusal('not-clean', `the rewrite would still report ${first ? `${first.ruleId} (${first.message})` : after.status} under this policy`);
    }
    return { text, after, notes: spec.notes };
  } catch (e) {
    if (e instanceof Refusal) return e;
    // the rewrite expands words the rules never asked for, charged to the check's work budget
    if (e instanceof ModelError) return e.pathological ? new Refusal('too-complex', e.message) : new Refusal('unreadable', `${e.message}; BuildKit would refuse the file`);
    // A bug must not crash a rollout over many repositories, nor pass a file as fixed.
    const message = e instanceof Error ? e.message : String(e);
    return new Refusal('unsupported-build', `internal error while rewriting (${message}); the file is left as it is`);
  }
}

/** Lines named in a note: a few, then how many more (an edit of thousands of builds stays one readable line). */
const LINES_IN_NOTE = 10;

/** Notes for the edits: one line each, rule and what changed, with the lines. */
function editNotes(edits: readonly FixEdit[]): string[] {
  return edits.map((e) => {
    const more = e.lines.length - LINES_IN_NOTE;
    return `${e.ruleIds.join(', ')}: ${e.what} (line ${e.lines.slice(0, LINES_IN_NOTE).join(', ')}${more > 0 ? ` and ${more} more` : ''})`;
  });
}

/**
 * The whole-file rewrite alone, as harden() did before the in-place edits (for the rewrite's
 * own tests, and for what harden() falls back to): the clean canonical text, or the refusal.
 */
export function rewriteOnly(dockerfileText: string, policy: Policy, context: HardenContext = {}): HardenResult {
  const options = checkOptionsOf(context);
  const check = checkDockerfileDetailed(dockerfileText, policy, options);
  const early = unfixable(dockerfileText, check);
  if (early) return early;
  const rewrite = rewriteWhole(check, policy, context, options);
  if (rewrite instanceof Refusal) return refused(dockerfileText, check.result, rewrite);
  return { text: rewrite.text, fixed: fixedRules(check.result, rewrite.after), remaining: rewrite.after.findings, notes: rewrite.notes, method: 'rewrite' };
}

/** The answer for a compliant or unreadable file (nothing to fix), else null. */
function unfixable(dockerfileText: string, check: DetailedCheck): HardenResult | null {
  const before = check.result;
  if (before.status === 'compliant') return { text: dockerfileText, fixed: [], remaining: before.findings, notes: [] };
  if (before.status === 'error') {
    const reason = before.findings.find((f) => f.ruleId === 'GDS000')?.message ?? 'the file could not be read';
    // over the work budget is the same verdict as over the time or memory limit
    const code = before.reasonCode === 'too-complex' ? 'too-complex' : 'unreadable';
    return refused(dockerfileText, before, new Refusal(code, `GDS000: ${reason}; nothing is rewritten from an unreliable parse`));
  }
  return null;
}

/** @public */
export function harden(dockerfileText: string, policy: Policy, context: HardenContext = {}): HardenResult {
  // one clock for every check of this file
  const clocked = { ...context, now: context.now ?? new Date() };
  const options = checkOptionsOf(clocked);
  // the check's parse and model are the ones the fixes read: no second parse
  const check = checkDockerfileDetailed(dockerfileText, policy, options);
  const early = unfixable(dockerfileText, check);
  if (early) return early;
  const { result: before, model } = check;
  // a drifted verdict always comes with the model (status error is every case without it)
  if (!model) throw new Error(`the check of a ${before.status} file returned no model`);
  try {
    refuseUntouchable(model);
  } catch (e) {
    if (e instanceof Refusal) return refused(dockerfileText, before, e);
    throw e;
  }
  const inPlace = fixInPlace(dockerfileText, policy, clocked, check);
  const edited: HardenResult = {
    text: inPlace.text,
    fixed: fixedRules(before, inPlace.checked),
    remaining: inPlace.checked.findings,
    notes: editNotes(inPlace.edits),
    method: 'edits',
    edits: inPlace.edits,
    ...(inPlace.unfixed.length > 0 ? { unfixed: inPlace.unfixed } : {}),
  };
  if (inPlace.unfixed.length === 0) return edited;
  const rewrite = context.rewrite === false ? new Refusal('no-safe-edit', 'the whole-file rewrite is not allowed (rewrite: false)') : rewriteWhole(check, policy, context, options);
  if (!(rewrite instanceof Refusal)) {
    const left = [...new Set(inPlace.unfixed.map((u) => u.ruleId))].join(', ');
    return { text: rewrite.text, fixed: fixedRules(before, rewrite.after), remaining: rewrite.after.findings, notes: [`rewritten whole: in-place edits could not fix ${left}`, ...rewrite.notes], method: 'rewrite' };
  }
  if (inPlace.text === dockerfileText) {
    const refusal = rewrite.code === 'no-safe-edit' || rewrite.code === 'not-clean' ? new Refusal('no-safe-edit', `no finding has a safe in-place edit, and ${rewrite.message}`) : rewrite;
    return { ...refused(dockerfileText, before, refusal), unfixed: inPlace.unfixed };
  }
  return { ...edited, notes: [...edited.notes, `the whole-file rewrite was not possible either (${rewrite.code}: ${rewrite.message})`] };
}
