/**
 * Where a rule ID links to. Either the adopter's published rule docs
 * (`hardenedGo.complianceView.ruleDocsBaseUrl` + the rule's docsPath, e.g. the docs folder of
 * @hardened-go/plugin-dockerfile-compliance-common in their Git host), or this plugin's own rule page, whose
 * path each frontend system's extension wrapper provides through this context.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { ruleById, type Rule } from '@hardened-go/plugin-dockerfile-compliance-common';
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

export function useRuleLink(): (ruleId: string) => RuleLink {
  const config = useApi(configApiRef);
  const docsBase = trimBase(config.getOptionalString('hardenedGo.complianceView.ruleDocsBaseUrl'));
  const pagesBase = trimBase(useContext(RulePagesBasePath));
  return (ruleId: string) => {
    const rule = ruleById(ruleId);
    if (rule === undefined) return { external: false };
    if (docsBase) return { rule, href: `${docsBase}/${rule.docsPath}`, external: true };
    if (pagesBase !== undefined) return { rule, href: `${pagesBase}/rules/${encodeURIComponent(rule.id)}`, external: false };
    return { rule, external: false };
  };
}

function trimBase(base: string | undefined): string | undefined {
  return base === undefined ? undefined : trimTrailing(base, '/');
}
