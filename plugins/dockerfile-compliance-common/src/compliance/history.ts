/**
 * The compliance history the backend keeps (one snapshot per UTC day) and serves at
 * `GET /api/dockerfile-compliance/history`, for trend charts and reports.
 */
import type { ComplianceStatus } from './summary';

/**
 * One day's snapshot: covered services, per owner and status, and per rule.
 *
 * @public
 */
export interface ComplianceHistoryDay {
  /** UTC day, `YYYY-MM-DD`. */
  day: string;
  /** When the snapshot was taken (ISO 8601). */
  takenAt: string;
  /** Services the drift processor covers. */
  services: number;
  /** The newest standard version among them. */
  standardVersion?: string;
  /** Services per owner (entity ref; '' for none) and status. */
  byOwner: Array<{ owner: string; status: ComplianceStatus; services: number }>;
  /** Services with at least one listed finding of each rule. */
  byRule: Array<{ rule: string; services: number }>;
}

/**
 * A day on which rules of the policy in force become enforced (`enforceAfter`).
 *
 * @public
 */
export interface EnforcementDeadline {
  /** `YYYY-MM-DD` */
  day: string;
  rules: string[];
}

/**
 * The body of `GET /api/dockerfile-compliance/history?days=N`: days oldest first, and the
 * policy's deadlines (to mark on a trend).
 *
 * @public
 */
export interface ComplianceHistory {
  retentionDays: number;
  days: ComplianceHistoryDay[];
  deadlines: EnforcementDeadline[];
}

/**
 * The `enforceAfter` dates of a policy's rules, grouped per day, earliest first; values that
 * are not a `YYYY-MM-DD` day are skipped.
 *
 * @public
 */
export function enforcementDeadlines(rules: Readonly<Record<string, { enforceAfter?: unknown } | null | undefined>> | undefined): EnforcementDeadline[] {
  const byDay = new Map<string, string[]>();
  for (const [rule, settings] of Object.entries(rules ?? {})) {
    const day = settings?.enforceAfter;
    if (typeof day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(day)) continue;
    byDay.set(day, [...(byDay.get(day) ?? []), rule].sort());
  }
  return [...byDay.entries()].map(([day, ids]) => ({ day, rules: ids })).sort((a, b) => a.day.localeCompare(b.day));
}
