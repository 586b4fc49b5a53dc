export interface Config {
  hardenedGo?: {
    /**
     * Release 0.2.0's key for where the rule docs are published (the rule links in the pull
     * request body of hardened-go:dockerfile:harden). Replaced by hardenedGo.ruleDocsBaseUrl
     * (declared by @hardened-go/plugin-dockerfile-compliance-common), which the action, the
     * CLI and the compliance view read. Still read when hardenedGo.ruleDocsBaseUrl is unset,
     * with a warning at startup, until the next release.
     * @deprecated Rename it to hardenedGo.ruleDocsBaseUrl (the same value).
     */
    docsBaseUrl?: string;
  };
}
