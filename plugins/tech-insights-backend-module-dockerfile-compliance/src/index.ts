/**
 * `@hardened-go/plugin-tech-insights-backend-module-dockerfile-compliance`: the hardened Go
 * standard's verdicts as Tech Insights facts (status, finding counts, standard version, one
 * boolean per rule), and default checks for scorecards.
 *
 * @packageDocumentation
 */
export { techInsightsModuleDockerfileCompliance as default } from './module';
export { dockerfileComplianceFactRetriever } from './factRetriever';
export { DOCKERFILE_COMPLIANCE_FACT_RETRIEVER_ID, DOCKERFILE_COMPLIANCE_FACT_SCHEMA } from './facts';
export type { DockerfileComplianceFacts } from './facts';
export { DOCKERFILE_COMPLIANCE_CHECKS } from './checks';
