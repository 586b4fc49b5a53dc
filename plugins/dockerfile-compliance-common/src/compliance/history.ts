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
 * The body of `GET /api/dockerfile-compliance/history?days=N`: days oldest first.
 *
 * @public
 */
export interface ComplianceHistory {
  retentionDays: number;
  days: ComplianceHistoryDay[];
}
