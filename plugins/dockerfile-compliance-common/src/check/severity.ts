/**
 * Severity resolution: the rule's default, overridden by `policy.rules[ID].severity`
 * (`off` disables), else by the rollout `mode` (off | inform=info | warn=warning |
 * enforce=error). An enforced rule with `enforceAfter` in the future reports as a warning
 * naming the deadline; from that date (UTC midnight) on it is an error. Pure: `now` is given.
 */
import type { Policy } from '../policy/types';
import type { Rule } from '../rules/rule';
import type { Severity } from './types';

export interface ResolvedSeverity {
  readonly severity: Severity;
  /** Appended to messages while an enforce rollout has not reached its deadline. */
  readonly note?: string;
}

/**
 * The results without a note, shared: checkDockerfile resolves every rule once per file, and
 * they are only read.
 */
const PLAIN: Readonly<Record<Severity, ResolvedSeverity>> = {
  error: { severity: 'error' },
  warning: { severity: 'warning' },
  info: { severity: 'info' },
};

/** null when the rule is disabled. A rule that is not configurable (GDS000) keeps its default. */
export function resolveSeverity(rule: Pick<Rule, 'id' | 'defaultSeverity' | 'configurable'>, policy: Policy, now: Date): ResolvedSeverity | null {
  if (rule.configurable === false) return PLAIN[rule.defaultSeverity];
  const rp = policy.rules[rule.id];
  if (!rp) return PLAIN[rule.defaultSeverity];
  if (rp.severity !== undefined) return rp.severity === 'off' ? null : PLAIN[rp.severity];
  switch (rp.mode) {
    case undefined:
      return PLAIN[rule.defaultSeverity];
    case 'off':
      return null;
    case 'inform':
      return PLAIN.info;
    case 'warn':
      return PLAIN.warning;
    case 'enforce': {
      const deadline = rp.enforceAfter !== undefined ? Date.parse(`${rp.enforceAfter}T00:00:00Z`) : NaN;
      if (!Number.isNaN(deadline) && now.getTime() < deadline) {
        return { severity: 'warning', note: `enforced as an error from ${rp.enforceAfter}` };
      }
      return PLAIN.error;
    }
    default:
      return PLAIN[rule.defaultSeverity];
  }
}
