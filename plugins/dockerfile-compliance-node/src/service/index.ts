/** The "Create new Go service" generator: parameters, validation, generation, safe writing. */
export {
  CI_PROVIDERS,
  DEFAULT_PORT,
  MIN_PORT,
  MAX_PORT,
  MAX_NAME_LENGTH,
  MAX_DESCRIPTION_LENGTH,
  SERVICE_FIELD_CHECKS,
  ServiceParamsError,
  goVersionProblem,
  resolveServiceParams,
  validateServiceRequest,
} from './params';
export type { CiProvider, ServiceParamIssue, ServiceParams, ServiceRequest } from './params';
export { CHECK_WORKFLOW_PATH, CI_FILES, GITHUB_REQUIRED_JOBS, generateGoService, renderCheckWorkflow } from './generate';
export type { GeneratedFile, GeneratedService } from './generate';
export { goModulePathProblem, modulePathFromRepo, parseRepoUrl } from './goModulePath';
export type { RepoLocation } from './goModulePath';
export { goStringLiteral, markdownText, yamlString } from './escape';
export { GITLAB_CHECK_TEMPLATE, GITLAB_CI_IMAGES, GOLANGCI_LINT_VERSION, GOVULNCHECK_VERSION, HARDENED_GO_CHECK_ACTION, IMAGE_PLATFORMS, PINNED_ACTIONS } from './pins';
export { UnsafeWriteError, relativePathProblem, replaceFileAtomically, writeFilesSafely } from './safeWrite';
export type { FileToWrite, SafeWriteOptions } from './safeWrite';
