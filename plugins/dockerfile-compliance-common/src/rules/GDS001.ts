import { policyDigestOf } from '../policy/policy';
import type { Policy } from '../policy/types';
import type { BaseImage } from '../model/types';
import type { Rule } from './rule';
import { at, describeBase, stageLabel } from './util';

/** Whether an external/scratch root base is one of the policy's allowed final bases. */
export function isAllowedFinalBase(base: Exclude<BaseImage, { kind: 'stage' }>, policy: Policy): boolean {
  for (const allowed of policy.finalBases) {
    if (allowed.toLowerCase() === 'scratch') {
      if (base.kind === 'scratch') return true;
      continue;
    }
    if (base.kind !== 'image') continue;
    const a = allowed.toLowerCase();
    const ref = base.ref.toLowerCase();
    // `repo` allows any tag/digest of it; `repo:tag` or `repo@digest` must match exactly
    const hasTagOrDigest = a.includes('@') || a.lastIndexOf(':') > a.lastIndexOf('/');
    if (hasTagOrDigest ? ref === a || normalizeRef(ref) === normalizeRef(a) : base.repository === normalizeRef(a)) return true;
    if (!a.includes('@') && pinsAllowedTag(ref, a, allowed, policy)) return true;
  }
  return false;
}

/**
 * `repo:tag@digest` for an allowed `repo:tag`: the same release pinned (requireDigest asks for
 * exactly that). When the policy's imageDigests lists the tag's digest, it must be that one.
 */
function pinsAllowedTag(ref: string, allowedLower: string, allowed: string, policy: Policy): boolean {
  const digestAt = ref.indexOf('@');
  if (digestAt < 0 || normalizeRef(ref.slice(0, digestAt)) !== normalizeRef(allowedLower)) return false;
  const listed = policyDigestOf(policy, allowed);
  return listed === undefined || listed === ref.slice(digestAt + 1);
}

function normalizeRef(r: string): string {
  return r.replace(/^(?:index\.)?docker\.io\//, '').replace(/^library\//, '');
}

export const GDS001: Rule = {
  id: 'GDS001',
  title: 'The final stage is built FROM scratch (or a base the policy allows)',
  defaultSeverity: 'error',
  rationale:
    'An empty final image contains only the static binary and the files copied in: no shell, package manager or compiler to exploit, and about 2.5 MB instead of 300 MB.',
  fixHint: 'Build the final stage `FROM scratch` and copy the static binary and the files it needs from the build stage.',
  docsPath: 'docs/rules/GDS001.md',
  related: { hadolint: [], trivy: [], checkov: [], buildkit: [] },
  check(model, policy) {
    const final = model.finalStage;
    const root = model.rootBase(final);
    if (isAllowedFinalBase(root, policy)) return [];
    return [
      at(
        final.from,
        `The final ${stageLabel(final)} is based on ${describeBase(model, final)}, not on an allowed final base (${policy.finalBases.join(', ')}).`,
      ),
    ];
  },
};
