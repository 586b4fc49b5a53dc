import type { Rule } from './rule';
import { NO_RELATED } from './rule';

/**
 * Meta rule: a `# hardened-go ignore=...` comment without a reason, naming an unknown rule,
 * or past its `expires` date. Produced by check/suppress.ts; such a comment suppresses nothing.
 */
export const GDS_SUPPRESS: Rule = {
  id: 'GDS-SUPPRESS',
  title: 'Suppression comments give a reason, name known rules and have not expired',
  defaultSeverity: 'warning',
  rationale:
    'A suppression is a decision someone must be able to review later; without a reason it is just a hidden finding, and past its expiry date nobody has renewed the decision, so it does not take effect.',
  fixHint: 'Write `# hardened-go ignore=GDS011 reason="why this is acceptable" expires=2027-03-31` with known rule IDs (expires is optional unless the policy sets suppressionMaxDays).',
  docsPath: 'docs/rules/GDS-SUPPRESS.md',
  related: NO_RELATED,
  check: () => [],
};
