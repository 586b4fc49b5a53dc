/**
 * The organisation page's trend, from the backend's daily history: one point per day for the
 * services the page's filters select (the history also carries the policy's deadlines).
 * Pure: the history body in, chart rows out.
 */
import type { ComplianceHistory, ComplianceStatus, EnforcementDeadline } from '@hardened-go/plugin-dockerfile-compliance-common';
import type { ComplianceFilters } from './aggregate';

export interface TrendPoint {
  day: string;
  /** Services counted that day under the filters (the burndown's line). */
  services: number;
}

export interface Trend {
  /** What the line counts, in words: "drifted services", "services breaking GDS002". */
  measure: string;
  points: TrendPoint[];
}

export type Deadline = EnforcementDeadline;

/**
 * The line: with a rule filter, services breaking that rule (the history counts rules per
 * day, not per owner or status, so the rule wins); else services of the chosen status
 * (drifted when none is chosen: a burndown), of the chosen owner or of all.
 */
export function trendOf(history: ComplianceHistory, filters: ComplianceFilters): Trend {
  if (filters.rule !== undefined) {
    const rule = filters.rule;
    return {
      measure: `services breaking ${rule}`,
      points: history.days.map(d => ({ day: d.day, services: d.byRule.find(r => r.rule === rule)?.services ?? 0 })),
    };
  }
  const status: ComplianceStatus = filters.status ?? 'drifted';
  const owner = filters.owner;
  return {
    measure: `${status === 'error' ? 'not checkable' : status} services`,
    points: history.days.map(d => ({
      day: d.day,
      services: d.byOwner.filter(o => o.status === status && (owner === undefined || o.owner === owner)).reduce((n, o) => n + o.services, 0),
    })),
  };
}

/** Per owner, drifted services per day (the owners' rows draw it). */
export function driftedByOwner(history: ComplianceHistory): Map<string, number[]> {
  const owners = new Set(history.days.flatMap(d => d.byOwner.map(o => o.owner)));
  const series = new Map<string, number[]>();
  for (const owner of owners) {
    series.set(
      owner,
      history.days.map(d => d.byOwner.filter(o => o.owner === owner && o.status === 'drifted').reduce((n, o) => n + o.services, 0)),
    );
  }
  return series;
}
