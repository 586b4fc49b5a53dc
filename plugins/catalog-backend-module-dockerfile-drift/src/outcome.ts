/**
 * What the processor knows about one Dockerfile, as plain JSON: it is stored in the
 * processor cache between loops and rendered onto the entity by ./annotations.ts.
 */
import type { Severity } from '@hardened-go/dockerfile-standard';

/** The entity label values. `unknown`: nothing could be checked; `error`: the file was read but is not a checkable Dockerfile (GDS000). */
export type ComplianceStatus = 'compliant' | 'drifted' | 'unknown' | 'error';

/** Why a file's status is `unknown` (or, for `too-large`, why it is `error`). Stable codes a UI can switch on. */
export type ReasonCode =
  | 'no-source-location'
  | 'unsupported-location'
  | 'invalid-path'
  | 'not-found'
  | 'read-failed'
  | 'timeout'
  | 'not-checkable';

/** One unsuppressed finding, reduced to what a list view needs. */
export interface FindingSummary {
  rule: string;
  severity: Severity;
  line: number;
  message: string;
}

export interface FileOutcome {
  /** The path as the entity names it (`Dockerfile` by default). */
  path: string;
  /** The resolved URL that was (or would have been) read; absent when no URL could be formed. */
  url?: string;
  status: ComplianceStatus;
  /** Unsuppressed findings per severity (all of them, not only the listed ones). */
  counts: Record<Severity, number>;
  /** The first unsuppressed findings, most severe first, capped. */
  findings: FindingSummary[];
  /** How many unsuppressed findings were left out of `findings` by the cap. */
  more: number;
  /** For `unknown` and `error`: a machine code and a human sentence. */
  reasonCode?: ReasonCode;
  reason?: string;
}

export const NO_COUNTS: Readonly<Record<Severity, number>> = Object.freeze({ error: 0, warning: 0, info: 0 });

/** An outcome for a file that could not be checked at all. */
export function unknownOutcome(path: string, url: string | undefined, reasonCode: ReasonCode, reason: string): FileOutcome {
  return {
    path,
    ...(url !== undefined ? { url } : {}),
    status: 'unknown',
    counts: { ...NO_COUNTS },
    findings: [],
    more: 0,
    reasonCode,
    reason,
  };
}

/**
 * The entity's status is the worst of its files. A file known to be unparseable (error) or
 * known to drift outranks a file we could not read: "unknown" must never hide known drift.
 */
const RANK: Record<ComplianceStatus, number> = { compliant: 0, unknown: 1, drifted: 2, error: 3 };

export function worstStatus(statuses: ComplianceStatus[]): ComplianceStatus {
  // No file at all must never read as compliant.
  if (statuses.length === 0) return 'unknown';
  return statuses.reduce<ComplianceStatus>((worst, s) => (RANK[s] > RANK[worst] ? s : worst), 'compliant');
}
