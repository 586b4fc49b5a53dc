/**
 * Pure reduction of the library's CheckResult to the compact FileOutcome that is cached and
 * written onto the entity. Never re-judges: the status is the library's.
 */
import type { CheckResult, Finding, Severity } from '@hardened-go/plugin-dockerfile-compliance-common';
import { FileOutcome, NO_COUNTS } from './outcome';

/** Longest finding message kept; messages can quote Dockerfile text of any length. */
export const MAX_MESSAGE_CHARS = 240;
/** Longest reason kept. */
export const MAX_REASON_CHARS = 400;

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function truncate(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}

export interface SummarizeOptions {
  path: string;
  url: string;
  /** At most this many findings are listed; the rest are counted in `more`. */
  maxFindings: number;
  /** Set when only a prefix of the file was read because it exceeds the size cap. */
  truncatedAtBytes?: number;
}

export function outcomeFromCheckResult(result: CheckResult, options: SummarizeOptions): FileOutcome {
  const open = result.findings.filter(f => !f.suppressed);
  const counts = { ...NO_COUNTS };
  for (const f of open) counts[f.severity] += 1;
  const ordered = [...open].sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.line - b.line || a.ruleId.localeCompare(b.ruleId),
  );
  const listed = ordered.slice(0, options.maxFindings);
  const outcome: FileOutcome = {
    path: options.path,
    url: options.url,
    status: result.status,
    counts,
    findings: listed.map(f => ({ rule: f.ruleId, severity: f.severity, line: f.line, message: truncate(f.message, MAX_MESSAGE_CHARS) })),
    more: ordered.length - listed.length,
  };
  if (options.truncatedAtBytes !== undefined) {
    // Only a prefix was read, so nothing but "not checkable" may be said about it.
    return {
      ...outcome,
      status: 'error',
      reasonCode: 'not-checkable',
      reason: truncate(`the file is larger than ${options.truncatedAtBytes} bytes (policy maxFileBytes); it was not read further`, MAX_REASON_CHARS),
    };
  }
  if (result.status === 'error') {
    return { ...outcome, reasonCode: result.reasonCode ?? 'not-checkable', reason: truncate(gds000Reason(open), MAX_REASON_CHARS) };
  }
  return outcome;
}

function gds000Reason(open: Finding[]): string {
  const messages = open.filter(f => f.ruleId === 'GDS000').map(f => f.message);
  return messages.length > 0 ? messages.join('; ') : 'the file could not be read or parsed as a Dockerfile';
}
