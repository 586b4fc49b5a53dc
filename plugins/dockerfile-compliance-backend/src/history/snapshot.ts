/**
 * One day's compliance, counted from catalog entities: services per owner x status and per
 * rule. Pure: entities in, counts out (the same label and annotation the view reads).
 */
import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_FINDINGS,
  ANNOTATION_STANDARD_VERSION,
  LABEL_COMPLIANCE,
  isComplianceStatus,
  parseFindingsAnnotation,
  rulesWithFindings,
  type ComplianceHistoryDay,
  type ComplianceStatus,
} from '@hardened-go/plugin-dockerfile-compliance-common';
import { ownerRefOf } from '../catalog/coveredEntities';

function newer(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a.localeCompare(b, 'en', { numeric: true }) >= 0 ? a : b;
}

/** Counts of the entities the drift processor covers (those with the compliance label). */
export function snapshotOf(entities: readonly Entity[], takenAt: Date): ComplianceHistoryDay {
  const byOwner = new Map<string, number>();
  const byRule = new Map<string, number>();
  let services = 0;
  let standardVersion: string | undefined;
  for (const entity of entities) {
    const label = entity.metadata.labels?.[LABEL_COMPLIANCE];
    if (label === undefined) continue;
    // an unrecognised label is never counted as compliant
    const status: ComplianceStatus = isComplianceStatus(label) ? label : 'unknown';
    services += 1;
    const key = `${ownerRefOf(entity)}\n${status}`;
    byOwner.set(key, (byOwner.get(key) ?? 0) + 1);
    const parsed = parseFindingsAnnotation(entity.metadata.annotations?.[ANNOTATION_FINDINGS]);
    const rules = parsed.ok ? rulesWithFindings(parsed.files) : [];
    for (const rule of rules) byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
    standardVersion = newer(standardVersion, entity.metadata.annotations?.[ANNOTATION_STANDARD_VERSION]);
  }
  return {
    day: takenAt.toISOString().slice(0, 10),
    takenAt: takenAt.toISOString(),
    services,
    ...(standardVersion !== undefined ? { standardVersion } : {}),
    byOwner: [...byOwner.entries()]
      .map(([key, count]) => {
        const [owner, status] = key.split('\n') as [string, ComplianceStatus];
        return { owner, status, services: count };
      })
      .sort((a, b) => a.owner.localeCompare(b.owner) || a.status.localeCompare(b.status)),
    byRule: [...byRule.entries()].map(([rule, count]) => ({ rule, services: count })).sort((a, b) => a.rule.localeCompare(b.rule)),
  };
}
