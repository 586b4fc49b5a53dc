/**
 * `hardenedGo.limits`: how much one Dockerfile may cost the process that checks it. The
 * checker's algorithms are linear in the file (the first line of defence); these limits are
 * the second: each file is checked in a worker thread that is stopped when it runs longer
 * than `timeout` or needs more heap than `maxHeapMb`, and the file is then `error` with
 * reason `too-complex`. The drift processor, the harden action and the CLI read the same keys.
 */
import type { Config } from '@backstage/config';
import { readDurationMs } from '../config/duration';

/** @public */
export const LIMITS_CONFIG_KEY = 'hardenedGo.limits';

/** @public */
export interface CheckLimits {
  /** Wall-clock time one file may take in a worker, from the moment the worker starts on it. */
  timeoutMs: number;
  /** Old-generation heap of a worker (V8 resourceLimits.maxOldGenerationSizeMb). */
  maxHeapMb: number;
  /** Worker threads in the pool. */
  threads: number;
}

/** @public */
export const DEFAULT_CHECK_LIMITS: Readonly<CheckLimits> = Object.freeze({ timeoutMs: 2000, maxHeapMb: 256, threads: 2 });

const BOUNDS = {
  timeoutMs: { min: 100, max: 10 * 60 * 1000 },
  maxHeapMb: { min: 32, max: 16 * 1024 },
  threads: { min: 1, max: 64 },
} as const;

/**
 * A bad `hardenedGo.limits` value; the message names the full key.
 *
 * @public
 */
export class LimitsError extends Error {
  constructor(readonly key: string, message: string) {
    super(`${key} ${message}`);
    this.name = 'LimitsError';
  }
}

function bounded(key: keyof typeof BOUNDS, value: number): number {
  const { min, max } = BOUNDS[key];
  if (!Number.isFinite(value) || value < min || value > max || (key !== 'timeoutMs' && !Number.isInteger(value))) {
    const name = key === 'timeoutMs' ? 'timeout' : key;
    throw new LimitsError(`${LIMITS_CONFIG_KEY}.${name}`, `must be between ${min} and ${max}${key === 'timeoutMs' ? ' ms' : ''}, got ${value}`);
  }
  return value;
}

function timeoutMs(config: Config): number {
  try {
    return readDurationMs(config, 'timeout');
  } catch (e) {
    throw new LimitsError(`${LIMITS_CONFIG_KEY}.timeout`, (e as Error).message);
  }
}

/**
 * Reads and validates `hardenedGo.limits`; the defaults for what is not set.
 *
 * @public
 */
export function readCheckLimits(root: Config): CheckLimits {
  const config = root.getOptionalConfig(LIMITS_CONFIG_KEY);
  if (!config) return { ...DEFAULT_CHECK_LIMITS };
  for (const key of config.keys()) {
    if (!['timeout', 'maxHeapMb', 'threads'].includes(key)) {
      throw new LimitsError(`${LIMITS_CONFIG_KEY}.${key}`, 'is not a known key (allowed: timeout, maxHeapMb, threads)');
    }
  }
  const number = (key: 'maxHeapMb' | 'threads') => {
    const v = config.getOptional(key);
    if (v === undefined) return DEFAULT_CHECK_LIMITS[key];
    if (typeof v !== 'number') throw new LimitsError(`${LIMITS_CONFIG_KEY}.${key}`, `must be a number, got ${JSON.stringify(v)}`);
    return bounded(key, v);
  };
  return {
    timeoutMs: config.has('timeout') ? bounded('timeoutMs', timeoutMs(config)) : DEFAULT_CHECK_LIMITS.timeoutMs,
    maxHeapMb: number('maxHeapMb'),
    threads: number('threads'),
  };
}

/**
 * Limits with some values replaced (the CLI's flags over the config), validated the same way.
 *
 * @public
 */
export function withLimits(base: CheckLimits, overrides: Partial<CheckLimits>): CheckLimits {
  const out = { ...base };
  for (const key of Object.keys(BOUNDS) as (keyof CheckLimits)[]) {
    const v = overrides[key];
    if (v !== undefined) out[key] = bounded(key, v);
  }
  return out;
}
