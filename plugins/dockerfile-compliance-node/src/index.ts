/**
 * `@hardened-go/plugin-dockerfile-compliance-node`: the Node.js side of the hardened Go
 * standard, for backend modules and the CLI:
 *
 * - the canonical Dockerfile renderer and its templates (nunjucks renders only our own templates)
 * - the "Create new Go service" generator and the safe writer its adapters share
 * - the fixer (harden) and the unified diff of its rewrites
 * - the check pool: checks and rewrites in worker threads under `hardenedGo.limits`
 * - the file-system edges: go.mod, the cgo scan
 *
 * The pure core (parser, rules, checkDockerfile, policy, reports) is
 * `@hardened-go/plugin-dockerfile-compliance-common`.
 *
 * @packageDocumentation
 */
export { DOCKERFILE_SYNTAX, renderDockerfile, renderDockerignore, RenderParamsError } from './render/render';
export type { ServiceImageParams, RenderArg, RenderPair, RenderCopy, LdflagsXPair, RenderDockerfileOptions } from './render/render';

// "Create new Go service": the generator plus writeFilesSafely, the I/O edge its two adapters (scaffolder action, `hardened-go new`) share.
export * from './service';

export { harden } from './fix/harden';
export type { FixEdit, HardenContext, HardenResult, RefusalCode, UnfixedFinding } from './fix/types';
export { REFUSAL_MEANINGS } from './fix/refusals';
export { unifiedDiff, quotePathForDiff, MAX_EDIT_LINES } from './fix/unifiedDiff';
export { goModRequiredVersion, chooseGoVersion } from './fix/goVersion';
export type { GoVersionChoice } from './fix/goVersion';
export { modulePathOf, fileUsesCgo } from './fix/goSource';
// The fixer's I/O edge (go.mod Go version and module path, bounded cgo scan) for adapters that hold the repository on disk (CLI, scaffolder action).
export { contextFor, contextForGoMod, findGoMod } from './fix/repoFacts';
export type { CgoScan } from './fix/repoFacts';

// Isolation: checks and rewrites in worker threads under hardenedGo.limits (time, heap).
export { createCheckPool } from './isolation/checkPool';
export type { CheckPool, HardenOutcome } from './isolation/checkPool';
export { readCheckLimits, withLimits, DEFAULT_CHECK_LIMITS, LIMITS_CONFIG_KEY, LimitsError } from './isolation/limits';
export type { CheckLimits } from './isolation/limits';
export { readDurationMs } from './config/duration';

// The policy as the portal serves it and the CLI reads it, and the policy in force in a backend (follows config changes).
export { POLICY_DOCUMENT_API_VERSION, PolicyDocumentError, policyVersionOf, readPolicyDocument, toPolicyDocument } from './policy/policyDocument';
export type { PolicyDocument } from './policy/policyDocument';
export { livePolicy } from './policy/livePolicy';
export type { LivePolicy, LivePolicyLogger, PolicySnapshot } from './policy/livePolicy';

// The event that forces a check within hardenedGo.catalog.revalidateAfter (backend plugin -> catalog module).
export { DOCKERFILE_CHECK_REQUESTED_TOPIC } from './checkRequested';
export type { DockerfileCheckRequested } from './checkRequested';
