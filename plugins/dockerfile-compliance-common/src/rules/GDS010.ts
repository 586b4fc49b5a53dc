import type { Rule, RawFinding } from './rule';
import { finalBaseFacts } from './knownFinalBases';
import { atStage, stageHasPath, stageLabel } from './util';

const NUMERIC = /^\d+$/;

export const GDS010: Rule = {
  id: 'GDS010',
  title: 'A named USER in a scratch (or known) final base resolves: /etc/passwd (and /etc/group) has it',
  defaultSeverity: 'error',
  rationale: 'scratch has no /etc/passwd: the runtime cannot resolve a named user and the container does not start ("unable to find user nobody").',
  fixHint: 'Copy `/etc/passwd` (and `/etc/group`) from the build stage, or use a numeric `USER 65534:65534`.',
  docsPath: 'docs/rules/GDS010.md',
  related: { hadolint: [], trivy: [], checkov: [], buildkit: [] },
  check(model, policy) {
    const final = model.finalStage;
    // scratch has no names; a known base (distroless, Chainguard, the policy's) has its own; any other image is not ours to judge
    const base = finalBaseFacts(model, policy);
    if (!base) return [];
    const u = model.effectiveUser(final);
    if (!u || u.user === '') return [];
    const where = base.label === 'scratch' ? `the scratch-based final ${stageLabel(final)}` : `the final ${stageLabel(final)} on ${base.label}`;
    const known = base.names.size > 0 ? `, and ${base.label} resolves only ${[...base.names].join(', ')}` : '';
    const out: RawFinding[] = [];
    if (!NUMERIC.test(u.user) && !base.names.has(u.user) && !stageHasPath(model, final, ['/etc/passwd'])) {
      out.push(atStage(u.at, `USER ${u.user} in ${where} is a name, but /etc/passwd is not copied in${known}, so it cannot be resolved.`));
    }
    if (u.group !== null && u.group !== '' && !NUMERIC.test(u.group) && !base.names.has(u.group) && !stageHasPath(model, final, ['/etc/group'])) {
      out.push(atStage(u.at, `Group ${u.group} in ${where} is a name, but /etc/group is not copied in${known}, so it cannot be resolved.`));
    }
    return out;
  },
};
