/**
 * The contract between this processor and everything that reads the catalog (the compliance
 * view, the catalog API, scripts): which label and annotations an entity gets, and their
 * format (keys and JSON shape are defined by the library's compliance contract, which also
 * holds the one parser readers use). Pure: FileOutcomes in, entity metadata out.
 * docs/drift.md documents every key.
 *
 * No volatile values (no request IDs, no per-loop timestamps): the catalog re-stitches an
 * entity only when its processed output changes, so a stable output keeps unchanged entities
 * free. The one time, last-checked, is coarse: the processor moves it only when the verdict
 * changes, a check is forced, or it is a resolution (revalidateAfter, else an hour) old.
 */
import type { Entity } from '@backstage/catalog-model';
import { worstStatus } from './outcome';
import type { ComplianceStatus, FileOutcome, ReasonCode } from './outcome';
import {
  ANNOTATION_BUILD_CONTEXT,
  ANNOTATION_CHECK,
  ANNOTATION_DOCKERFILE_PATH,
  ANNOTATION_DOCKERFILE_URL,
  ANNOTATION_FINDINGS,
  ANNOTATION_LAST_CHECKED,
  ANNOTATION_REASON,
  ANNOTATION_STANDARD_VERSION,
  LABEL_COMPLIANCE,
} from '@hardened-go/plugin-dockerfile-compliance-common';

// The keys are the library's compliance contract (one definition for writer and readers).
export {
  ANNOTATION_BUILD_CONTEXT,
  ANNOTATION_CHECK,
  ANNOTATION_DOCKERFILE_PATH,
  ANNOTATION_DOCKERFILE_URL,
  ANNOTATION_FINDINGS,
  ANNOTATION_LAST_CHECKED,
  ANNOTATION_REASON,
  ANNOTATION_STANDARD_VERSION,
  LABEL_COMPLIANCE,
};

/** Everything this processor writes; removed first on every pass so no stale or hand-written value survives. */
const OUTPUT_ANNOTATIONS = [ANNOTATION_STANDARD_VERSION, ANNOTATION_DOCKERFILE_URL, ANNOTATION_FINDINGS, ANNOTATION_REASON, ANNOTATION_LAST_CHECKED];

/** @public */
export interface DriftMetadata {
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** Commas separate URLs in the dockerfile-url annotation, so a comma inside a URL is percent-encoded. */
function encodeListItem(url: string): string {
  return url.replace(/,/g, '%2C');
}

/**
 * What the label, the URL and reason annotations and the state log need of one file's
 * outcome, with the file's item of the findings annotation rendered once. It is what the
 * processor caches, so an unchanged file (304) costs no re-serialisation of its findings.
 */
export interface RenderedOutcome {
  path: string;
  url?: string;
  status: ComplianceStatus;
  reasonCode?: ReasonCode;
  reason?: string;
  /** This file's item of the findings annotation: JSON, fixed key order (see toJson). */
  entry: string;
}

export function renderOutcome(o: FileOutcome): RenderedOutcome {
  return {
    path: o.path,
    ...(o.url !== undefined ? { url: o.url } : {}),
    status: o.status,
    ...(o.reasonCode !== undefined ? { reasonCode: o.reasonCode } : {}),
    ...(o.reason !== undefined ? { reason: o.reason } : {}),
    entry: JSON.stringify(toJson(o)),
  };
}

/**
 * The label and annotations for these outcomes; `lastChecked`, when given, is written as the
 * last-checked annotation (ISO-8601 UTC).
 *
 * @public
 */
export function driftMetadata(outcomes: FileOutcome[], standardVersion: string, lastChecked?: Date): DriftMetadata {
  return renderedDriftMetadata(outcomes.map(renderOutcome), standardVersion, lastChecked?.getTime());
}

/**
 * driftMetadata from already rendered outcomes: the findings annotation is their entries as a
 * JSON array; `lastCheckedMs` (epoch ms) the last-checked annotation, none when undefined.
 */
export function renderedDriftMetadata(outcomes: readonly RenderedOutcome[], standardVersion: string, lastCheckedMs?: number): DriftMetadata {
  const status: ComplianceStatus = worstStatus(outcomes.map(o => o.status));
  const annotations: Record<string, string> = {
    [ANNOTATION_STANDARD_VERSION]: standardVersion,
    // Exactly JSON.stringify(outcomes.map(toJson)): an array's JSON is its items' JSON joined by commas.
    [ANNOTATION_FINDINGS]: `[${outcomes.map(o => o.entry).join(',')}]`,
  };
  const urls = outcomes.flatMap(o => (o.url !== undefined ? [encodeListItem(o.url)] : []));
  if (urls.length > 0) annotations[ANNOTATION_DOCKERFILE_URL] = urls.join(',');
  const reasons = outcomes.filter(o => o.reason !== undefined && (o.status === 'unknown' || o.status === 'error'));
  if (reasons.length > 0) annotations[ANNOTATION_REASON] = reasons.map(o => `${o.path}: ${o.reason}`).join('; ');
  if (lastCheckedMs !== undefined) annotations[ANNOTATION_LAST_CHECKED] = new Date(lastCheckedMs).toISOString();
  return { labels: { [LABEL_COMPLIANCE]: status }, annotations };
}

/** Fixed key order so the JSON text (and so the entity hash) is stable. */
function toJson(o: FileOutcome) {
  return {
    path: o.path,
    ...(o.url !== undefined ? { url: o.url } : {}),
    status: o.status,
    counts: { error: o.counts.error, warning: o.counts.warning, info: o.counts.info },
    findings: o.findings.map(f => ({ rule: f.rule, severity: f.severity, line: f.line, message: f.message })),
    more: o.more,
    ...(o.reasonCode !== undefined ? { reasonCode: o.reasonCode } : {}),
    ...(o.reason !== undefined ? { reason: o.reason } : {}),
  };
}

/** The entity without any label or annotation this processor owns. */
export function withoutDriftMetadata(entity: Entity): Entity {
  const labels = { ...(entity.metadata.labels ?? {}) };
  const annotations = { ...(entity.metadata.annotations ?? {}) };
  const hadAny = LABEL_COMPLIANCE in labels || OUTPUT_ANNOTATIONS.some(k => k in annotations);
  if (!hadAny) return entity;
  delete labels[LABEL_COMPLIANCE];
  for (const key of OUTPUT_ANNOTATIONS) delete annotations[key];
  const metadata = { ...entity.metadata, annotations };
  if (Object.keys(labels).length > 0) metadata.labels = labels;
  else delete metadata.labels;
  return { ...entity, metadata };
}

/** The entity with this processor's label and annotations set (and any previous ones replaced). */
export function withDriftMetadata(entity: Entity, drift: DriftMetadata): Entity {
  const clean = withoutDriftMetadata(entity);
  return {
    ...clean,
    metadata: {
      ...clean.metadata,
      labels: { ...(clean.metadata.labels ?? {}), ...drift.labels },
      annotations: { ...(clean.metadata.annotations ?? {}), ...drift.annotations },
    },
  };
}
