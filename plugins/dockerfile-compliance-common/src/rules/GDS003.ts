import { compareVersions } from '../policy/patterns';
import type { Rule, RawFinding } from './rule';
import { at, stageLabel } from './util';

/**
 * `1.26.8-alpine3.23` gives go 1.26.8, alpine 3.23; `1.25rc2-alpine` gives go 1.25, alpine null;
 * `alpine3.20` (the newest Go on an older Alpine) gives go null, alpine 3.20.
 */
export function parseGolangTag(tag: string): { go: string | null; alpine: string | null; variant: string | null } | null {
  const bare = /^([a-z]+?)(\d+(?:\.\d+)*)?$/.exec(tag);
  if (bare && bare[1] !== 'v') return { go: null, variant: bare[1]!, alpine: bare[1] === 'alpine' ? (bare[2] ?? null) : null };
  const m = /^v?(\d+(?:\.\d+){0,2})(?:(?:rc|beta)\d+)?(?:-([a-z]+?)(\d+(?:\.\d+)*)?)?(?:-|$)/.exec(tag);
  if (!m) return null;
  return { go: m[1]!, variant: m[2] ?? null, alpine: m[2] === 'alpine' ? (m[3] ?? null) : null };
}

/** A floating `1.26` tag follows the newest patch, so only the parts it names are compared. */
function olderThan(have: string, want: string): boolean {
  const parts = have.split('.').length;
  return compareVersions(have, want.split('.').slice(0, parts).join('.')) < 0;
}

export const GDS003: Rule = {
  id: 'GDS003',
  title: 'The golang build image is not older than the policy\'s Go and Alpine versions',
  defaultSeverity: 'warning',
  rationale:
    'Old Go releases and old Alpine bases miss security fixes in the standard library, the compiler and the C libraries the toolchain uses; the policy names the minimum.',
  fixHint: 'Build with the policy\'s image, e.g. `golang:1.26.8-alpine3.23`.',
  docsPath: 'docs/rules/GDS003.md',
  related: { hadolint: [], trivy: [], checkov: [], buildkit: [] },
  check(model, policy) {
    const out: RawFinding[] = [];
    const seen = new Set<number>();
    // every golang base that ships something (also when the build hides behind `make`)
    for (const stage of model.stages) {
      if (!model.shippedStages.has(stage)) continue;
      const root = model.rootStage(stage);
      const b = root.base;
      if (b.kind !== 'image' || b.repository !== 'golang' || b.tag === null || seen.has(root.index)) continue;
      seen.add(root.index);
      const v = parseGolangTag(b.tag);
      if (!v) continue;
      const problems: string[] = [];
      if (v.go !== null && olderThan(v.go, policy.goVersion)) problems.push(`Go ${v.go} is older than the policy's ${policy.goVersion}`);
      if (v.alpine !== null && olderThan(v.alpine, policy.alpineVersion)) problems.push(`Alpine ${v.alpine} is older than the policy's ${policy.alpineVersion}`);
      if (problems.length > 0) {
        out.push(
          at(
            root.from,
            `Build image ${b.ref} of ${stageLabel(root)}: ${problems.join('; ')}.`,
            `Use \`golang:${policy.goVersion}-alpine${policy.alpineVersion}\`.`,
          ),
        );
      }
    }
    return out;
  },
};
