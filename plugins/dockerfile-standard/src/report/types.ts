import type { CheckResult, Severity } from '../check/types';

/** One checked file as the reports see it. */
export interface FileReport {
  /** Path as the user should read it (relative to the working directory or repository root, `/`-separated). */
  path: string;
  result: CheckResult;
  /** The file's bytes or text, for line excerpts in the text report. */
  source?: string | Uint8Array;
}

/** The rule metadata the reports need (a structural subset of rules/rule.ts `Rule`). */
export interface RuleMetadata {
  id: string;
  title: string;
  defaultSeverity: Severity;
  rationale: string;
  fixHint: string;
  /** Path of the rule's documentation page, relative to the repository root (e.g. `docs/rules/GDS009.md`). */
  docsPath: string;
}
