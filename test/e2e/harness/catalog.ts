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
