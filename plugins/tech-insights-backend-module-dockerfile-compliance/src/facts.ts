/**
 * The facts of one entity, read from what the drift processor wrote on it (the label and the
 * findings annotation). Pure: an entity in, facts out. A rule's boolean is present only when
 * it is known: not for an entity whose Dockerfile could not be checked, and not for a rule
 * that may hide among findings the annotation left out. Never a false "clean".
 */
import type { Entity } from '@backstage/catalog-model';
import {
  ALL_RULES,
  ANNOTATION_FINDINGS,
  ANNOTATION_STANDARD_VERSION,
  LABEL_COMPLIANCE,
  isComplianceStatus,
  parseFindingsAnnotation,
  totalCounts,
} from '@hardened-go/plugin-dockerfile-compliance-common';

/**
 * The fact retriever's id: the `factIds` of checks on these facts.
 *
 * @public
 */
export const DOCKERFILE_COMPLIANCE_FACT_RETRIEVER_ID = 'hardenedGoDockerfileComplianceFactRetriever';

/**
 * The facts, with their types (the fact retriever's schema).
 *
 * @public
 */
export const DOCKERFILE_COMPLIANCE_FACT_SCHEMA: Record<string, { type: 'string' | 'integer' | 'boolean'; description: string }> = {
  status: { type: 'string', description: 'The drift label: compliant, drifted, unknown (not readable) or error (not checkable)' },
  compliant: { type: 'boolean', description: 'True when every Dockerfile of the entity is compliant' },
  errors: { type: 'integer', description: 'Unsuppressed error findings over the entity\'s Dockerfiles' },
  warnings: { type: 'integer', description: 'Unsuppressed warning findings' },
  infos: { type: 'integer', description: 'Unsuppressed info findings' },
  standardVersion: { type: 'string', description: 'The version of the standard the Dockerfiles were checked against' },
  ...Object.fromEntries(
    ALL_RULES.map(rule => [rule.id, { type: 'boolean' as const, description: `${rule.id} clean: no unsuppressed finding of "${rule.title}" (absent when unknown)` }]),
  ),
};

/** @public */
export type DockerfileComplianceFacts = Record<string, string | number | boolean>;

/** The facts of an entity the drift processor has labelled, or undefined for one it has not. */
export function complianceFacts(entity: Entity): DockerfileComplianceFacts | undefined {
  const status = entity.metadata.labels?.[LABEL_COMPLIANCE];
  if (!isComplianceStatus(status)) return undefined;
  const facts: DockerfileComplianceFacts = { status, compliant: status === 'compliant' };
  const standardVersion = entity.metadata.annotations?.[ANNOTATION_STANDARD_VERSION];
  if (standardVersion !== undefined) facts.standardVersion = standardVersion;
  const parsed = parseFindingsAnnotation(entity.metadata.annotations?.[ANNOTATION_FINDINGS]);
  if (!parsed.ok) return facts;
  const counts = totalCounts(parsed.files);
  Object.assign(facts, { errors: counts.error, warnings: counts.warning, infos: counts.info });
  const checked = parsed.files.every(f => f.status === 'compliant' || f.status === 'drifted');
  const complete = parsed.files.every(f => f.more === 0);
  if (checked && complete) {
    const broken = new Set(parsed.files.flatMap(f => f.findings.map(x => x.rule)));
    for (const rule of ALL_RULES) facts[rule.id] = !broken.has(rule.id);
  } else if (checked) {
    // some findings were left out of the annotation: only the broken rules are known
    for (const rule of new Set(parsed.files.flatMap(f => f.findings.map(x => x.rule)))) facts[rule] = false;
  }
  return facts;
}
