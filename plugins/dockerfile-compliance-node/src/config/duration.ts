/**
 * A duration from app-config as milliseconds: a number (milliseconds), a duration string
 * ('10s', '500ms', 'PT10S') or an object ({ seconds: 10 }), like Backstage's own keys
 * (readDurationFromConfig). One reader for every hardenedGo duration.
 */
import { readDurationFromConfig, type Config } from '@backstage/config';

const UNIT_MS: Record<string, number> = {
  milliseconds: 1,
  seconds: 1000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
  weeks: 604_800_000,
};

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
  let ms = 0;
  for (const [unit, value] of Object.entries(duration)) {
    const factor = UNIT_MS[unit];
    if (factor === undefined || typeof value !== 'number') throw new Error(`must not use ${unit}; give milliseconds to weeks`);
    ms += value * factor;
  }
  return ms;
}
