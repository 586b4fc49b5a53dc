/**
 * Where the pull request body links each rule. One configuration key,
 * `hardenedGo.docsBaseUrl`: the URL the rule's `docsPath` (`docs/rules/GDS001.md`, relative
 * to the @hardened-go/plugin-dockerfile-compliance-common package) resolves against, typically the package
 * folder in your Git host (`https://github.com/acme/hardened-go/blob/main/plugins/dockerfile-compliance-common/`),
 * the same value `hardened-go check --docs-base-url` takes for SARIF.
 * Unset: the portal's own rule page (`<app.baseUrl>/dockerfile-compliance/rules/GDS001`, the
 * compliance plugin's page), which needs no published docs and is what reviewers can open.
 */
import type { RootConfigService } from '@backstage/backend-plugin-api';
import type { Rule } from '@hardened-go/plugin-dockerfile-compliance-common';
import type { RuleDocsLink } from './pullRequestBody';
import { trimLeading, trimTrailing } from '@hardened-go/plugin-dockerfile-compliance-common';

/** @public */
export const DOCS_BASE_URL_KEY = 'hardenedGo.docsBaseUrl';
/** Where the compliance plugin mounts its page (its default route in the new frontend system). */
export const COMPLIANCE_PAGE_PATH = '/dockerfile-compliance';

function absoluteHttpUrl(value: string, key: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${key} must be an absolute http(s) URL, got ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`${key} must be an absolute http(s) URL, got ${JSON.stringify(value)}`);
  }
  return url;
}

/**
 * Reads the key once at startup; a malformed value fails startup naming the key.
 *
 * @public
 */
export function ruleDocsLinkFromConfig(config: Pick<RootConfigService, 'getOptionalString'>): RuleDocsLink {
  const docsBase = config.getOptionalString(DOCS_BASE_URL_KEY);
  if (docsBase !== undefined) {
    const base = absoluteHttpUrl(docsBase.endsWith('/') ? docsBase : `${docsBase}/`, DOCS_BASE_URL_KEY);
    return (rule: Rule) => new URL(trimLeading(rule.docsPath, '/'), base).toString();
  }
  const appBase = config.getOptionalString('app.baseUrl');
  if (appBase !== undefined) {
    const base = trimTrailing(absoluteHttpUrl(appBase, 'app.baseUrl').toString(), '/');
    return (rule: Rule) => `${base}${COMPLIANCE_PAGE_PATH}/rules/${encodeURIComponent(rule.id)}`;
  }
  // Neither is configured: the path inside the package, which at least names the page.
  return (rule: Rule) => `plugins/dockerfile-compliance-common/${rule.docsPath}`;
}
