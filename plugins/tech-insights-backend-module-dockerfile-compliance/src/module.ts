/** Registers the fact retriever with Tech Insights. */
import { createBackendModule } from '@backstage/backend-plugin-api';
import { techInsightsFactRetrieversExtensionPoint } from '@backstage-community/plugin-tech-insights-node';
import { dockerfileComplianceFactRetriever } from './factRetriever';
import { DOCKERFILE_COMPLIANCE_FACT_RETRIEVER_ID } from './facts';

/**
 * Adds the Dockerfile compliance fact retriever; it runs on the cadence of
 * `techInsights.factRetrievers.hardenedGoDockerfileComplianceFactRetriever`.
 *
 * @public
 */
export const techInsightsModuleDockerfileCompliance = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'dockerfile-compliance',
  register(env) {
    env.registerInit({
      deps: { factRetrievers: techInsightsFactRetrieversExtensionPoint },
      async init({ factRetrievers }) {
        factRetrievers.addFactRetrievers({ [DOCKERFILE_COMPLIANCE_FACT_RETRIEVER_ID]: dockerfileComplianceFactRetriever });
      },
    });
  },
});
