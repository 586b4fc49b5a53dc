import type { Rule } from './rule';
import { finalBaseFacts } from './knownFinalBases';
import { at, stageHasPath, stageLabel } from './util';

export const GDS013: Rule = {
  id: 'GDS013',
  title: 'A scratch final stage has time-zone data (or the binary embeds it)',
  defaultSeverity: 'warning',
  rationale: 'scratch has no /usr/share/zoneinfo: `time.LoadLocation` fails ("unknown time zone") unless the data is copied in or embedded with `-tags timetzdata`.',
  fixHint: 'Copy `/usr/share/zoneinfo` from the build stage (after `apk add --no-cache tzdata`) or build with `-tags timetzdata`.',
  docsPath: 'docs/rules/GDS013.md',
  related: { hadolint: [], trivy: [], checkov: [], buildkit: [] },
  check(model, policy) {
    const final = model.finalStage;
    // only scratch, or a known base without time-zone data: other images are not ours to judge
    const base = finalBaseFacts(model, policy);
    if (!base || base.zoneinfo) return [];
    if (stageHasPath(model, final, ['/usr/share/zoneinfo'], true)) return [];
    if (model.goBuilds.some((b) => b.tags.includes('timetzdata'))) return [];
    // Go's own fallback: $ZONEINFO pointing at a zoneinfo.zip that is copied in
    const zoneinfo = final.endVars.env.get('ZONEINFO');
    if (zoneinfo && stageHasPath(model, final, [zoneinfo])) return [];
    const where = base.label === 'scratch' ? `scratch-based final ${stageLabel(final)}` : `final ${stageLabel(final)} on ${base.label}`;
    return [at(final.from, `The ${where} has no /usr/share/zoneinfo and no go build uses \`-tags timetzdata\`, so time zones cannot be loaded.`)];
  },
};
