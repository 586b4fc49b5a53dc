export interface Config {
  hardenedGo?: {
    /**
     * Where the rule documentation of @hardened-go/plugin-dockerfile-compliance-common is published: the
     * rule's docsPath (docs/rules/GDS001.md) is resolved against it for the links in the
     * pull request body of hardened-go:dockerfile:harden, e.g.
     * https://github.com/acme/hardened-go/blob/main/plugins/dockerfile-compliance-common/
     * Unset: links go to the portal's rule pages, <app.baseUrl>/dockerfile-compliance/rules/<ID>.
     */
    docsBaseUrl?: string;
  };
}
