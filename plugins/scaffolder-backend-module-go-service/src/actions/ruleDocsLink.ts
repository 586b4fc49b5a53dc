/**
 * Where the pull request body links each rule. One configuration key for the action, the CLI
 * and the compliance view, `hardenedGo.ruleDocsBaseUrl` (read by readRuleDocsBaseUrl of
 * @hardened-go/plugin-dockerfile-compliance-common): the URL the rule's `docsPath`
 * (`docs/rules/GDS001.md`) resolves against, typically the package folder in your Git host
 * (`https://github.com/acme/hardened-go/blob/main/plugins/dockerfile-compliance-common/`).
 * The 0.2.0 key `hardenedGo.docsBaseUrl` is still read for one release, with a warning.
 * Unset: the portal's own rule page (`<app.baseUrl>/dockerfile-compliance/rules/GDS001`, the
 * compliance plugin's page), which needs no published docs and is what reviewers can open; with
 * neither, this project's own rule pages (PROJECT_RULE_DOCS_BASE_URL).
 */
import type { LoggerService, RootConfigService } from '@backstage/backend-plugin-api';
import { PROJECT_RULE_DOCS_BASE_URL, readRuleDocsBaseUrl, ruleDocsUrl, trimTrailing, type Rule } from '@hardened-go/plugin-dockerfile-compliance-common';
import type { RuleDocsLink } from './pullRequestBody';

/**
 * The key 0.2.0 read for the action's rule links.
 *
 * @public
 * @deprecated Use `RULE_DOCS_BASE_URL_KEY` (`hardenedGo.ruleDocsBaseUrl`) of
 * \@hardened-go/plugin-dockerfile-compliance-common; this key is still read, with a warning,
 * until the next release.
 */
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

/** @public */
export interface RuleDocsLinkOptions {
  /** Warned about a deprecated key that is set; without it the warning is not given. */
  logger?: Pick<LoggerService, 'warn'>;
}

/**
 * Reads the configuration once at startup; a malformed value fails startup naming the key.
 *
 * @public
 */
export function ruleDocsLinkFromConfig(config: Pick<RootConfigService, 'getOptionalString'>, options: RuleDocsLinkOptions = {}): RuleDocsLink {
  const { logger } = options;
  const docsBase = readRuleDocsBaseUrl(config, { warn: logger ? message => logger.warn(message) : undefined });
  if (docsBase !== undefined) return (rule: Rule) => ruleDocsUrl(docsBase, rule);
  const appBase = config.getOptionalString('app.baseUrl');
  if (appBase !== undefined) {
    const base = trimTrailing(absoluteHttpUrl(appBase, 'app.baseUrl').toString(), '/');
    return (rule: Rule) => `${base}${COMPLIANCE_PAGE_PATH}/rules/${encodeURIComponent(rule.id)}`;
  }
  // Neither is configured: this project's own rule pages.
  return (rule: Rule) => ruleDocsUrl(PROJECT_RULE_DOCS_BASE_URL, rule);
}
