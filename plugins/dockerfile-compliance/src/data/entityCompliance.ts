/**
 * What the drift processor wrote onto one entity, read into a view model. Everything is
 * parsed with the shared contract of @hardened-go/plugin-dockerfile-compliance-common; anything unreadable
 * becomes a stated `problem`, never a silent "no findings" or a false "compliant".
 */
import type { Entity } from '@backstage/catalog-model';
import { ANNOTATION_FINDINGS, ANNOTATION_LAST_CHECKED, ANNOTATION_REASON, ANNOTATION_STANDARD_VERSION, LABEL_COMPLIANCE, isComplianceStatus, parseFindingsAnnotation, totalCounts, type ComplianceStatus, type FileOutcome, type Severity } from '@hardened-go/plugin-dockerfile-compliance-common';

/** @public */
export interface EntityCompliance {
  status: ComplianceStatus;
  standardVersion?: string;
  files: FileOutcome[];
  /** The processor's reason for `unknown` / `error` (one `path: reason` per file). */
  reason?: string;
  /** Set when the label or annotations cannot be read; the view says so. */
  problem?: string;
  /** Unsuppressed findings by severity, summed over all files. */
  counts: Record<Severity, number>;
  /** Findings left out of the annotation by the processor's cap, summed over files. */
  more: number;
  /** When the processor last really checked the Dockerfile (ISO 8601), if it says. */
  lastChecked?: string;
}

export const NO_COUNTS: Readonly<Record<Severity, number>> = Object.freeze({ error: 0, warning: 0, info: 0 });

/**
 * True when the drift processor covers the entity (it carries the compliance label).
 *
 * @public
 */
export function isComplianceCovered(entity: Entity): boolean {
  return entity.metadata.labels?.[LABEL_COMPLIANCE] !== undefined;
}

/**
 * The entity's compliance, or undefined when the processor does not cover it.
 *
 * @public
 */
export function readEntityCompliance(entity: Entity): EntityCompliance | undefined {
  const label = entity.metadata.labels?.[LABEL_COMPLIANCE];
  if (label === undefined) return undefined;
  const annotations = entity.metadata.annotations ?? {};
  const problems: string[] = [];
  let status: ComplianceStatus;
  if (isComplianceStatus(label)) {
    status = label;
  } else {
    // An unknown label value (hand-written, newer processor) is never shown as compliant.
    status = 'unknown';
    problems.push(`the compliance label has an unrecognised value "${label}"`);
  }
  const parsed = parseFindingsAnnotation(annotations[ANNOTATION_FINDINGS]);
  const files = parsed.ok ? parsed.files : [];
  if (!parsed.ok) {
    problems.push(parsed.error);
    if (status === 'compliant') status = 'unknown';
  }
  const counts = totalCounts(files);
  const more = files.reduce((sum, file) => sum + file.more, 0);
  const result: EntityCompliance = { status, files, counts, more };
  const version = annotations[ANNOTATION_STANDARD_VERSION];
  if (version) result.standardVersion = version;
  const lastChecked = annotations[ANNOTATION_LAST_CHECKED];
  // Shown as a date: a value that is not one is left out rather than shown as "Invalid Date".
  if (lastChecked && !Number.isNaN(Date.parse(lastChecked))) result.lastChecked = lastChecked;
  const reason = annotations[ANNOTATION_REASON];
  if (reason) result.reason = reason;
  if (problems.length > 0) result.problem = problems.join('; ');
  return result;
}
