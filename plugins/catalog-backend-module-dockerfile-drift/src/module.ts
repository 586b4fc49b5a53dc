/** Registers the DockerfileDriftProcessor with the catalog, and the push-event refresher; the logic lives in ./processor and ./events. */
import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogProcessingExtensionPoint, catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { createCheckPool, livePolicy, readCheckLimits } from '@hardened-go/plugin-dockerfile-compliance-node';
import { ForcedChecks } from './events/forcedChecks';
import { subscribePushEvents } from './events/subscribePushEvents';
import { DockerfileDriftProcessor } from './processor/DockerfileDriftProcessor';
import { targetResolver } from './processor/dockerfileTargets';

/** @public */
export const catalogModuleDockerfileDrift = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'dockerfile-drift',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        reader: coreServices.urlReader,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
        auth: coreServices.auth,
        events: eventsServiceRef,
        catalogApi: catalogServiceRef,
      },
      async init({ catalog, config, reader, logger, lifecycle, auth, events, catalogApi }) {
        // Files are checked in worker threads under hardenedGo.limits, so no Dockerfile can block or exhaust the backend.
        const checker = createCheckPool(readCheckLimits(config));
        lifecycle.addShutdownHook(() => checker.close());
        // The policy in force follows config changes (the policy endpoint serves the same one); a bad key stops startup here.
        const policy = livePolicy(config, logger);
        lifecycle.addShutdownHook(() => policy.close());
        // Entities a push touched: checked on their next pass even within hardenedGo.catalog.revalidateAfter.
        const forced = new ForcedChecks();
        // fromConfig validates hardenedGo.catalog the same way.
        catalog.addProcessor(
          DockerfileDriftProcessor.fromConfig(config, { reader, logger, checker, policy: () => policy.current().policy, forceCheck: ref => forced.take(ref) }),
        );
        // Push events (GitHub, GitLab) through Backstage's events system, when an events module publishes them.
        await subscribePushEvents({ events, catalog: catalogApi, auth, logger, forced, targetsOf: targetResolver(ScmIntegrations.fromConfig(config)) });
      },
    });
  },
});
