/**
 * The daily compliance snapshot: a scheduled task (scope global: with several replicas one
 * runs it at a time) that, once per UTC day, counts the catalog's covered services into the
 * history and drops days older than the retention. It runs every hour by default and writes
 * only when today has no snapshot, so a restart or a missed run is caught up the same day.
 */
import {
  type AuthService,
  type LoggerService,
  type RootConfigService,
  type SchedulerService,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { coveredEntities } from '../catalog/coveredEntities';
import { readSchedule, readWholeDays } from '../config/settings';
import type { HistoryStore } from './HistoryStore';
import { snapshotOf } from './snapshot';

export const DEFAULT_RETENTION_DAYS = 400;
const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = { frequency: { hours: 1 }, timeout: { minutes: 10 }, initialDelay: { seconds: 30 } };

export interface HistoryConfig {
  enabled: boolean;
  retentionDays: number;
  schedule: SchedulerServiceTaskScheduleDefinition;
}

/** `hardenedGo.history`, validated: a bad value stops startup with the key named. */
export function readHistoryConfig(config: RootConfigService): HistoryConfig {
  const history = config.getOptionalConfig('hardenedGo.history');
  return {
    enabled: history?.getOptionalBoolean('enabled') ?? true,
    retentionDays: readWholeDays(history, 'hardenedGo.history', 'retentionDays', { min: 1, max: 3650, fallback: DEFAULT_RETENTION_DAYS }),
    schedule: readSchedule(history, 'hardenedGo.history', DEFAULT_SCHEDULE),
  };
}

/** The UTC day `days` before `day` (YYYY-MM-DD). */
export function dayBefore(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

export interface SnapshotDeps {
  store: HistoryStore;
  catalog: Pick<CatalogService, 'queryEntities'>;
  auth: AuthService;
  logger: LoggerService;
  retentionDays: number;
  now?: () => Date;
}

/** Today's snapshot if there is none yet, then the retention; returns what happened. */
export async function takeDailySnapshot(deps: SnapshotDeps): Promise<'written' | 'exists'> {
  const now = deps.now?.() ?? new Date();
  const day = now.toISOString().slice(0, 10);
  let result: 'written' | 'exists' = 'exists';
  if (!(await deps.store.hasDay(day))) {
    const snapshot = snapshotOf(await coveredEntities(deps.catalog, deps.auth), now);
    result = await deps.store.write(snapshot);
    if (result === 'written') deps.logger.info(`Compliance snapshot of ${day}: ${snapshot.services} services`);
  }
  // keep `retentionDays` days including today
  const pruned = await deps.store.pruneBefore(dayBefore(day, deps.retentionDays - 1));
  if (pruned > 0) deps.logger.info(`Removed ${pruned} compliance snapshots older than ${deps.retentionDays} days`);
  return result;
}

export async function scheduleDailySnapshot(deps: SnapshotDeps & { scheduler: SchedulerService; schedule: SchedulerServiceTaskScheduleDefinition }): Promise<void> {
  await deps.scheduler.scheduleTask({
    id: 'dockerfile-compliance-history-snapshot',
    scope: 'global',
    ...deps.schedule,
    fn: async () => {
      await takeDailySnapshot(deps);
    },
  });
}
