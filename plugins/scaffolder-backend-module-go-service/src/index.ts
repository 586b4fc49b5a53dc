/**
 * Scaffolder backend module of hardened-go: the `hardened-go:service:create` and
 * `hardened-go:dockerfile:harden` actions.
 * Install: `backend.add(import('@hardened-go/plugin-scaffolder-backend-module-go-service'));`
 */
export { scaffolderModuleGoService as default } from './module';
export { CREATE_SERVICE_ACTION_ID, createServiceAction } from './actions/createService';
export type { CreateServiceActionInput, CreateServiceActionOutput } from './actions/createService';
export { HARDEN_DOCKERFILE_ACTION_ID, hardenDockerfileAction } from './actions/hardenDockerfile';
export type { HardenDockerfileActionInput, HardenDockerfileActionOutput, HardenDockerfileOptions } from './actions/hardenDockerfile';
export { pullRequestText, escapeMarkdown } from './actions/pullRequestBody';
export type { FileHardening, FileOutcomeKind, PullRequestText, RemainingFinding, RuleDocsLink } from './actions/pullRequestBody';
export { DOCS_BASE_URL_KEY, ruleDocsLinkFromConfig } from './actions/ruleDocsLink';
export type { RuleDocsLinkOptions } from './actions/ruleDocsLink';
