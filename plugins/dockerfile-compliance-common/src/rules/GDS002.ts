import type { Stage } from '../model/types';
import type { Rule, RawFinding } from './rule';
import { at, stageLabel } from './util';

/**
 * An exact tag names a full release: a three-part version (`1.26.8`, `v2.11.0`,
 * `1.26.8-alpine3.23`) or a dated build (`bookworm-20240110`, `RELEASE.2025-09-07T16-13-09Z`). `latest`, `1.26`,
 * `alpine`, `nonroot` move over time.
 */
export function isExactTag(tag: string): boolean {
  if (tag.toLowerCase() === 'latest') return false;
  return /(?:^|[^\d.])\d+\.\d+\.\d+/.test(tag) || /(?:^|\D)(?:\d{8}|\d{4}-\d{2}-\d{2})(?:\D|$)/.test(tag);
}

/** How a finding names the stage (built only for a finding). */
function whereOf(stage: Stage): string {
  return `${stageLabel(stage)} FROM ${stage.from.args[0] ?? ''}`;
}

export const GDS002: Rule = {
  id: 'GDS002',
  title: 'Every external base image names an exact version (or a digest)',
  defaultSeverity: 'error',
  rationale:
    'A missing, `latest` or floating tag (`golang:1.26`) builds a different image tomorrow than today: builds are not reproducible and a rebuild can silently change the toolchain or base libraries.',
  fixHint: 'Name an exact tag such as `golang:1.26.8-alpine3.23` (ARG defaults count), or pin a digest `@sha256:...`.',
  docsPath: 'docs/rules/GDS002.md',
  related: { hadolint: ['DL3006', 'DL3007'], trivy: ['DS-0001'], checkov: ['CKV_DOCKER_7'], buildkit: [] },
  check(model, policy) {
    const out: RawFinding[] = [];
    for (const stage of model.stages) {
      const b = stage.base;
      if (b.kind !== 'image') continue;
      if (b.unresolvedArgs.length > 0) {
        out.push(
          at(
            stage.from,
            `${whereOf(stage)}: the image depends on build arg ${b.unresolvedArgs.map((a) => `\`${a}\``).join(', ')} without a default in the file (expands to "${b.ref}"), so the version is not fixed by the Dockerfile.`,
            'Give the ARG an exact default (`ARG GO_VERSION=1.26.8`) before the first FROM.',
          ),
        );
        continue;
      }
      if (b.digest === null) {
        if (b.tag === null) out.push(at(stage.from, `${whereOf(stage)}: image ${b.ref} has no tag (means \`latest\`).`));
        else if (b.tag.toLowerCase() === 'latest') out.push(at(stage.from, `${whereOf(stage)}: image ${b.ref} uses the moving \`latest\` tag.`));
        else if (!isExactTag(b.tag)) out.push(at(stage.from, `${whereOf(stage)}: tag \`${b.tag}\` of ${b.repository} is floating (not an exact x.y.z release).`));
      }
      if (policy.requireDigest && b.digest === null) {
        out.push(at(stage.from, `${whereOf(stage)}: the policy requires a digest pin, image ${b.ref} has none.`, `Pin the image: \`${b.ref}@sha256:<digest>\`.`));
      }
    }
    return out;
  },
};
