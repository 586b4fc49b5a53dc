import type { Policy } from '../policy/types';
import type { Rule } from './rule';
import { finalBaseFacts } from './knownFinalBases';
import { at, atStage, stageLabel } from './util';

/**
 * Whether a USER value means root: empty, `root`, or uid 0 however written.
 *
 * @public
 */
export function isRootUser(user: string): boolean {
  return user === '' || user === 'root' || /^0+$/.test(user);
}

export const GDS009: Rule = {
  id: 'GDS009',
  title: 'The final stage runs as a non-root user',
  defaultSeverity: 'error',
  rationale: 'A process running as root in the container is root on the host\'s kernel interfaces: one container escape away from root on the node. Kubernetes `runAsNonRoot` refuses such images.',
  fixHint: 'Add `USER 65534:65534` to the final stage.',
  docsPath: 'docs/rules/GDS009.md',
  related: { hadolint: ['DL3002'], trivy: ['DS-0002'], checkov: ['CKV_DOCKER_3', 'CKV_DOCKER_8'], buildkit: [] },
  check(model, policy) {
    const final = model.finalStage;
    const u = model.effectiveUser(final);
    if (!u) {
      // a known base that runs as a non-root user by default (distroless :nonroot, Chainguard static)
      const base = finalBaseFacts(model, policy);
      if (base?.user && !isRootUser(base.user.split(':')[0]!)) return [];
      return [at(final.from, `The final ${stageLabel(final)} sets no USER (nor does any stage it is built FROM), so the container runs as root.`, hintOf(policy))];
    }
    if (isRootUser(u.user)) {
      const shown = u.user === '' ? 'an empty USER' : `USER ${u.user}${u.group !== null ? ':' + u.group : ''}`;
      const inherited = u.at.stage !== final ? ` (inherited from ${stageLabel(u.at.stage)})` : '';
      return [atStage(u.at, `The final ${stageLabel(final)} runs as root: ${shown} on line ${u.at.instruction.line}${inherited}.`, hintOf(policy))];
    }
    return [];
  },
};

/** The fix hint, built only for a finding. */
function hintOf(policy: Policy): string {
  return `Add \`USER ${policy.user}\` to the final stage.`;
}
