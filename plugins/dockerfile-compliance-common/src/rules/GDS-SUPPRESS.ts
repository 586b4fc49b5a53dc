import type { Rule } from './rule';
import { NO_RELATED } from './rule';

/**
 * Meta rule: a `# hardened-go ignore=...` comment without a reason, or naming an unknown
 * rule. Produced by check/suppress.ts; such a comment suppresses nothing.
 */
export const GDS_SUPPRESS: Rule = {
  id: 'GDS-SUPPRESS',
  title: 'Suppression comments give a reason and name known rules',
  defaultSeverity: 'warning',
  rationale: 'A suppression is a decision someone must be able to review later; without a reason it is just a hidden finding, so it does not take effect.',
  fixHint: 'Write `# hardened-go ignore=GDS011 reason="why this is acceptable"` with known rule IDs.',
  docsPath: 'docs/rules/GDS-SUPPRESS.md',
  related: NO_RELATED,
  check: () => [],
};
