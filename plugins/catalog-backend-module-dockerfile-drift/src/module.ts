/** Registers the DockerfileDriftProcessor with the catalog; all logic lives in ./processor. */
import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { createCheckPool, livePolicy, readCheckLimits } from '@hardened-go/plugin-dockerfile-compliance-node';
import { DockerfileDriftProcessor } from './processor/DockerfileDriftProcessor';

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
      },
      async init({ catalog, config, reader, logger, lifecycle }) {
        // Files are checked in worker threads under hardenedGo.limits, so no Dockerfile can block or exhaust the backend.
        const checker = createCheckPool(readCheckLimits(config));
        lifecycle.addShutdownHook(() => checker.close());
        // The policy in force follows config changes (the policy endpoint serves the same one); a bad key stops startup here.
        const policy = livePolicy(config, logger);
        lifecycle.addShutdownHook(() => policy.close());
        // fromConfig validates hardenedGo.catalog the same way.
        catalog.addProcessor(DockerfileDriftProcessor.fromConfig(config, { reader, logger, checker, policy: () => policy.current().policy }));
      },
    });
  },
});
