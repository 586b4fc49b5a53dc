import type { CheckResult } from '../check/types';
import type { Rule } from '../rules/rule';

/**
 * One checked file as the reports see it.
 *
 * @public
 */
export interface FileReport {
  /** Path as the user should read it (relative to the working directory or repository root, `/`-separated). */
  path: string;
  result: CheckResult;
  /** The file's bytes or text, for line excerpts in the text report. */
  source?: string | Uint8Array;
}

/**
 * The rule metadata the reports need: the descriptive part of a rule, without its check.
 *
 * @public
 */
export type RuleMetadata = Pick<Rule, 'id' | 'title' | 'defaultSeverity' | 'rationale' | 'fixHint' | 'docsPath'>;
