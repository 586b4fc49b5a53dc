/**
 * The compliance contract between the Dockerfile drift processor (which writes it onto catalog
 * entities) and everything that reads it (the compliance view, scripts): the label, the
 * annotation keys and the findings-summary JSON, plus its ONE parser. Pure data and pure
 * functions, browser-safe. docs/drift.md documents every key.
 */
import type { Severity } from '../policy/types';

/**
 * Label: compliant | drifted | unknown | error.
 *
 * @public
 */
export const LABEL_COMPLIANCE = 'hardened-go.io/dockerfile-compliance';
/**
 * Annotation: the standard version the files were checked against (policy `version`, e.g. `v1`).
 *
 * @public
 */
export const ANNOTATION_STANDARD_VERSION = 'hardened-go.io/standard-version';
/**
 * Annotation: the URL(s) read, comma-separated in the order of dockerfile-path (a comma inside a URL is `%2C`).
 *
 * @public
 */
export const ANNOTATION_DOCKERFILE_URL = 'hardened-go.io/dockerfile-url';
/**
 * Annotation: compact JSON, one FileOutcome per file.
 *
 * @public
 */
export const ANNOTATION_FINDINGS = 'hardened-go.io/dockerfile-findings';
/**
 * Annotation (unknown and error only): why, one `path: reason` per file, joined by `; `.
 *
 * @public
 */
export const ANNOTATION_REASON = 'hardened-go.io/dockerfile-reason';
/**
 * Annotation: when the Dockerfile(s) were last really checked (read, or revalidated with a 304),
 * an ISO-8601 UTC timestamp (`2026-12-02T10:00:00.000Z`); with several files, the oldest. Coarse
 * on purpose: refreshed only when the verdict changes, a check is forced, or the stored time is
 * older than `hardenedGo.catalog.revalidateAfter` (one hour without it). Absent until a file has
 * been checked.
 *
 * @public
 */
export const ANNOTATION_LAST_CHECKED = 'hardened-go.io/last-checked';
/**
 * Input annotation: repository path(s) of the Dockerfile(s), comma-separated; default `Dockerfile`.
 *
 * @public
 */
export const ANNOTATION_DOCKERFILE_PATH = 'hardened-go.io/dockerfile-path';
/**
 * Input annotation: the build context, a repository path relative to the source location
 * (`.`, `services/api`), whose go.mod GDS018 reads; default: the Dockerfile's directory.
 *
 * @public
 */
export const ANNOTATION_BUILD_CONTEXT = 'hardened-go.io/build-context';
/**
 * Input annotation: `disabled` opts the entity out of the check.
 *
 * @public
 */
export const ANNOTATION_CHECK = 'hardened-go.io/dockerfile-check';

/** @public */
export type ComplianceStatus = 'compliant' | 'drifted' | 'unknown' | 'error';
/** @public */
export const COMPLIANCE_STATUSES: readonly ComplianceStatus[] = ['compliant', 'drifted', 'unknown', 'error'];

/** @public */
export type ReasonCode =
  | 'no-source-location'
  | 'unsupported-location'
  | 'invalid-path'
  | 'not-found'
  | 'read-failed'
  | 'timeout'
  | 'not-checkable'
  /** The file could not be checked within hardenedGo.limits (time, heap) or the work budget for its size. */
  | 'too-complex';
/** @public */
export const REASON_CODES: readonly ReasonCode[] = [
  'no-source-location',
  'unsupported-location',
  'invalid-path',
  'not-found',
  'read-failed',
  'timeout',
  'not-checkable',
  'too-complex',
];

/**
 * One unsuppressed finding, reduced to what a list view needs.
 *
 * @public
 */
export interface FindingSummary {
  rule: string;
  severity: Severity;
  line: number;
  message: string;
}

/**
 * The verdict on one Dockerfile, as written into the findings annotation.
 *
 * @public
 */
export interface FileOutcome {
  path: string;
  url?: string;
  status: ComplianceStatus;
  /** Unsuppressed findings per severity (all of them, not only the listed ones). */
  counts: Record<Severity, number>;
  /** The first unsuppressed findings, most severe first, capped. */
  findings: FindingSummary[];
  /** How many unsuppressed findings were left out of `findings` by the cap. */
  more: number;
  reasonCode?: ReasonCode;
  reason?: string;
}

/** @public */
export function isComplianceStatus(value: unknown): value is ComplianceStatus {
  return typeof value === 'string' && (COMPLIANCE_STATUSES as readonly string[]).includes(value);
}

const RANK: Record<ComplianceStatus, number> = { compliant: 0, unknown: 1, drifted: 2, error: 3 };

/**
 * The entity's status is the worst of its files; no file at all is never compliant.
 *
 * @public
 */
export function worstStatus(statuses: readonly ComplianceStatus[]): ComplianceStatus {
  if (statuses.length === 0) return 'unknown';
  return statuses.reduce<ComplianceStatus>((worst, s) => (RANK[s] > RANK[worst] ? s : worst), 'compliant');
}

/** @public */
export type ParsedFindings = { ok: true; files: FileOutcome[] } | { ok: false; error: string };

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

class SummaryError extends Error {}

function fail(where: string, what: string): never {
  throw new SummaryError(`${where}: ${what}`);
}

function parseFinding(raw: unknown, where: string): FindingSummary {
  if (!isRecord(raw)) fail(where, 'is not an object');
  const { rule, severity, line, message } = raw;
  if (typeof rule !== 'string' || rule === '') fail(where, '"rule" must be a non-empty string');
  if (typeof severity !== 'string' || !(SEVERITIES as readonly string[]).includes(severity)) {
    fail(where, `"severity" must be one of ${SEVERITIES.join(', ')}`);
  }
  if (!isCount(line)) fail(where, '"line" must be a non-negative integer');
  if (typeof message !== 'string') fail(where, '"message" must be a string');
  return { rule, severity: severity as Severity, line, message };
}

function parseFile(raw: unknown, where: string): FileOutcome {
  if (!isRecord(raw)) fail(where, 'is not an object');
  const { path, url, status, counts, findings, more, reasonCode, reason } = raw;
  if (typeof path !== 'string' || path === '') fail(where, '"path" must be a non-empty string');
  if (url !== undefined && typeof url !== 'string') fail(where, '"url" must be a string');
  if (!isComplianceStatus(status)) fail(where, `"status" must be one of ${COMPLIANCE_STATUSES.join(', ')}`);
  if (!isRecord(counts) || !SEVERITIES.every(s => isCount(counts[s]))) {
    fail(where, '"counts" must have non-negative integer error, warning and info');
  }
  if (!Array.isArray(findings)) fail(where, '"findings" must be an array');
  if (more !== undefined && !isCount(more)) fail(where, '"more" must be a non-negative integer');
  if (reason !== undefined && typeof reason !== 'string') fail(where, '"reason" must be a string');
  const outcome: FileOutcome = {
    path,
    status,
    counts: { error: counts.error as number, warning: counts.warning as number, info: counts.info as number },
    findings: findings.map((f, i) => parseFinding(f, `${where}.findings[${i}]`)),
    more: more ?? 0,
  };
  if (url !== undefined) outcome.url = url;
  // A code this version does not know (a newer processor) is dropped; the sentence still says why.
  if (typeof reasonCode === 'string' && (REASON_CODES as readonly string[]).includes(reasonCode)) {
    outcome.reasonCode = reasonCode as ReasonCode;
  }
  if (reason !== undefined) outcome.reason = reason;
  return outcome;
}

/**
 * Parses the `hardened-go.io/dockerfile-findings` annotation. Never throws: a missing, malformed
 * or hand-edited value is `{ok: false, error}` naming what is wrong, so a reader can show
 * "cannot read the findings" instead of crashing or claiming there are none.
 *
 * @public
 */
export function parseFindingsAnnotation(text: string | undefined): ParsedFindings {
  if (text === undefined || text.trim() === '') return { ok: false, error: 'the findings annotation is missing' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `the findings annotation is not JSON (${(error as Error).message})` };
  }
  if (!Array.isArray(json)) return { ok: false, error: 'the findings annotation is not a JSON array' };
  try {
    return { ok: true, files: json.map((f, i) => parseFile(f, `file[${i}]`)) };
  } catch (error) {
    if (error instanceof SummaryError) return { ok: false, error: `the findings annotation is malformed: ${error.message}` };
    throw error;
  }
}

/**
 * The unsuppressed findings of several Dockerfiles per severity, summed (the entity's counts).
 *
 * @public
 */
export function totalCounts(files: ReadonlyArray<Pick<FileOutcome, 'counts'>>): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const file of files) {
    counts.error += file.counts.error;
    counts.warning += file.counts.warning;
    counts.info += file.counts.info;
  }
  return counts;
}

/**
 * The rule IDs with a listed finding in any of the files, each once, sorted.
 *
 * @public
 */
export function rulesWithFindings(files: ReadonlyArray<Pick<FileOutcome, 'findings'>>): string[] {
  return [...new Set(files.flatMap(f => f.findings.map(x => x.rule)))].sort();
}

/**
 * Splits the dockerfile-url annotation into URLs (undoing the `%2C` escape of commas).
 *
 * @public
 */
export function parseDockerfileUrls(text: string | undefined): string[] {
  if (text === undefined || text.trim() === '') return [];
  return text
    .split(',')
    .map(u => u.trim())
    .filter(u => u !== '')
    .map(u => u.replace(/%2C/gi, ','));
}
