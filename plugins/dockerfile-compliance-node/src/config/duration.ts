/**
 * A duration from app-config as milliseconds: a number (milliseconds), a duration string
 * ('10s', '500ms', 'PT10S') or an object ({ seconds: 10 }), like Backstage's own keys
 * (readDurationFromConfig). One reader for every hardenedGo duration.
 */
import { readDurationFromConfig, type Config } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/**
 * The value of `key` in `config` in milliseconds; throws an Error saying what is accepted.
 *
 * @public
 */
export function readDurationMs(config: Config, key: string): number {
  const raw = config.getOptional(key);
  if (typeof raw === 'number') return raw;
  let duration;
  try {
    duration = readDurationFromConfig(config, { key });
  } catch (e) {
    throw new Error(`must be milliseconds (number), a duration string like '10s' or 'PT10S', or an object like { seconds: 10 } (${(e as Error).message})`);
  }
  // Months and years have no fixed length (durationToMilliseconds would guess 30 and 365 days).
  for (const unit of ['years', 'months'] as const) {
    if (duration[unit] !== undefined) throw new Error(`must not use ${unit}; give milliseconds to weeks`);
  }
  return durationToMilliseconds(duration);
}
