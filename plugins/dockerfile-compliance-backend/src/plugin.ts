/** The dockerfile-compliance backend plugin: wires the router to Backstage's services. */
import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { livePolicy } from '@hardened-go/plugin-dockerfile-compliance-node';
import { createRouter } from './router';

/**
 * Serves the portal's policy at /api/dockerfile-compliance/policy, and forces a Dockerfile
 * check at /api/dockerfile-compliance/refresh.
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
      },
      async init({ config, httpAuth, httpRouter, logger, lifecycle, events, catalog }) {
        // A bad hardenedGo.standard stops startup here, as it does in the catalog module.
        const policy = livePolicy(config, logger);
        lifecycle.addShutdownHook(() => policy.close());
        httpRouter.use(await createRouter({ httpAuth, policy, events, catalog }));
      },
    });
  },
});
