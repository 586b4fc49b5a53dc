/**
 * The settings the plugin's features share in shape (`hardenedGo.history`,
 * `hardenedGo.notifications`): a number of whole days in a range, and a scheduler schedule.
 * A bad value is an InputError naming its full key, so startup stops saying what to fix.
 */
import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type RootConfigService,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';

/** A config section, as `getOptionalConfig` returns it. */
type Section = ReturnType<RootConfigService['getOptionalConfig']>;

/** `<prefix>.<key>`: whole days from `min` to `max`, or `fallback` when absent. */
export function readWholeDays(section: Section, prefix: string, key: string, range: { min: number; max: number; fallback: number }): number {
  const days = section?.getOptionalNumber(key) ?? range.fallback;
  if (!Number.isInteger(days) || days < range.min || days > range.max) {
    throw new InputError(`${prefix}.${key} must be a whole number of days from ${range.min} to ${range.max}, got ${days}`);
  }
  return days;
}

/** `<prefix>.schedule`, or `fallback` when absent. */
export function readSchedule(section: Section, prefix: string, fallback: SchedulerServiceTaskScheduleDefinition): SchedulerServiceTaskScheduleDefinition {
  const schedule = section?.getOptionalConfig('schedule');
  if (!schedule) return fallback;
  try {
    return readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule);
  } catch (e) {
    throw new InputError(`${prefix}.schedule is not a scheduler schedule: ${(e as Error).message}`);
  }
}
