/** Registers the hardened-go scaffolder actions; reads the policy (and the rule docs link) once at startup. */
import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { policyFromConfig } from '@hardened-go/plugin-dockerfile-compliance-common';
import { createCheckPool, readCheckLimits } from '@hardened-go/plugin-dockerfile-compliance-node';
import { createServiceAction } from './actions/createService';
import { hardenDockerfileAction } from './actions/hardenDockerfile';

/** @public */
export const scaffolderModuleGoService = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'hardened-go-service',
  register(reg) {
    reg.registerInit({
      deps: { scaffolder: scaffolderActionsExtensionPoint, config: coreServices.rootConfig, lifecycle: coreServices.lifecycle, logger: coreServices.logger },
      async init({ scaffolder, config, lifecycle, logger }) {
        // A bad hardenedGo.standard or hardenedGo.limits fails startup with an error naming the key.
        const policy = policyFromConfig(config.getOptional('hardenedGo.standard'));
        // The harden action rewrites files in worker threads under hardenedGo.limits.
        const checker = createCheckPool(readCheckLimits(config));
        lifecycle.addShutdownHook(() => checker.close());
        scaffolder.addActions(createServiceAction({ policy }));
        // The rule links: hardenedGo.ruleDocsBaseUrl (a deprecated 0.2.0 key is read with a warning).
        scaffolder.addActions(hardenDockerfileAction({ policy, config, logger, checker }));
      },
    });
  },
});
