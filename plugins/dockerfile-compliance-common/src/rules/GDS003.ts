import { parseGolangTag, tagVersionOlderThan } from '../policy/goVersion';
import type { Rule, RawFinding } from './rule';
import { at, stageLabel } from './util';

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
      if (v.go !== null && tagVersionOlderThan(v.go, policy.goVersion)) problems.push(`Go ${v.go} is older than the policy's ${policy.goVersion}`);
      if (v.alpine !== null && tagVersionOlderThan(v.alpine, policy.alpineVersion)) problems.push(`Alpine ${v.alpine} is older than the policy's ${policy.alpineVersion}`);
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
