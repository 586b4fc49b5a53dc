/**
 * Browser-safe entry of @hardened-go/dockerfile-standard (`@hardened-go/dockerfile-standard/catalog`):
 * the rule metadata and the catalog compliance contract, without the renderer, the service
 * generator or the CLI (which need nunjucks and node:fs). Frontend plugins import this.
 */
export { RULES, ALL_RULES, ruleById } from './rules';
export type { Rule, RelatedRules } from './rules';
export type { Severity } from './check/types';
export * from './compliance';

// Linear string trimming (no regular expression on user text), for the adapters too.
export { before, trimLeading, trimTrailing } from './text';
