/**
 * Where a rule's documentation is published: one configuration key,
 * `hardenedGo.ruleDocsBaseUrl`, read by the harden action (rule links in pull request bodies),
 * the CLI (SARIF `helpUri`) and the compliance view (rule links), and one function that makes a
 * rule's URL from it. The value is the URL of this package's folder in the adopter's Git host
 * (`https://github.com/acme/hardened-go/blob/main/plugins/dockerfile-compliance-common/`); a
 * rule's `docsPath` (`docs/rules/GDS001.md`) is resolved against it.
 *
 * Release 0.2.0 had two keys for it, `hardenedGo.docsBaseUrl` (harden action) and
 * `hardenedGo.complianceView.ruleDocsBaseUrl` (view). They are still read, after the new key and
 * with a deprecation warning, until the next release removes them.
 */
import type { Rule } from './rules/rule';
import { trimLeading } from './text';

/**
 * The configuration key of the rule docs' base URL.
 *
 * @public
 */
export const RULE_DOCS_BASE_URL_KEY = 'hardenedGo.ruleDocsBaseUrl';

/**
 * Where the rule docs live when the adopter publishes none: this project's own repository,
 * the source of this package (its package.json `repository`), where each rule's `docsPath`
 * is. The CLI's SARIF `helpUri`, the harden action's pull request links and the compliance
 * view's rule links fall back to it, so a rule always links to its full page.
 *
 * @public
 */
export const PROJECT_RULE_DOCS_BASE_URL = 'https://github.com/hardened-go/hardened-go/blob/main/plugins/dockerfile-compliance-common/';

/**
 * The keys release 0.2.0 read instead (the harden action's, then the compliance view's), in
 * the order they are still read as fallbacks. Not exported: the next release drops them.
 */
const DEPRECATED_RULE_DOCS_BASE_URL_KEYS: readonly string[] = ['hardenedGo.docsBaseUrl', 'hardenedGo.complianceView.ruleDocsBaseUrl'];

/**
 * What {@link readRuleDocsBaseUrl} needs of a configuration: Backstage's `Config`,
 * `RootConfigService` and the frontend's `ConfigApi` all have it.
 *
 * @public
 */
export interface RuleDocsConfig {
  getOptionalString(key: string): string | undefined;
}

/** @public */
export interface ReadRuleDocsBaseUrlOptions {
  /**
   * Called with a sentence for each deprecated key that is set: it is used (the new key is
   * not set) or ignored (the new key is). Backends pass their logger's `warn`.
   */
  warn?: (message: string) => void;
}

/**
 * The configured base URL of the rule docs: `hardenedGo.ruleDocsBaseUrl`, else (deprecated)
 * `hardenedGo.docsBaseUrl`, else (deprecated) `hardenedGo.complianceView.ruleDocsBaseUrl`;
 * `undefined` when none is set. Throws an Error naming the key when the value is not an
 * absolute http(s) URL.
 *
 * @public
 */
export function readRuleDocsBaseUrl(config: RuleDocsConfig, options: ReadRuleDocsBaseUrlOptions = {}): string | undefined {
  let key = RULE_DOCS_BASE_URL_KEY;
  let value = config.getOptionalString(key);
  for (const old of DEPRECATED_RULE_DOCS_BASE_URL_KEYS) {
    const oldValue = config.getOptionalString(old);
    if (oldValue === undefined) continue;
    if (value === undefined) {
      key = old;
      value = oldValue;
      options.warn?.(
        `The configuration key ${old} is deprecated and will not be read after this release; ` +
          `rename it to ${RULE_DOCS_BASE_URL_KEY} (one key for the harden action, the CLI and the compliance view)`,
      );
    } else {
      options.warn?.(`The configuration key ${old} is deprecated and ignored because ${key} is set; remove it`);
    }
  }
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new Error(`${key} must be an absolute http(s) URL, got ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * The URL of a rule's documentation page: its `docsPath` (`docs/rules/GDS001.md`) resolved
 * against `baseUrl`, the URL of this package's folder (a missing trailing slash is added, so
 * the folder's last segment is kept). Throws a TypeError when `baseUrl` is not an absolute URL.
 *
 * @public
 */
export function ruleDocsUrl(baseUrl: string, rule: Pick<Rule, 'docsPath'>): string {
  return new URL(trimLeading(rule.docsPath, '/'), baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).toString();
}
