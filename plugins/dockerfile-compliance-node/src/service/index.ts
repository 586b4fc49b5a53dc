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
export { CI_FILES, GITHUB_REQUIRED_JOBS, generateGoService } from './generate';
export type { GeneratedFile, GeneratedService } from './generate';
export { goModulePathProblem, modulePathFromRepo, parseRepoUrl } from './goModulePath';
export type { RepoLocation } from './goModulePath';
export { goStringLiteral, markdownText, yamlString } from './escape';
export { GITLAB_CI_IMAGES, GOLANGCI_LINT_VERSION, PINNED_ACTIONS } from './pins';
export { UnsafeWriteError, relativePathProblem, replaceFileAtomically, writeFilesSafely } from './safeWrite';
export type { FileToWrite, SafeWriteOptions } from './safeWrite';
