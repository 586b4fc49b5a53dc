import type { Rule, RawFinding } from './rule';
import { atStage, stageHasPath, stageLabel } from './util';

const NUMERIC = /^\d+$/;

export const GDS010: Rule = {
  id: 'GDS010',
  title: 'A named USER in a scratch final stage has /etc/passwd (and /etc/group) copied in',
  defaultSeverity: 'error',
  rationale: 'scratch has no /etc/passwd: the runtime cannot resolve a named user and the container does not start ("unable to find user nobody").',
  fixHint: 'Copy `/etc/passwd` (and `/etc/group`) from the build stage, or use a numeric `USER 65534:65534`.',
  docsPath: 'docs/rules/GDS010.md',
  related: { hadolint: [], trivy: [], checkov: [], buildkit: [] },
  check(model) {
    const final = model.finalStage;
    if (model.rootBase(final).kind !== 'scratch') return [];
    const u = model.effectiveUser(final);
    if (!u || u.user === '') return [];
    const out: RawFinding[] = [];
    if (!NUMERIC.test(u.user) && !stageHasPath(model, final, ['/etc/passwd'])) {
      out.push(atStage(u.at, `USER ${u.user} in the scratch-based final ${stageLabel(final)} is a name, but /etc/passwd is not copied in, so it cannot be resolved.`));
    }
    if (u.group !== null && u.group !== '' && !NUMERIC.test(u.group) && !stageHasPath(model, final, ['/etc/group'])) {
      out.push(atStage(u.at, `Group ${u.group} in the scratch-based final ${stageLabel(final)} is a name, but /etc/group is not copied in, so it cannot be resolved.`));
    }
    return out;
  },
};
