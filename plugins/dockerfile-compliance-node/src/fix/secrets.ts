/** The fixer drops exactly the ENV names the checker calls secret (one definition: GDS017's). */
export { isSecretName } from '@hardened-go/plugin-dockerfile-compliance-common';
