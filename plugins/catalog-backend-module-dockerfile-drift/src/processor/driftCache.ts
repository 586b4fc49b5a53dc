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
import type { GoModRequirement, Policy } from '@hardened-go/plugin-dockerfile-compliance-common';
import type { RenderedOutcome } from '../annotations';

export const CACHE_KEY = 'drift';
/** Bump when FileOutcome or the summary rules change, so cached outcomes are re-evaluated. */
const OUTCOME_FORMAT = 1;
/**
 * The stored value's shape. 1 (no `format` key) kept whole FileOutcomes; 2 keeps them
 * rendered (RenderedOutcome). Files cached in another format are read in full once; the
 * logged signature (`reported`) has the same meaning in both and is kept.
 */
export const CACHE_FORMAT = 2;

/** The last read of a Dockerfile's go.mod: revalidated by its ETag; `requirement` null when there was none. */
export interface CachedGoMod {
  url: string;
  etag?: string;
  requirement: GoModRequirement | null;
  /** For a missing go.mod: the UTC day it was last looked for (looked for again the next day). */
  missingOn?: string;
}

/** One file's last check: revalidated by its ETag, or (servers without ETags) recognised by its content's hash. */
export interface CachedFile {
  url: string;
  etag?: string;
  /** sha256 (hex) of the content, kept when the server sent no ETag. */
  sha256?: string;
  fingerprint: string;
  outcome: RenderedOutcome;
  goMod?: CachedGoMod;
  /**
   * When the file was last really read or revalidated (epoch ms): the last-checked annotation,
   * and with hardenedGo.catalog.revalidateAfter what isFresh compares with. Moved by a check
   * only when the verdict changed, the check was forced or the time is a resolution old (see
   * stamped in DockerfileDriftProcessor), so an unchanged pass still writes nothing.
   */
  checkedAt?: number;
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
  return fingerprintOf(policy, maxFindings, hasDatedRules(policy) ? utcDay(now) : undefined);
}

/**
 * checkFingerprint for one fixed policy, computed once (once per UTC day for dated
 * policies) instead of per entity: the policy is read at startup and never changes.
 */
export function fingerprinter(policy: Policy, maxFindings: number): (now: Date) => string {
  if (!hasDatedRules(policy)) {
    const fixed = fingerprintOf(policy, maxFindings, undefined);
    return () => fixed;
  }
  let memo: { day: string; fingerprint: string } | undefined;
  return now => {
    const day = utcDay(now);
    if (memo?.day !== day) memo = { day, fingerprint: fingerprintOf(policy, maxFindings, day) };
    return memo.fingerprint;
  };
}

function hasDatedRules(policy: Policy): boolean {
  return Object.values(policy.rules).some(r => r.enforceAfter !== undefined);
}

function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

function fingerprintOf(policy: Policy, maxFindings: number, day: string | undefined): string {
  const input = stableStringify({ format: OUTCOME_FORMAT, policy, maxFindings, day });
  return createHash('sha256').update(input).digest('hex').slice(0, 32);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export interface ParsedCacheState extends DriftCacheState {
  /**
   * True when the stored value is exactly a DriftCacheState (nothing was dropped): then an
   * unchanged pass may leave it in place instead of writing it again.
   */
  intact: boolean;
}

const STATE_KEYS = new Set(['format', 'files', 'reported']);

const optionalString = (v: unknown) => v === undefined || typeof v === 'string';

function isRenderedOutcome(o: unknown): o is RenderedOutcome {
  return (
    isRecord(o) &&
    typeof o.path === 'string' &&
    typeof o.status === 'string' &&
    typeof o.entry === 'string' &&
    optionalString(o.url) &&
    optionalString(o.reasonCode) &&
    optionalString(o.reason)
  );
}

function isGoModRequirement(r: unknown): r is GoModRequirement {
  if (!isRecord(r)) return false;
  if (typeof r.problem === 'string') return true;
  return r.go === null || (typeof r.go === 'string' && typeof r.line === 'number');
}

function isCachedGoMod(g: unknown): g is CachedGoMod {
  return isRecord(g) && typeof g.url === 'string' && optionalString(g.etag) && optionalString(g.missingOn) && (g.requirement === null || isGoModRequirement(g.requirement));
}

/** Reads the cached state defensively: anything unexpected (an older format, a manual edit) counts as no cache. */
export function parseCacheState(value: unknown): ParsedCacheState {
  if (!isRecord(value)) return { files: [], intact: false };
  const reported = typeof value.reported === 'string' ? value.reported : undefined;
  const current = value.format === CACHE_FORMAT && Array.isArray(value.files);
  const stored: unknown[] = current ? (value.files as unknown[]) : [];
  const files = stored.filter(
    (f): f is CachedFile =>
      isRecord(f) &&
      typeof f.url === 'string' &&
      optionalString(f.etag) &&
      optionalString(f.sha256) &&
      (typeof f.etag === 'string' || typeof f.sha256 === 'string') &&
      typeof f.fingerprint === 'string' &&
      isRenderedOutcome(f.outcome) &&
      (f.goMod === undefined || isCachedGoMod(f.goMod)) &&
      (f.checkedAt === undefined || (typeof f.checkedAt === 'number' && Number.isFinite(f.checkedAt))),
  );
  const intact =
    current &&
    files.length === stored.length &&
    (value.reported === undefined || reported !== undefined) &&
    Object.keys(value).every(k => STATE_KEYS.has(k));
  return { files, ...(reported !== undefined ? { reported } : {}), intact };
}

/**
 * True when a pass ends with exactly the state it started from: the same cached entries
 * (the very objects read, so nothing in them was replaced) in the same order and the same
 * logged signature. Then nothing needs to be written: the catalog keeps a processor's
 * existing cache values when a pass sets none (CatalogProcessorCache contract).
 */
export function isUnchanged(previous: ParsedCacheState, next: DriftCacheState): boolean {
  return (
    previous.intact &&
    previous.reported === next.reported &&
    previous.files.length === next.files.length &&
    previous.files.every((f, i) => f === next.files[i])
  );
}

export function toCacheValue(state: DriftCacheState): JsonValue {
  return JSON.parse(JSON.stringify({ format: CACHE_FORMAT, ...state })) as JsonValue;
}
