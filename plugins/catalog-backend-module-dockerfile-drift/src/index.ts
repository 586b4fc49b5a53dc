/**
 * Catalog backend module: checks each service's Dockerfile against the hardened Go standard
 * and labels the entity compliant, drifted, unknown or error.
 *
 * Install: `backend.add(import('@hardened-go/plugin-catalog-backend-module-dockerfile-drift'));`
 */
export { catalogModuleDockerfileDrift as default } from './module';
export { DockerfileDriftProcessor } from './processor/DockerfileDriftProcessor';
export type { DockerfileDriftProcessorOptions } from './processor/DockerfileDriftProcessor';
export {
  LABEL_COMPLIANCE,
  ANNOTATION_STANDARD_VERSION,
  ANNOTATION_DOCKERFILE_URL,
  ANNOTATION_FINDINGS,
  ANNOTATION_REASON,
  ANNOTATION_LAST_CHECKED,
  ANNOTATION_DOCKERFILE_PATH,
  ANNOTATION_CHECK,
  driftMetadata,
} from './annotations';
export type { DriftMetadata } from './annotations';
export type { ComplianceStatus, FileOutcome, FindingSummary, ReasonCode } from './outcome';
export { readDriftConfig, DriftConfigError, DEFAULT_DRIFT_CONFIG } from './config/driftConfig';
export type { DriftConfig, EntityFilterConfig } from './config/driftConfig';
