/**
 * The fact retriever: lists the entities the drift processor labelled (through the catalog
 * API, as the plugin's service identity) and returns their facts.
 */
import { CATALOG_FILTER_EXISTS, CatalogClient } from '@backstage/catalog-client';
import type { FactRetriever } from '@backstage-community/plugin-tech-insights-node';
import { LABEL_COMPLIANCE } from '@hardened-go/plugin-dockerfile-compliance-common';
import { complianceFacts, DOCKERFILE_COMPLIANCE_FACT_RETRIEVER_ID, DOCKERFILE_COMPLIANCE_FACT_SCHEMA } from './facts';

/**
 * Dockerfile compliance facts for every entity the drift processor has labelled.
 *
 * @public
 */
export const dockerfileComplianceFactRetriever: FactRetriever = {
  id: DOCKERFILE_COMPLIANCE_FACT_RETRIEVER_ID,
  version: '0.1.0',
  title: 'Dockerfile compliance (hardened Go standard)',
  description: 'The drift label of each service, its finding counts, the standard version and one boolean per rule',
  schema: DOCKERFILE_COMPLIANCE_FACT_SCHEMA,
  async handler({ discovery, auth }) {
    const { token } = await auth.getPluginRequestToken({ onBehalfOf: await auth.getOwnServiceCredentials(), targetPluginId: 'catalog' });
    const catalog = new CatalogClient({ discoveryApi: discovery });
    const { items } = await catalog.getEntities(
      { filter: { [`metadata.labels.${LABEL_COMPLIANCE}`]: CATALOG_FILTER_EXISTS }, fields: ['kind', 'metadata'] },
      { token },
    );
    return items.flatMap(entity => {
      const facts = complianceFacts(entity);
      if (!facts) return [];
      return [{ entity: { namespace: entity.metadata.namespace ?? 'default', kind: entity.kind, name: entity.metadata.name }, facts }];
    });
  },
};
