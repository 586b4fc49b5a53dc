export interface Config {
  hardenedGo?: {
    complianceView?: {
      /**
       * Where the rule docs of @hardened-go/plugin-dockerfile-compliance-common are published, e.g.
       * https://github.com/acme/hardened-go/blob/main/plugins/dockerfile-compliance-common
       * (the rule's docsPath, docs/rules/GDS001.md, is appended). Unset: rule IDs link to
       * the plugin's own rule pages under /dockerfile-compliance/rules/.
       * @visibility frontend
       */
      ruleDocsBaseUrl?: string;
    };
  };
}
