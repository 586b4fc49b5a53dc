/**
 * What the processor knows about one Dockerfile. The shapes (FileOutcome, statuses, reason
 * codes, the worst-of rule) are the compliance contract of @hardened-go/plugin-dockerfile-compliance-common,
 * shared with every reader of the annotations; this file only adds constructors.
 */
import type { FileOutcome, ReasonCode, Severity } from '@hardened-go/plugin-dockerfile-compliance-common';

export type { ComplianceStatus, FileOutcome, FindingSummary, ReasonCode } from '@hardened-go/plugin-dockerfile-compliance-common';
export { worstStatus } from '@hardened-go/plugin-dockerfile-compliance-common';

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
