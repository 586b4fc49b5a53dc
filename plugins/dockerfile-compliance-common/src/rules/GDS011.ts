import type { Rule } from './rule';
import { atStage } from './util';

export const GDS011: Rule = {
  id: 'GDS011',
  title: 'The final USER is numeric uid:gid',
  defaultSeverity: 'info',
  rationale:
    'Kubernetes `runAsNonRoot` can only verify a numeric user; with a name the kubelet refuses the pod ("image has non-numeric user (nobody), cannot verify user is non-root").',
  fixHint: 'Write the user as `uid:gid`, e.g. `USER 65534:65534`.',
  docsPath: 'docs/rules/GDS011.md',
  related: { hadolint: ['DL3066'], trivy: [], checkov: [], buildkit: [] },
  check(model, policy) {
    const u = model.effectiveUser(model.finalStage);
    if (!u || u.user === '') return [];
    if (/^\d+$/.test(u.user) && u.group !== null && /^\d+$/.test(u.group)) return [];
    const shown = u.user + (u.group !== null ? ':' + u.group : '');
    return [atStage(u.at, `The final USER is "${shown}", not numeric uid:gid.`, `Use \`USER ${policy.user}\`.`)];
  },
};
