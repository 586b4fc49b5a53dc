/** The dockerfile-compliance backend plugin: wires the router to Backstage's services. */
import { coreServices, createBackendPlugin, type BackstageCredentials } from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { enforcementDeadlines } from '@hardened-go/plugin-dockerfile-compliance-common';
import { livePolicy } from '@hardened-go/plugin-dockerfile-compliance-node';
import { readHistoryConfig, scheduleDailySnapshot } from './history/history';
import { HistoryStore } from './history/HistoryStore';
import { createRouter } from './router';
import { githubPullRequestStates } from './pullRequests/githubPullRequests';
import { hardeningProgress, readRolloutConfig } from './pullRequests/hardeningProgress';
import { scaffolderTasksClient } from './pullRequests/scaffolderClient';
import { readReminderConfig } from './reminders/reminderConfig';
import { ReminderStore } from './reminders/ReminderStore';
import { scheduleReminders } from './reminders/scheduleReminders';

/**
 * Serves the portal's policy at /api/dockerfile-compliance/policy, forces a Dockerfile check
 * at /api/dockerfile-compliance/refresh, and keeps the daily compliance history (its own
 * tables; a scheduled snapshot) served at /api/dockerfile-compliance/history, and the hardening
 * campaign's progress (scaffolder tasks and pull request states) at /pull-requests. With
 * hardenedGo.notifications.enabled, reminds owners of services that became drifted and of
 * coming enforceAfter deadlines through Backstage's notifications service.
 *
 * @public
 */
export const dockerfileCompliancePlugin = createBackendPlugin({
  pluginId: 'dockerfile-compliance',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
        events: eventsServiceRef,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        discovery: coreServices.discovery,
        cache: coreServices.cache,
        // Its default factory calls the notifications backend over HTTP, only when a reminder is sent:
        // a portal without that backend starts (and, with reminders off, never calls it).
        notifications: notificationService,
      },
      async init({ config, httpAuth, httpRouter, logger, lifecycle, events, catalog, auth, database, scheduler, discovery, cache, notifications }) {
        // A bad hardenedGo.standard, hardenedGo.history or hardenedGo.notifications stops startup here, naming the key.
        const policy = livePolicy(config, logger);
        lifecycle.addShutdownHook(() => policy.close());
        const historyConfig = readHistoryConfig(config);
        const reminderConfig = readReminderConfig(config);
        let history: { store: HistoryStore; retentionDays: number } | undefined;
        if (historyConfig.enabled) {
          const store = await HistoryStore.create(database);
          history = { store, retentionDays: historyConfig.retentionDays };
          await scheduleDailySnapshot({ store, catalog, auth, logger, scheduler, retentionDays: historyConfig.retentionDays, schedule: historyConfig.schedule });
        }
        if (reminderConfig.enabled) {
          await scheduleReminders({
            store: await ReminderStore.create(database),
            catalog,
            auth,
            logger,
            notifications,
            deadlines: () => enforcementDeadlines(policy.current().policy.rules),
            deadlineWarningDays: reminderConfig.deadlineWarningDays,
            appBaseUrl: config.getOptionalString('app.baseUrl'),
            scheduler,
            schedule: reminderConfig.schedule,
          });
        }
        const rolloutConfig = readRolloutConfig(config);
        const states = githubPullRequestStates({ integrations: ScmIntegrations.fromConfig(config), cache, openTtlMs: 5 * 60_000, settledTtlMs: 24 * 3600_000 });
        const rollout = {
          progress: (credentials: BackstageCredentials, entityRefs?: ReadonlySet<string>) =>
            hardeningProgress({ client: scaffolderTasksClient({ discovery, auth, credentials }), states, config: rolloutConfig, entityRefs, now: new Date() }),
        };
        httpRouter.use(await createRouter({ httpAuth, policy, events, catalog, history, rollout }));
      },
    });
  },
});
