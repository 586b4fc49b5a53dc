/**
 * Backstage configuration schema of the hardened Go container standard (`hardenedGo.standard`)
 * and of where its rule docs are published (`hardenedGo.ruleDocsBaseUrl`, read by
 * readRuleDocsBaseUrl in src/ruleDocs.ts).
 * `policyFromConfig` (src/policy/policy.ts) validates the same keys strictly at runtime and
 * names the full key path in its errors; this schema lets `backstage-cli config:check` and
 * the config loader know the keys exist. See docs/configuration.md.
 */
export interface Config {
  hardenedGo?: {
    /**
     * Where the rule documentation of @hardened-go/plugin-dockerfile-compliance-common is
     * published: the URL of the package's folder in your Git host, e.g.
     * https://github.com/acme/hardened-go/blob/main/plugins/dockerfile-compliance-common/
     * A rule's docsPath (docs/rules/GDS001.md) is resolved against it. One key for the rule
     * links of the harden action's pull request body, the CLI's SARIF (helpUri) and the
     * compliance view. Unset: the action and the view link to the portal's own rule pages
     * (/dockerfile-compliance/rules/GDS001), the CLI's SARIF has no helpUri.
     * Replaces hardenedGo.docsBaseUrl and hardenedGo.complianceView.ruleDocsBaseUrl (0.2.0).
     * @visibility frontend
     */
    ruleDocsBaseUrl?: string;
    /** The standard every Go service's Dockerfile is rendered from and checked against. */
    standard?: {
      /**
       * Version name of the standard this configuration describes (recorded on checked entities).
       * @default v1
       */
      version?: string;
      /**
       * Exact Go version of the build image (golang:<goVersion>-alpine<alpineVersion>) and the
       * oldest Go the checker accepts (GDS003).
       * @default 1.26.8
       */
      goVersion?: string;
      /**
       * Alpine major.minor of the build image, as in golang:1.26.8-alpine3.23.
       * @default 3.23
       */
      alpineVersion?: string;
      /**
       * Go versions a new service may be created with; none older than goVersion.
       * @default [goVersion]
       */
      supportedGoVersions?: string[];
      /**
       * Allowed final-stage bases; the first is rendered into new services.
       * @default ["scratch"]
       */
      finalBases?: string[];
      /**
       * Numeric uid:gid the final stage runs as (not uid 0).
       * @default 65534:65534
       */
      user?: string;
      /**
       * Require every external base image to be pinned by digest.
       * @default false
       */
      requireDigest?: boolean;
      /**
       * Digests the renderer and the fixer pin images with: image is repository:tag
       * (golang:1.26.8-alpine3.23, docker/dockerfile:1.26.0), digest is sha256:<64 hex>, the
       * multi-arch index digest. Required for the build image when requireDigest is on.
       */
      imageDigests?: Array<{ image: string; digest: string }>;
      /**
       * Files larger than this many bytes are reported as GDS000 instead of being parsed.
       * @default 1048576
       */
      maxFileBytes?: number;
      /**
       * When set, a suppression comment counts only with expires=YYYY-MM-DD at most this many
       * days ahead (1 to 3650). Unset: suppressions may last forever; an expires date still ends one.
       */
      suppressionMaxDays?: number;
      /**
       * Final base images the rules should know besides the built-in table (distroless,
       * Chainguard static): what each runs as, the names it resolves, and whether it carries
       * the CA bundle and time-zone data. Listed first, they win.
       */
      knownFinalBases?: Array<{
        /** A repository, repository:tag, or a prefix ending in *. */
        image: string;
        /** The user it runs as without a USER instruction, numeric uid:gid. */
        user?: string;
        /** User and group names its /etc/passwd and /etc/group resolve. */
        names?: string[];
        /** It carries the CA certificate bundle. */
        caBundle?: boolean;
        /** It carries time-zone data. */
        zoneinfo?: boolean;
      }>;
      /** Per-rule overrides keyed by rule ID (GDS001 ... GDS017; GDS000 cannot be changed). */
      rules?: {
        [ruleId: string]: {
          /** Fixed severity of the rule; off disables it. Not together with mode. */
          severity?: 'error' | 'warning' | 'info' | 'off';
          /** Rollout mode: off, inform (info), warn (warning), enforce (error). */
          mode?: 'off' | 'inform' | 'warn' | 'enforce';
          /** YYYY-MM-DD; with mode enforce, the rule reports as a warning naming this deadline until then. */
          enforceAfter?: string;
        };
      };
    };
  };
}
