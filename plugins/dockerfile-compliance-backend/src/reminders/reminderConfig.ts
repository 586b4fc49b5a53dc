/**
 * `hardenedGo.notifications`, read and validated in one place: a bad value stops startup with
 * the key named. Reminders are off unless `enabled: true`.
 */
import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type RootConfigService,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';

export const DEFAULT_DEADLINE_WARNING_DAYS = 14;
const MAX_DEADLINE_WARNING_DAYS = 365;
export const DEFAULT_REMINDER_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 10 },
  initialDelay: { minutes: 1 },
};

export interface ReminderConfig {
  /** Default false: no tables read, no task scheduled, nothing sent. */
  enabled: boolean;
  /** An owner is reminded of an `enforceAfter` deadline this many days ahead (1-365). */
  deadlineWarningDays: number;
  schedule: SchedulerServiceTaskScheduleDefinition;
}

export function readReminderConfig(config: RootConfigService): ReminderConfig {
  const notifications = config.getOptionalConfig('hardenedGo.notifications');
  const deadlineWarningDays = notifications?.getOptionalNumber('deadlineWarningDays') ?? DEFAULT_DEADLINE_WARNING_DAYS;
  if (!Number.isInteger(deadlineWarningDays) || deadlineWarningDays < 1 || deadlineWarningDays > MAX_DEADLINE_WARNING_DAYS) {
    throw new InputError(
      `hardenedGo.notifications.deadlineWarningDays must be a whole number of days from 1 to ${MAX_DEADLINE_WARNING_DAYS}, got ${deadlineWarningDays}`,
    );
  }
  const scheduleConfig = notifications?.getOptionalConfig('schedule');
  let schedule = DEFAULT_REMINDER_SCHEDULE;
  if (scheduleConfig) {
    try {
      schedule = readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig);
    } catch (e) {
      throw new InputError(`hardenedGo.notifications.schedule is not a scheduler schedule: ${(e as Error).message}`);
    }
  }
  return {
    enabled: notifications?.getOptionalBoolean('enabled') ?? false,
    deadlineWarningDays,
    schedule,
  };
}
