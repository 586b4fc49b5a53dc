/**
 * harden(): rewrites a Go service's Dockerfile to the standard, keeping what is specific to
 * the service, or refuses with a reason. The rewrite is the canonical renderer's output
 * for the service's specifics (the renderer stays the one source of canonical text), and it
 * is only returned when checkDockerfile finds it clean under the same policy.
 *
 * Idempotent by construction: a compliant input comes back byte-identical, and every
 * rewrite checks compliant, so harden(harden(x)) returns harden(x) unchanged.
 */
import { checkDockerfile, checkDockerfileDetailed, ModelError } from '@hardened-go/plugin-dockerfile-compliance-common';
import type { CheckResult, DetailedCheck } from '@hardened-go/plugin-dockerfile-compliance-common';
import type { Policy } from '@hardened-go/plugin-dockerfile-compliance-common';
import { RenderParamsError } from '../render/render';
import { extractService } from './extractService';
import { chooseGoVersion } from './goVersion';
import { blocking } from './blocking';
import { fixInPlace } from './inPlace/fixInPlace';
import { Refusal } from './refusals';
import { renderService } from './renderService';
import { keptSuppressions, refuseOverriddenSuppressions } from './suppressions';
import type { HardenContext, HardenResult } from './types';

/** Rule IDs reported (unsuppressed) before and gone after. */
function fixedRules(before: CheckResult, after: CheckResult): string[] {
  const still = new Set(after.findings.filter((f) => !f.suppressed).map((f) => f.ruleId));
  return [...new Set(before.findings.filter((f) => !f.suppressed && !still.has(f.ruleId)).map((f) => f.ruleId))].sort();
}

function refused(text: string, before: CheckResult, refusal: Refusal, notes: string[] = []): HardenResult {
  return { text, fixed: [], remaining: before.findings, refused: refusal.message, refusalCode: refusal.code, notes };
}

/** Refusals that leave a file untouched even with `partial`: it is not one the fixer may edit. */
const WHOLE_FILE_REFUSALS: ReadonlySet<string> = new Set(['unreadable', 'not-go', 'too-complex']);

/** The rewrite refused: with `partial`, the in-place fixes instead, else the refusal. */
function refusedOrPartial(text: string, check: DetailedCheck, refusal: Refusal, policy: Policy, context: HardenContext, options: { now?: Date }): HardenResult {
  const before = check.result;
  if (!context.partial || WHOLE_FILE_REFUSALS.has(refusal.code)) return refused(text, before, refusal);
  const inPlace = fixInPlace(text, policy, { now: options.now ?? new Date() }, context, check);
  if (inPlace.text === text) return { ...refused(text, before, refusal), unfixed: inPlace.unfixed };
  return {
    text: inPlace.text,
    fixed: fixedRules(before, inPlace.checked),
    remaining: inPlace.checked.findings,
    notes: [`the whole-file rewrite was refused (${refusal.code}: ${refusal.message}); fixed in place instead`, ...inPlace.notes],
    unfixed: inPlace.unfixed,
  };
}

/** @public */
export function harden(dockerfileText: string, policy: Policy, context: HardenContext = {}): HardenResult {
  const options = context.now ? { now: context.now } : {};
  // the check's parse and model are the ones the rewrite reads: no second parse
  const check = checkDockerfileDetailed(dockerfileText, policy, options);
  const { result: before, parsed, model } = check;
  if (before.status === 'compliant') return { text: dockerfileText, fixed: [], remaining: before.findings, notes: [] };
  if (before.status === 'error') {
    const reason = before.findings.find((f) => f.ruleId === 'GDS000')?.message ?? 'the file could not be read';
    // over the work budget is the same verdict as over the time or memory limit
    const code = before.reasonCode === 'too-complex' ? 'too-complex' : 'unreadable';
    return refused(dockerfileText, before, new Refusal(code, `GDS000: ${reason}; nothing is rewritten from an unreliable parse`));
  }
  try {
    refuseOverriddenSuppressions(before);
    // a drifted verdict always comes with both (status error is every case without them)
    if (!parsed || !model) throw new Error(`the check of a ${before.status} file returned no model`);
    const spec = extractService(model, policy, context);
    const go = chooseGoVersion(policy.goVersion, policy.supportedGoVersions, context.goModGoVersion);
    if ('refused' in go) throw new Refusal('go-version', go.refused);
    if (policy.requireDigest) {
      throw new Refusal(
        'cannot-render',
        `the policy requires digests and the fixer cannot look up the digest of golang:${go.version}-alpine${policy.alpineVersion} (no network in the pure core); pin it by hand`,
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
    return { text, fixed: fixedRules(before, after), remaining: after.findings, notes: spec.notes };
  } catch (e) {
    if (e instanceof Refusal) return refusedOrPartial(dockerfileText, check, e, policy, context, options);
    // the rewrite expands words the rules never asked for, charged to the check's work budget
    if (e instanceof ModelError) {
      return refused(dockerfileText, before, e.pathological ? new Refusal('too-complex', e.message) : new Refusal('unreadable', `${e.message}; BuildKit would refuse the file`));
    }
    // A bug must not crash a rollout over many repositories, nor pass a file as fixed.
    const message = e instanceof Error ? e.message : String(e);
    return refused(dockerfileText, before, new Refusal('unsupported-build', `internal error while rewriting (${message}); the file is left as it is`));
  }
}
