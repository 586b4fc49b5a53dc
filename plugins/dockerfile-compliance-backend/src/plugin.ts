/** The dockerfile-compliance backend plugin: wires the router to Backstage's services. */
import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { livePolicy } from '@hardened-go/plugin-dockerfile-compliance-node';
import { createRouter } from './router';

/**
 * Serves the portal's policy at /api/dockerfile-compliance/policy.
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
      },
      async init({ config, httpAuth, httpRouter, logger, lifecycle }) {
        // A bad hardenedGo.standard stops startup here, as it does in the catalog module.
        const policy = livePolicy(config, logger);
        lifecycle.addShutdownHook(() => policy.close());
        httpRouter.use(await createRouter({ httpAuth, policy }));
      },
    });
  },
});
