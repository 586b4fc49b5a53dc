/**
 * The reminders' scheduled task (scope global: with several replicas one runs it at a time):
 * reads the covered services from the catalog, decides with planReminders, records the states,
 * and sends each reminder through Backstage's notifications service to the owner, its key
 * claimed in the plugin's tables first (see ReminderStore).
 */
import type { AuthService, LoggerService, SchedulerService, SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { EnforcementDeadline } from '@hardened-go/plugin-dockerfile-compliance-common';
import { coveredEntities } from '../catalog/coveredEntities';
import type { ReminderStore } from './ReminderStore';
import { coveredServiceOf, planReminders, type CoveredService } from './reminders';

export const REMINDER_TASK_ID = 'dockerfile-compliance-reminders';

export interface ReminderDeps {
  store: ReminderStore;
  catalog: Pick<CatalogService, 'queryEntities'>;
  auth: AuthService;
  logger: LoggerService;
  notifications: NotificationService;
  /** The policy in force's `enforceAfter` deadlines (read at each run: the policy follows the configuration). */
  deadlines: () => readonly EnforcementDeadline[];
  deadlineWarningDays: number;
  appBaseUrl?: string;
  now?: () => Date;
}

export interface ReminderRun {
  /** 'baseline' when this run took the baseline, 'skipped' when another replica took it meanwhile. */
  outcome: 'baseline' | 'done' | 'skipped';
  sent: number;
  silenced: number;
  /** Reminders left for the next run (a send failed). */
  pending: number;
}

/** One run: read, decide, record, send. */
export async function runReminders(deps: ReminderDeps): Promise<ReminderRun> {
  const now = deps.now?.() ?? new Date();
  const at = now.toISOString();
  const services = (await coveredEntities(deps.catalog, deps.auth)).map(coveredServiceOf).filter((s): s is CoveredService => s !== undefined);
  const stored = await deps.store.load();
  if (services.length === 0) {
    // planReminders would change nothing either: a catalog answering empty for a moment must not make every service new
    if (stored.states.size > 0) deps.logger.warn('Compliance reminders: the catalog answered no covered service; nothing recorded this run');
    return { outcome: 'done', sent: 0, silenced: 0, pending: 0 };
  }
  const plan = planReminders({
    services,
    previous: stored.states,
    baselineTaken: stored.baselineAt !== undefined,
    handled: stored.handled,
    deadlines: deps.deadlines(),
    deadlineWarningDays: deps.deadlineWarningDays,
    now,
    ...(deps.appBaseUrl ? { appBaseUrl: deps.appBaseUrl } : {}),
  });

  let outcome: ReminderRun['outcome'] = 'done';
  if (stored.baselineAt === undefined) {
    if ((await deps.store.recordBaseline(at, plan.states, plan.silenced)) === 'exists') return { outcome: 'skipped', sent: 0, silenced: 0, pending: 0 };
    outcome = 'baseline';
    deps.logger.info(
      `Compliance reminders: baseline of ${services.length} services taken; ${plan.silenced.length} already drifted are not announced (reminders start with the next change)`,
    );
  } else {
    await deps.store.saveStates(plan.states, at);
  }
  await deps.store.forget(plan.gone, plan.forget);
  if (plan.unowned.length > 0) {
    deps.logger.debug(`Compliance reminders: ${plan.unowned.length} drifted services have no owner and get no reminder: ${plan.unowned.slice(0, 20).join(', ')}`);
  }

  let sent = 0;
  for (const [i, reminder] of plan.reminders.entries()) {
    if (!(await deps.store.claim(reminder, at))) continue;
    try {
      await deps.notifications.send({ recipients: { type: 'entity', entityRef: reminder.recipient }, payload: reminder.payload });
      sent += 1;
    } catch (e) {
      await deps.store.release(reminder.key);
      // the notifications backend is down or missing: the rest waits for the next run too
      const pending = plan.reminders.length - i;
      deps.logger.warn(`Compliance reminders: could not send ${reminder.key} to ${reminder.recipient}; ${pending} reminders wait for the next run: ${(e as Error).message}`);
      return { outcome, sent, silenced: plan.silenced.length, pending };
    }
  }
  if (sent > 0) deps.logger.info(`Compliance reminders: ${sent} sent`);
  return { outcome, sent, silenced: plan.silenced.length, pending: 0 };
}

export async function scheduleReminders(deps: ReminderDeps & { scheduler: SchedulerService; schedule: SchedulerServiceTaskScheduleDefinition }): Promise<void> {
  await deps.scheduler.scheduleTask({
    id: REMINDER_TASK_ID,
    scope: 'global',
    ...deps.schedule,
    fn: async () => {
      await runReminders(deps);
    },
  });
}
