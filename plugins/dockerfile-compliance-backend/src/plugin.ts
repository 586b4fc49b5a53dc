/** The dockerfile-compliance backend plugin: wires the router to Backstage's services. */
import { coreServices, createBackendPlugin, type BackstageCredentials } from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { livePolicy } from '@hardened-go/plugin-dockerfile-compliance-node';
import { readHistoryConfig, scheduleDailySnapshot } from './history/history';
import { HistoryStore } from './history/HistoryStore';
import { createRouter } from './router';
import { githubPullRequestStates } from './pullRequests/githubPullRequests';
import { hardeningProgress, readRolloutConfig } from './pullRequests/hardeningProgress';
import { scaffolderTasksClient } from './pullRequests/scaffolderClient';

/**
 * Serves the portal's policy at /api/dockerfile-compliance/policy, forces a Dockerfile check
 * at /api/dockerfile-compliance/refresh, and keeps the daily compliance history (its own
 * tables; a scheduled snapshot) served at /api/dockerfile-compliance/history, and the hardening
 * campaign's progress (scaffolder tasks and pull request states) at /pull-requests.
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
      },
      async init({ config, httpAuth, httpRouter, logger, lifecycle, events, catalog, auth, database, scheduler, discovery, cache }) {
        // A bad hardenedGo.standard or hardenedGo.history stops startup here, naming the key.
        const policy = livePolicy(config, logger);
        lifecycle.addShutdownHook(() => policy.close());
        const historyConfig = readHistoryConfig(config);
        let history: { store: HistoryStore; retentionDays: number } | undefined;
        if (historyConfig.enabled) {
          const store = await HistoryStore.create(database);
          history = { store, retentionDays: historyConfig.retentionDays };
          await scheduleDailySnapshot({ store, catalog, auth, logger, scheduler, retentionDays: historyConfig.retentionDays, schedule: historyConfig.schedule });
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
