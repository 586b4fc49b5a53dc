/**
 * `@hardened-go/plugin-dockerfile-compliance-backend`: the hardened Go standard's backend
 * plugin. It serves the portal's effective policy to CI, the CLI (`hardened-go check --policy-url`)
 * and the pre-commit hook, so every check applies the policy the portal does.
 *
 * @packageDocumentation
 */
export { dockerfileCompliancePlugin as default } from './plugin';
