/**
 * Where a rule ID links to. Either the adopter's published rule docs
 * (`hardenedGo.ruleDocsBaseUrl`, the key the harden action and the CLI read too, with the
 * rule's docsPath resolved against it by ruleDocsUrl), or this plugin's own rule page, whose
 * path each frontend system's extension wrapper provides through this context. The 0.2.0 key
 * `hardenedGo.complianceView.ruleDocsBaseUrl` is still read for one release, with a warning in
 * the browser console.
 */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { configApiRef, useApi, type ConfigApi } from '@backstage/core-plugin-api';
import { PROJECT_RULE_DOCS_BASE_URL, readRuleDocsBaseUrl, ruleById, ruleDocsUrl, type Rule } from '@hardened-go/plugin-dockerfile-compliance-common';
import { trimTrailing } from '@hardened-go/plugin-dockerfile-compliance-common';

const RulePagesBasePath = createContext<string | undefined>(undefined);

export function RulePagesProvider(props: { basePath: string | undefined; children: ReactNode }) {
  return <RulePagesBasePath.Provider value={props.basePath}>{props.children}</RulePagesBasePath.Provider>;
}

/** The path of this plugin's page, when the app mounts it. */
export function useRulePagesBase(): string | undefined {
  return trimBase(useContext(RulePagesBasePath));
}

export interface RuleLink {
  rule?: Rule;
  href?: string;
  /** True when href leaves the app (opened in a new tab). */
  external: boolean;
}

/** Each configuration warning once per page load, not once per render. */
const warned = new Set<string>();

function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  // eslint-disable-next-line no-console
  console.warn(`@hardened-go/plugin-dockerfile-compliance: ${message}`);
}

/** The configured docs base URL; a malformed one is warned about and links go to the rule pages. */
function docsBaseOf(config: ConfigApi): string | undefined {
  try {
    return readRuleDocsBaseUrl(config, { warn: warnOnce });
  } catch (error) {
    warnOnce(`${(error as Error).message}; rule IDs link to the plugin's own rule pages`);
    return undefined;
  }
}

export function useRuleLink(): (ruleId: string) => RuleLink {
  const config = useApi(configApiRef);
  const docsBase = useMemo(() => docsBaseOf(config), [config]);
  const pagesBase = trimBase(useContext(RulePagesBasePath));
  return (ruleId: string) => {
    const rule = ruleById(ruleId);
    if (rule === undefined) return { external: false };
    if (docsBase) return { rule, href: ruleDocsUrl(docsBase, rule), external: true };
    if (pagesBase !== undefined) return { rule, href: `${pagesBase}/rules/${encodeURIComponent(rule.id)}`, external: false };
    return { rule, external: false };
  };
}

/** The full documentation page of a rule: the adopter's published docs, else the project's. */
export function useRuleDocsUrl(rule: Pick<Rule, 'docsPath'> | undefined): string | undefined {
  const config = useApi(configApiRef);
  const docsBase = useMemo(() => docsBaseOf(config), [config]);
  return rule === undefined ? undefined : ruleDocsUrl(docsBase ?? PROJECT_RULE_DOCS_BASE_URL, rule);
}

function trimBase(base: string | undefined): string | undefined {
  return base === undefined ? undefined : trimTrailing(base, '/');
}
