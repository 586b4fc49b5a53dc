/**
 * What the processor remembers per entity between loops, in the catalog's processor cache
 * (a database row, so every replica sees the same state): per file the ETag, the
 * fingerprint of what it was checked with, and the outcome; plus the last state logged.
 *
 * The catalog keeps only the keys set during the latest pass, so the whole state is one key
 * written on every pass; it is deterministic so an unchanged entity causes no DB write.
 */
import { createHash } from 'node:crypto';
import type { JsonValue } from '@backstage/config';
import type { Policy } from '@hardened-go/dockerfile-standard';
import type { FileOutcome } from '../outcome';

export const CACHE_KEY = 'drift';
/** Bump when FileOutcome or the summary rules change, so cached outcomes are re-evaluated. */
const OUTCOME_FORMAT = 1;

export interface CachedFile {
  url: string;
  etag: string;
  fingerprint: string;
  outcome: FileOutcome;
}

export interface DriftCacheState {
  files: CachedFile[];
  /** Signature of the last state written to the log (see reportSignature). */
  reported?: string;
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Everything besides the file's bytes that decides its outcome. A cached outcome (and its
 * ETag) is reused only under the same fingerprint. Rollout deadlines (`enforceAfter`) make
 * the verdict depend on the date, so such policies include the UTC day: at most one full
 * read per file and day, and a deadline takes effect on its day.
 */
export function checkFingerprint(policy: Policy, maxFindings: number, now: Date): string {
  const datedRules = Object.values(policy.rules).some(r => r.enforceAfter !== undefined);
  const input = stableStringify({
    format: OUTCOME_FORMAT,
    policy,
    maxFindings,
    day: datedRules ? now.toISOString().slice(0, 10) : undefined,
  });
  return createHash('sha256').update(input).digest('hex').slice(0, 32);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads the cached state defensively: anything unexpected (an older format, a manual edit) counts as no cache. */
export function parseCacheState(value: unknown): DriftCacheState {
  if (!isRecord(value) || !Array.isArray(value.files)) return { files: [] };
  const files = value.files.filter(
    (f): f is CachedFile =>
      isRecord(f) &&
      typeof f.url === 'string' &&
      typeof f.etag === 'string' &&
      typeof f.fingerprint === 'string' &&
      isRecord(f.outcome) &&
      typeof f.outcome.status === 'string',
  );
  return { files, ...(typeof value.reported === 'string' ? { reported: value.reported } : {}) };
}

export function toCacheValue(state: DriftCacheState): JsonValue {
  return JSON.parse(JSON.stringify(state)) as JsonValue;
}
