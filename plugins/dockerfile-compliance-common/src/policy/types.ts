/**
 * How much a finding matters: error and warning make a file drifted, info does not.
 *
 * @public
 */
export type Severity = 'error' | 'warning' | 'info';

/**
 * How a rule takes part in a rollout (`hardenedGo.standard.rules.<ID>.mode`).
 *
 * @public
 */
export type RuleMode = 'off' | 'inform' | 'warn' | 'enforce';

/** @public */
export interface RulePolicy {
  /** Overrides the rule's default severity; `off` disables the rule. */
  severity?: Severity | 'off';
  /** Rollout mode: off (disabled), inform (info), warn (warning), enforce (error). */
  mode?: RuleMode;
  /** ISO date (YYYY-MM-DD). Before it an `enforce` rule reports as a warning naming the deadline. */
  enforceAfter?: string;
}

/**
 * What a final base image provides (`hardenedGo.standard.knownFinalBases`), so the rules do
 * not demand a user, passwd entries, the CA bundle or time-zone data it already has.
 *
 * @public
 */
export interface KnownFinalBase {
  /** A repository (`registry.acme.io/base/static`), one tag of it (`...:2.1`), or a prefix ending in `*`. */
  image: string;
  /** The user it runs as without a USER instruction, numeric `uid:gid`; root when absent. */
  user?: string;
  /** User and group names its /etc/passwd and /etc/group resolve. */
  names?: string[];
  /** It carries the CA certificate bundle. */
  caBundle?: boolean;
  /** It carries time-zone data (/usr/share/zoneinfo). */
  zoneinfo?: boolean;
}

/**
 * The digest of one image release: `image` is `repository:tag` (`golang:1.26.8-alpine3.23`,
 * `docker/dockerfile:1.26.0`), `digest` is `sha256:<64 hex>`, the multi-arch index digest so
 * that every platform resolves.
 *
 * @public
 */
export interface ImageDigest {
  /** `repository:tag`, without a digest. */
  image: string;
  /** `sha256:<64 lower-case hex>`. */
  digest: string;
}

/**
 * The standard as data. Every consumer (renderer, rules, fixer, processor, UI) reads this.
 *
 * @public
 */
export interface Policy {
  /** Version string of the standard this policy describes, recorded on checked entities. */
  standardVersion: string;
  /** Exact Go version of the build image, e.g. `1.26.8`. */
  goVersion: string;
  /** Exact Alpine version of the build image, e.g. `3.23`. */
  alpineVersion: string;
  /** Go versions a new service may be created with (the first is the default). */
  supportedGoVersions: string[];
  /** Allowed final-stage bases; `scratch` by default. */
  finalBases: string[];
  /** The unprivileged user the final stage runs as, numeric `uid:gid`. */
  user: string;
  /** Require every external base image to be pinned by digest. */
  requireDigest: boolean;
  /**
   * Digests the renderer and the fixer pin images with (`hardenedGo.standard.imageDigests`).
   * Neither can look a digest up (no registry in the pure core); with requireDigest they
   * refuse an image missing here.
   */
  imageDigests?: ImageDigest[];
  /** Files larger than this many bytes are not parsed (GDS000). */
  maxFileBytes: number;
  /** Per-rule overrides, keyed by rule ID (`GDS009`). */
  rules: Record<string, RulePolicy>;
  /**
   * When set, a suppression comment counts only with `expires=YYYY-MM-DD` at most this many
   * days ahead; without it, suppressions may last forever (an `expires` date still ends one).
   */
  suppressionMaxDays?: number;
  /** Final bases the rules should know besides the built-in table (distroless, Chainguard static); listed first, they win. */
  knownFinalBases?: KnownFinalBase[];
}
