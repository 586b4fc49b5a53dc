/**
 * `@hardened-go/plugin-dockerfile-compliance`: the Dockerfile compliance view.
 * This entry serves apps on the legacy frontend system; `./alpha` serves the new one.
 * docs/compliance-view.md shows how to install either.
 */
export {
  dockerfileCompliancePlugin,
  DockerfileCompliancePage,
  EntityDockerfileComplianceCard,
  EntityDockerfileComplianceContent,
  isDockerfileComplianceAvailable,
  rootRouteRef,
} from './legacy/extensions';
export { readEntityCompliance, isComplianceCovered } from './data/entityCompliance';
export type { EntityCompliance } from './data/entityCompliance';
export { hardenTemplatePath, HARDEN_TEMPLATE_NAME, HARDEN_TEMPLATE_ENTITY_PARAMETER } from './data/links';
export { loadComplianceEntities, COMPLIANCE_FILTER, COMPLIANCE_FIELDS } from './data/loadComplianceEntities';
export * from './data/aggregate';
