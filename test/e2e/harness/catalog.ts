/** Reads the example services' compliance outcome through the catalog REST API. */
import { COMPLIANCE_LABEL } from '../../../packages/backend/src/demo/catalogLabels';
import { EXAMPLE_NAMES } from './expectedExamples';

export const FINDINGS_ANNOTATION = 'hardened-go.io/dockerfile-findings';

export interface ServiceOutcome {
  label?: string;
  /** Unsuppressed rule IDs listed in the findings annotation, over all checked files. */
  rules: string[];
  /** Paths of the checked files, from the findings annotation. */
  paths: string[];
  etag?: string;
}

interface Entity {
  metadata: { name: string; etag?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
}

export async function fetchOutcomes(backendUrl: string, names: string[] = EXAMPLE_NAMES): Promise<Record<string, ServiceOutcome>> {
  const query = new URLSearchParams();
  for (const name of names) query.append('filter', `kind=component,metadata.name=${name}`);
  const response = await fetch(`${backendUrl}/api/catalog/entities/by-query?${query}&limit=100`);
  if (!response.ok) throw new Error(`catalog answered ${response.status}`);
  const { items } = (await response.json()) as { items: Entity[] };
  const outcomes: Record<string, ServiceOutcome> = {};
  for (const entity of items) {
    const findings = JSON.parse(entity.metadata.annotations?.[FINDINGS_ANNOTATION] ?? '[]') as {
      path: string;
      findings: { rule: string }[];
    }[];
    outcomes[entity.metadata.name] = {
      label: entity.metadata.labels?.[COMPLIANCE_LABEL],
      rules: [...new Set(findings.flatMap(file => file.findings.map(f => f.rule)))].sort(),
      paths: findings.map(file => file.path),
      etag: entity.metadata.etag,
    };
  }
  return outcomes;
}

/** name → label of every named service (undefined while missing). */
export async function fetchLabels(backendUrl: string, names: string[] = EXAMPLE_NAMES): Promise<Record<string, string | undefined>> {
  const outcomes = await fetchOutcomes(backendUrl, names);
  return Object.fromEntries(names.map(name => [name, outcomes[name]?.label]));
}

export function sameLabels(actual: Record<string, string | undefined>, expected: Record<string, string>): boolean {
  return Object.keys(expected).every(name => actual[name] === expected[name]);
}

export interface EntitySummary {
  ref: string;
  etag?: string;
  labels: Record<string, string>;
}

/** Every entity in the catalog (ref, etag, labels), sorted: two replicas must return the same list. */
export async function fetchAllEntities(backendUrl: string): Promise<EntitySummary[]> {
  const response = await fetch(
    `${backendUrl}/api/catalog/entities/by-query?fields=kind,metadata.namespace,metadata.name,metadata.etag,metadata.labels&limit=1000`,
  );
  if (!response.ok) throw new Error(`catalog answered ${response.status}`);
  const { items } = (await response.json()) as {
    items: { kind: string; metadata: { namespace?: string; name: string; etag?: string; labels?: Record<string, string> } }[];
  };
  return items
    .map(e => ({
      ref: `${e.kind.toLowerCase()}:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`,
      etag: e.metadata.etag,
      labels: e.metadata.labels ?? {},
    }))
    .sort((x, y) => x.ref.localeCompare(y.ref));
}
