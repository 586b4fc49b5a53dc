/**
 * Reads `hardenedGo.catalog` (this module's settings) from app-config once, at startup.
 * Every value is validated; a bad one stops the backend with an error naming the key,
 * because a silently ignored filter would quietly check the wrong entities.
 * The policy itself (`hardenedGo.standard`) is read by the library's policyFromConfig.
 */
import type { Config } from '@backstage/config';
import { readDurationMs } from '@hardened-go/plugin-dockerfile-compliance-node';

export const DRIFT_CONFIG_KEY = 'hardenedGo.catalog';

/** @public */
export interface EntityFilterConfig {
  /** Entity kinds checked (case-insensitive). Default `['Component']`. */
  kinds: string[];
  /** `spec.type` values checked (case-insensitive); empty = any type. Default `['service']`. */
  types: string[];
  /** Tags an entity must all carry. Default none. */
  tags: string[];
  /** Annotations an entity must all carry: `key` (present) or `key=value` (equal). Default none. */
  annotations: Array<{ key: string; value?: string }>;
}

/** @public */
export interface DriftConfig {
  filter: EntityFilterConfig;
  /** Milliseconds a single Dockerfile read may take (request and body). Default 10 000. */
  readTimeoutMs: number;
  /** Findings listed per file in the findings annotation; the rest are counted. Default 20. */
  maxFindings: number;
  /**
   * `hardenedGo.catalog.revalidateAfter`: a file checked more recently than this is re-emitted
   * from the cache without any request. Unset (the default): every pass revalidates (one
   * conditional request per file). Push events, a changed policy and a refresh through the
   * plugin still force a check.
   */
  revalidateAfterMs?: number;
}

/** @public */
export const DEFAULT_DRIFT_CONFIG: DriftConfig = {
  filter: { kinds: ['Component'], types: ['service'], tags: [], annotations: [] },
  readTimeoutMs: 10_000,
  maxFindings: 20,
};

/** @public */
export class DriftConfigError extends Error {
  constructor(readonly key: string, message: string) {
    super(`${key} ${message}`);
    this.name = 'DriftConfigError';
  }
}

const TOP_KEYS = ['filter', 'readTimeout', 'maxFindings', 'revalidateAfter'];
const FILTER_KEYS = ['kinds', 'types', 'tags', 'annotations'];
const MAX_READ_TIMEOUT_MS = 10 * 60 * 1000;
const MAX_FINDINGS_LIMIT = 100;
/** A month: a longer interval is no revalidation at all. */
const MAX_REVALIDATE_AFTER_MS = 31 * 24 * 60 * 60 * 1000;

function rejectUnknownKeys(config: Config, allowed: string[], path: string) {
  for (const key of config.keys()) {
    if (!allowed.includes(key)) {
      throw new DriftConfigError(`${path}.${key}`, `is not a known key (allowed: ${allowed.join(', ')})`);
    }
  }
}

function stringList(config: Config, key: string, path: string): string[] | undefined {
  const value = config.getOptional(key);
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some(v => typeof v !== 'string' || v.trim() === '')) {
    throw new DriftConfigError(`${path}.${key}`, `must be a list of non-empty strings, got ${JSON.stringify(value)}`);
  }
  return (value as string[]).map(v => v.trim());
}

function readTimeoutMs(config: Config, path: string): number {
  const raw = config.getOptional('readTimeout');
  if (raw === undefined) return DEFAULT_DRIFT_CONFIG.readTimeoutMs;
  let ms: number;
  try {
    ms = readDurationMs(config, 'readTimeout');
  } catch (e) {
    throw new DriftConfigError(`${path}.readTimeout`, (e as Error).message);
  }
  if (!Number.isFinite(ms) || ms <= 0 || ms > MAX_READ_TIMEOUT_MS) {
    throw new DriftConfigError(`${path}.readTimeout`, `must be more than 0 and at most ${MAX_READ_TIMEOUT_MS} ms, got ${JSON.stringify(raw)}`);
  }
  return Math.round(ms);
}

function readRevalidateAfterMs(config: Config, path: string): number | undefined {
  const raw = config.getOptional('revalidateAfter');
  if (raw === undefined) return undefined;
  let ms: number;
  try {
    ms = readDurationMs(config, 'revalidateAfter');
  } catch (e) {
    throw new DriftConfigError(`${path}.revalidateAfter`, (e as Error).message);
  }
  if (!Number.isFinite(ms) || ms < 1000 || ms > MAX_REVALIDATE_AFTER_MS) {
    throw new DriftConfigError(`${path}.revalidateAfter`, `must be at least 1 s and at most 31 days, got ${JSON.stringify(raw)}`);
  }
  return Math.round(ms);
}

function readMaxFindings(config: Config, path: string): number {
  const raw = config.getOptional('maxFindings');
  if (raw === undefined) return DEFAULT_DRIFT_CONFIG.maxFindings;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1 || raw > MAX_FINDINGS_LIMIT) {
    throw new DriftConfigError(`${path}.maxFindings`, `must be a whole number from 1 to ${MAX_FINDINGS_LIMIT}, got ${JSON.stringify(raw)}`);
  }
  return raw;
}

function parseAnnotationRequirement(item: string, path: string): { key: string; value?: string } {
  const eq = item.indexOf('=');
  const key = (eq < 0 ? item : item.slice(0, eq)).trim();
  if (key === '') throw new DriftConfigError(path, `has an entry without an annotation key: ${JSON.stringify(item)}`);
  return eq < 0 ? { key } : { key, value: item.slice(eq + 1).trim() };
}

/**
 * `root` is the root config; reads `hardenedGo.catalog`, all keys optional.
 *
 * @public
 */
export function readDriftConfig(root: Config): DriftConfig {
  const path = DRIFT_CONFIG_KEY;
  const raw = root.getOptional(path);
  if (raw === undefined || raw === null) return DEFAULT_DRIFT_CONFIG;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new DriftConfigError(path, `must be an object, got ${JSON.stringify(raw)}`);
  }
  const config = root.getConfig(path);
  rejectUnknownKeys(config, TOP_KEYS, path);

  const filter = { ...DEFAULT_DRIFT_CONFIG.filter };
  const rawFilter = config.getOptional('filter');
  if (rawFilter !== undefined) {
    if (rawFilter === null || typeof rawFilter !== 'object' || Array.isArray(rawFilter)) {
      throw new DriftConfigError(`${path}.filter`, `must be an object with ${FILTER_KEYS.join(', ')}, got ${JSON.stringify(rawFilter)}`);
    }
    const f = config.getConfig('filter');
    rejectUnknownKeys(f, FILTER_KEYS, `${path}.filter`);
    const fp = `${path}.filter`;
    const kinds = stringList(f, 'kinds', fp);
    if (kinds !== undefined && kinds.length === 0) throw new DriftConfigError(`${fp}.kinds`, 'must name at least one kind');
    filter.kinds = kinds ?? filter.kinds;
    filter.types = stringList(f, 'types', fp) ?? filter.types;
    filter.tags = stringList(f, 'tags', fp) ?? filter.tags;
    const annotations = stringList(f, 'annotations', fp);
    filter.annotations = annotations ? annotations.map(a => parseAnnotationRequirement(a, `${fp}.annotations`)) : filter.annotations;
  }
  const revalidateAfterMs = readRevalidateAfterMs(config, path);
  return {
    filter,
    readTimeoutMs: readTimeoutMs(config, path),
    maxFindings: readMaxFindings(config, path),
    ...(revalidateAfterMs !== undefined ? { revalidateAfterMs } : {}),
  };
}
