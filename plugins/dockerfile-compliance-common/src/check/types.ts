import type { GoModRequirement } from '../buildContext/goMod';
import type { Severity } from '../policy/types';

export type { Severity };

/** @public */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** 1-based line range of the offending instruction (the file's first line for whole-file findings). */
  line: number;
  endLine: number;
  /** What to change, in one sentence. */
  fixHint: string;
  /** Suppressed by a `# hardened-go ignore=...` comment; kept in reports, never counted. */
  suppressed: boolean;
  suppressionReason?: string;
}

/**
 * compliant: no unsuppressed error/warning; drifted: some remain; error: GDS000 (unreadable/unparseable).
 *
 * @public
 */
export type FileStatus = 'compliant' | 'drifted' | 'error';

/**
 * Why a file got status `error` beyond "it does not parse": it could not be checked within the limits.
 *
 * @public
 */
export type CheckReasonCode = 'too-complex';

/** @public */
export interface CheckResult {
  status: FileStatus;
  standardVersion: string;
  findings: Finding[];
  /** Set when the checker gave up within its limits (work budget, time, memory); status is `error`. */
  reasonCode?: CheckReasonCode;
}

/** @public */
export interface CheckOptions {
  /** The clock for rollout deadlines (`enforceAfter`) and suppression expiry; defaults to the current date. */
  now?: Date;
  /**
   * The text of go.mod in the Dockerfile's build context, when the caller found one: GDS018
   * compares its `go` line with the build image. Without it GDS018 reports nothing.
   */
  goMod?: string;
  /** go.mod's requirement already read (readGoModRequirement), e.g. from a cache; wins over `goMod`. */
  goModRequirement?: GoModRequirement;
}
