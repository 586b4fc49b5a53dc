/**
 * The organisation page's numbers, as pure functions over catalog entities: one row per
 * covered service, filters, adoption of the current standard version, and what drifts most.
 * Client-side on purpose: the page reads a few fields of at most a few thousand entities,
 * which the catalog API pages through cheaply; no extra backend is needed.
 */
import { parseEntityRef, stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { ComplianceStatus, Severity } from '@hardened-go/plugin-dockerfile-compliance-common';
import { readEntityCompliance, type EntityCompliance } from './entityCompliance';
import { SEVERITY_RANK } from './severity';

/** @public */
export interface ServiceRow {
  entityRef: string;
  entity: Entity;
  name: string;
  title: string;
  /** Owner entity ref (`group:default/payments`), or '' when the entity names none. */
  owner: string;
  system?: string;
  compliance: EntityCompliance;
}

/** @public */
export interface ComplianceFilters {
  owner?: string;
  status?: ComplianceStatus;
  rule?: string;
}

function normaliseRef(ref: unknown, defaultKind: string, namespace: string): string | undefined {
  if (typeof ref !== 'string' || ref.trim() === '') return undefined;
  try {
    return stringifyEntityRef(parseEntityRef(ref, { defaultKind, defaultNamespace: namespace }));
  } catch {
    return undefined;
  }
}

/** @public */
export function toServiceRow(entity: Entity): ServiceRow | undefined {
  const compliance = readEntityCompliance(entity);
  if (compliance === undefined) return undefined;
  const namespace = entity.metadata.namespace ?? 'default';
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const row: ServiceRow = {
    entityRef: stringifyEntityRef(entity),
    entity,
    name: entity.metadata.name,
    title: entity.metadata.title ?? entity.metadata.name,
    owner: normaliseRef(spec.owner, 'group', namespace) ?? '',
    compliance,
  };
  const system = normaliseRef(spec.system, 'system', namespace);
  if (system !== undefined) row.system = system;
  return row;
}

/** @public */
export function toServiceRows(entities: readonly Entity[]): ServiceRow[] {
  return entities
    .flatMap(e => {
      const row = toServiceRow(e);
      return row ? [row] : [];
    })
    .sort((a, b) => a.entityRef.localeCompare(b.entityRef));
}

/**
 * Rule IDs among a service's listed findings.
 *
 * @public
 */
export function rulesOf(row: ServiceRow): Set<string> {
  return new Set(row.compliance.files.flatMap(f => f.findings.map(x => x.rule)));
}

/** @public */
export function applyFilters(rows: readonly ServiceRow[], filters: ComplianceFilters): ServiceRow[] {
  return rows.filter(
    row =>
      (filters.owner === undefined || row.owner === filters.owner) &&
      (filters.status === undefined || row.compliance.status === filters.status) &&
      (filters.rule === undefined || rulesOf(row).has(filters.rule)),
  );
}

/**
 * Orders versions like `v1 < v2 < v10` (digit runs compared as numbers).
 *
 * @public
 */
export function compareStandardVersions(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });
}

/**
 * The newest standard version any covered service was checked against.
 *
 * @public
 */
export function currentStandardVersion(rows: readonly ServiceRow[]): string | undefined {
  let newest: string | undefined;
  for (const row of rows) {
    const v = row.compliance.standardVersion;
    if (v !== undefined && (newest === undefined || compareStandardVersions(v, newest) > 0)) newest = v;
  }
  return newest;
}

/** @public */
export interface Adoption {
  total: number;
  /** Compliant with the current standard version. */
  compliant: number;
  /** 0-100, rounded down to a whole percent so 99.6 % never reads as 100 %; 0 when total is 0. */
  percent: number;
}

/** @public */
export function adoption(rows: readonly ServiceRow[], version: string | undefined): Adoption {
  const total = rows.length;
  const compliant = rows.filter(r => r.compliance.status === 'compliant' && r.compliance.standardVersion === version).length;
  return { total, compliant, percent: total === 0 ? 0 : Math.floor((compliant * 100) / total) };
}

/** @public */
export function adoptionByOwner(rows: readonly ServiceRow[], version: string | undefined): Array<Adoption & { owner: string }> {
  const byOwner = new Map<string, ServiceRow[]>();
  for (const row of rows) byOwner.set(row.owner, [...(byOwner.get(row.owner) ?? []), row]);
  return [...byOwner.entries()]
    .map(([owner, ownRows]) => ({ owner, ...adoption(ownRows, version) }))
    .sort((a, b) => a.percent - b.percent || a.owner.localeCompare(b.owner));
}

/** @public */
export function statusCounts(rows: readonly ServiceRow[]): Record<ComplianceStatus, number> {
  const counts: Record<ComplianceStatus, number> = { compliant: 0, drifted: 0, unknown: 0, error: 0 };
  for (const row of rows) counts[row.compliance.status] += 1;
  return counts;
}

/** @public */
export interface RuleDrift {
  rule: string;
  /** Services with at least one listed finding of this rule. */
  services: number;
  /** Listed findings of this rule over all services. */
  findings: number;
  severity: Severity;
}

/**
 * What drifts most: per rule, how many services it affects, most affected first.
 *
 * @public
 */
export function ruleDrift(rows: readonly ServiceRow[]): RuleDrift[] {
  const byRule = new Map<string, RuleDrift>();
  for (const row of rows) {
    const seen = new Set<string>();
    for (const file of row.compliance.files) {
      for (const f of file.findings) {
        const entry = byRule.get(f.rule) ?? { rule: f.rule, services: 0, findings: 0, severity: f.severity };
        entry.findings += 1;
        if (SEVERITY_RANK[f.severity] < SEVERITY_RANK[entry.severity]) entry.severity = f.severity;
        if (!seen.has(f.rule)) {
          entry.services += 1;
          seen.add(f.rule);
        }
        byRule.set(f.rule, entry);
      }
    }
  }
  return [...byRule.values()].sort((a, b) => b.services - a.services || b.findings - a.findings || a.rule.localeCompare(b.rule));
}

/**
 * Distinct owners and rules for the filter menus.
 *
 * @public
 */
export function filterOptions(rows: readonly ServiceRow[]): { owners: string[]; rules: string[] } {
  const owners = new Set<string>();
  const rules = new Set<string>();
  for (const row of rows) {
    owners.add(row.owner);
    for (const r of rulesOf(row)) rules.add(r);
  }
  return { owners: [...owners].sort(), rules: [...rules].sort() };
}
