/**
 * `hardenedGo.notifications`, read and validated in one place: a bad value stops startup with
 * the key named. Reminders are off unless `enabled: true`.
 */
import type { RootConfigService, SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { readSchedule, readWholeDays } from '../config/settings';

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
  const prefix = 'hardenedGo.notifications';
  return {
    enabled: notifications?.getOptionalBoolean('enabled') ?? false,
    deadlineWarningDays: readWholeDays(notifications, prefix, 'deadlineWarningDays', { min: 1, max: MAX_DEADLINE_WARNING_DAYS, fallback: DEFAULT_DEADLINE_WARNING_DAYS }),
    schedule: readSchedule(notifications, prefix, DEFAULT_REMINDER_SCHEDULE),
  };
}
