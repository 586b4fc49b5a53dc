export interface Config {
  hardenedGo?: {
    complianceView?: {
      /**
       * Release 0.2.0's key for where the rule docs are published (the view's rule links).
       * Replaced by hardenedGo.ruleDocsBaseUrl (declared by
       * @hardened-go/plugin-dockerfile-compliance-common, visible to the frontend), which the
       * view, the harden action and the CLI read. Still read when hardenedGo.ruleDocsBaseUrl is
       * unset, with a warning in the browser console, until the next release.
       * @visibility frontend
       * @deprecated Rename it to hardenedGo.ruleDocsBaseUrl (the same value).
       */
      ruleDocsBaseUrl?: string;
    };
  };
}
