/** Registers the hardened-go scaffolder actions; reads the policy (and the rule docs link) once at startup. */
import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { policyFromConfig } from '@hardened-go/dockerfile-standard';
import { createServiceAction } from './actions/createService';
import { hardenDockerfileAction } from './actions/hardenDockerfile';

export const scaffolderModuleGoService = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'hardened-go-service',
  register(reg) {
    reg.registerInit({
      deps: { scaffolder: scaffolderActionsExtensionPoint, config: coreServices.rootConfig },
      async init({ scaffolder, config }) {
        // A bad hardenedGo.standard fails startup with a PolicyError naming the key.
        const policy = policyFromConfig(config.getOptional('hardenedGo.standard'));
        scaffolder.addActions(createServiceAction({ policy }));
        scaffolder.addActions(hardenDockerfileAction({ policy, config }));
      },
    });
  },
});
