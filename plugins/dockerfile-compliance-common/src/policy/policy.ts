/**
 * The standard's defaults and the one place where a platform team's configuration
 * (`hardenedGo.standard` in app-config) becomes a Policy. Every key is validated here so a
 * typo or a vague value fails loudly at startup instead of silently weakening the checks.
 */
import { compareVersions } from './goVersion';
import { EXACT_ALPINE_VERSION, EXACT_GO_VERSION, IMAGE_REFERENCE, NUMERIC_USER, STANDARD_VERSION } from './patterns';
import type { ImageDigest, KnownFinalBase, Policy, RuleMode, RulePolicy } from './types';

/**
 * The config path every error message is anchored at.
 *
 * @public
 */
export const POLICY_CONFIG_KEY = 'hardenedGo.standard';

/**
 * A configuration value that is not a valid policy; the message names the full key path.
 *
 * @public
 */
export class PolicyError extends Error {
  /** Full config key path, e.g. `hardenedGo.standard.rules.GDS009.severity`. */
  readonly key: string;

  constructor(key: string, message: string) {
    super(`${key} ${message}`);
    this.name = 'PolicyError';
    this.key = key;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * Standard v1 exactly as docs/standard.md describes it. Frozen: copy it to change it.
 *
 * @public
 */
export const DEFAULT_POLICY: Policy = deepFreeze({
  standardVersion: 'v1',
  goVersion: '1.26.8',
  alpineVersion: '3.23',
  supportedGoVersions: ['1.26.8'],
  finalBases: ['scratch'],
  user: '65534:65534',
  requireDigest: false,
  maxFileBytes: 1024 * 1024,
  rules: {},
});

const TOP_LEVEL_KEYS = [
  'version',
  'goVersion',
  'alpineVersion',
  'supportedGoVersions',
  'finalBases',
  'user',
  'requireDigest',
  'imageDigests',
  'maxFileBytes',
  'rules',
  'suppressionMaxDays',
  'knownFinalBases',
] as const;
const KNOWN_BASE_KEYS = ['image', 'user', 'names', 'caBundle', 'zoneinfo'] as const;
const RULE_KEYS = ['severity', 'mode', 'enforceAfter'] as const;
const SEVERITIES = ['error', 'warning', 'info', 'off'] as const;
const MODES: readonly RuleMode[] = ['off', 'inform', 'warn', 'enforce'];


/** Largest accepted maxFileBytes (64 MiB): a Dockerfile beyond that is not a Dockerfile. */
const MAX_FILE_BYTES_LIMIT = 64 * 1024 * 1024;
/** Largest uid/gid Linux accepts ((uid_t)-1 is reserved). */
const MAX_ID = 4294967294;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `an array (${JSON.stringify(value)})`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function rejectUnknownKeys(obj: Record<string, unknown>, allowed: readonly string[], path: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      throw new PolicyError(`${path}.${key}`, `is not a known key (allowed: ${allowed.join(', ')})`);
    }
  }
}

function readString(value: unknown, path: string): string {
  if (typeof value === 'number') {
    // YAML reads 3.20 as the number 3.2: versions must be quoted.
    throw new PolicyError(path, `must be a string, got number ${value} (quote versions in YAML: '${value}')`);
  }
  if (typeof value !== 'string') throw new PolicyError(path, `must be a string, got ${describe(value)}`);
  return value;
}

function readGoVersion(value: unknown, path: string): string {
  const s = readString(value, path);
  if (!EXACT_GO_VERSION.test(s)) {
    throw new PolicyError(path, `must be an exact Go version like 1.26.8, got ${describe(s)}`);
  }
  return s;
}

function readAlpineVersion(value: unknown, path: string): string {
  const s = readString(value, path);
  if (!EXACT_ALPINE_VERSION.test(s)) {
    throw new PolicyError(path, `must be an Alpine major.minor version like 3.23 (as in golang:<go>-alpine3.23), got ${describe(s)}`);
  }
  return s;
}

function readStringList(value: unknown, path: string, item: (v: unknown, p: string) => string): string[] {
  if (!Array.isArray(value)) throw new PolicyError(path, `must be a list, got ${describe(value)}`);
  if (value.length === 0) throw new PolicyError(path, 'must not be empty');
  const out = value.map((v, i) => item(v, `${path}[${i}]`));
  const dup = out.find((v, i) => out.indexOf(v) !== i);
  if (dup !== undefined) throw new PolicyError(path, `lists ${describe(dup)} twice`);
  return out;
}

function readFinalBase(value: unknown, path: string): string {
  const s = readString(value, path);
  if (s !== 'scratch' && !IMAGE_REFERENCE.test(s)) {
    throw new PolicyError(path, `must be scratch or an image reference like gcr.io/distroless/static-debian12:nonroot, got ${describe(s)}`);
  }
  return s;
}

function readUser(value: unknown, path: string): string {
  const s = readString(value, path);
  const m = NUMERIC_USER.exec(s);
  if (!m) {
    throw new PolicyError(path, `must be a numeric uid:gid like 65534:65534 (Kubernetes runAsNonRoot cannot verify a named user), got ${describe(s)}`);
  }
  const uid = Number(m[1]);
  const gid = Number(m[2]);
  if (uid === 0) throw new PolicyError(path, `must not be root (uid 0), got ${describe(s)}`);
  if (uid > MAX_ID || gid > MAX_ID) throw new PolicyError(path, `has a uid or gid above ${MAX_ID}, got ${describe(s)}`);
  return s;
}

function readBoolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') throw new PolicyError(path, `must be true or false, got ${describe(value)}`);
  return value;
}

function readMaxFileBytes(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_FILE_BYTES_LIMIT) {
    throw new PolicyError(path, `must be a whole number of bytes between 1 and ${MAX_FILE_BYTES_LIMIT}, got ${describe(value)}`);
  }
  return value;
}

function readIsoDate(value: unknown, path: string): string {
  const s = readString(value, path);
  const m = ISO_DATE.exec(s);
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  // Round-tripping rejects dates JavaScript would roll over (2026-02-30 -> March 2).
  if (!m || !date || date.toISOString().slice(0, 10) !== s) {
    throw new PolicyError(path, `must be a real date written YYYY-MM-DD, got ${describe(s)}`);
  }
  return s;
}

/** What the policy reader needs to know of a rule (the rules themselves live a layer up). */
export interface PolicyRule {
  id: string;
  title?: string;
  /** False when no policy may change the rule's severity. */
  configurable?: boolean;
}

function readRulePolicy(value: unknown, path: string, rule: PolicyRule): RulePolicy {
  if (!isPlainObject(value)) throw new PolicyError(path, `must be an object with severity, mode or enforceAfter, got ${describe(value)}`);
  rejectUnknownKeys(value, RULE_KEYS, path);
  if (rule.configurable === false) {
    throw new PolicyError(path, `cannot be configured: the standard fixes ${rule.id}'s severity (${rule.title ?? rule.id}), and a weaker setting could call an unreadable or unchecked file compliant`);
  }
  const out: RulePolicy = {};
  if (value.severity !== undefined) {
    const s = value.severity;
    if (typeof s !== 'string' || !(SEVERITIES as readonly string[]).includes(s)) {
      throw new PolicyError(`${path}.severity`, `must be one of ${SEVERITIES.join(', ')}, got ${describe(s)}`);
    }
    out.severity = s as RulePolicy['severity'];
  }
  if (value.mode !== undefined) {
    const m = value.mode;
    if (typeof m !== 'string' || !(MODES as readonly string[]).includes(m)) {
      throw new PolicyError(`${path}.mode`, `must be one of ${MODES.join(', ')}, got ${describe(m)}`);
    }
    out.mode = m as RuleMode;
  }
  if (out.severity !== undefined && out.mode !== undefined) {
    // Both set the reported severity; which one wins would be a guess.
    throw new PolicyError(path, 'sets both severity and mode; use severity for a fixed level or mode for a rollout, not both');
  }
  if (value.enforceAfter !== undefined) {
    out.enforceAfter = readIsoDate(value.enforceAfter, `${path}.enforceAfter`);
    if (out.mode !== 'enforce') {
      throw new PolicyError(`${path}.enforceAfter`, `only applies with mode: enforce (got mode ${describe(out.mode)})`);
    }
  }
  return out;
}

function readRules(value: unknown, path: string, rules: readonly PolicyRule[]): Record<string, RulePolicy> {
  if (!isPlainObject(value)) throw new PolicyError(path, `must be an object keyed by rule ID (GDS001, ...), got ${describe(value)}`);
  const out: Record<string, RulePolicy> = {};
  for (const [id, rule] of Object.entries(value)) {
    const known = rules.find((r) => r.id === id);
    if (!known) {
      throw new PolicyError(`${path}.${id}`, `is not a rule of the standard (${rules.map((r) => r.id).join(', ')}; "hardened-go rules" lists them)`);
    }
    out[id] = readRulePolicy(rule, `${path}.${id}`, known);
  }
  return out;
}

/**
 * Turns the plain object at `keyPath` into a Policy whose `rules` may name the given rules only.
 * The public `policyFromConfig` (../policyFromConfig.ts) binds the standard's rule IDs, so
 * this layer needs nothing from the rules above it.
 */
export function readPolicy(input: unknown, rules: readonly PolicyRule[], keyPath: string = POLICY_CONFIG_KEY): Policy {
  const value = input === undefined || input === null ? {} : input;
  if (!isPlainObject(value)) throw new PolicyError(keyPath, `must be an object, got ${describe(value)}`);
  rejectUnknownKeys(value, TOP_LEVEL_KEYS, keyPath);
  const at = (key: string) => `${keyPath}.${key}`;

  let standardVersion = DEFAULT_POLICY.standardVersion;
  if (value.version !== undefined) {
    standardVersion = readString(value.version, at('version'));
    if (!STANDARD_VERSION.test(standardVersion)) {
      throw new PolicyError(at('version'), `must be a short version name like v1 (letters, digits, . _ -), got ${describe(standardVersion)}`);
    }
  }
  const goVersion = value.goVersion === undefined ? DEFAULT_POLICY.goVersion : readGoVersion(value.goVersion, at('goVersion'));
  const alpineVersion =
    value.alpineVersion === undefined ? DEFAULT_POLICY.alpineVersion : readAlpineVersion(value.alpineVersion, at('alpineVersion'));

  let supportedGoVersions = [goVersion];
  if (value.supportedGoVersions !== undefined) {
    supportedGoVersions = readStringList(value.supportedGoVersions, at('supportedGoVersions'), readGoVersion);
    // A service created with an older Go than the policy's minimum would be drifted (GDS003) from day one.
    supportedGoVersions.forEach((v, i) => {
      if (compareVersions(v, goVersion) < 0) {
        throw new PolicyError(
          `${at('supportedGoVersions')}[${i}]`,
          `is older than goVersion ${goVersion}; a service created with it would fail GDS003 immediately, got ${describe(v)}`,
        );
      }
    });
  } else if (value.goVersion === undefined) {
    supportedGoVersions = [...DEFAULT_POLICY.supportedGoVersions];
  }

  return {
    standardVersion,
    goVersion,
    alpineVersion,
    supportedGoVersions,
    finalBases:
      value.finalBases === undefined ? [...DEFAULT_POLICY.finalBases] : readStringList(value.finalBases, at('finalBases'), readFinalBase),
    user: value.user === undefined ? DEFAULT_POLICY.user : readUser(value.user, at('user')),
    requireDigest: value.requireDigest === undefined ? DEFAULT_POLICY.requireDigest : readBoolean(value.requireDigest, at('requireDigest')),
    ...(value.imageDigests === undefined ? {} : { imageDigests: readImageDigests(value.imageDigests, at('imageDigests')) }),
    maxFileBytes: value.maxFileBytes === undefined ? DEFAULT_POLICY.maxFileBytes : readMaxFileBytes(value.maxFileBytes, at('maxFileBytes')),
    rules: value.rules === undefined ? {} : readRules(value.rules, at('rules'), rules),
    ...(value.suppressionMaxDays === undefined ? {} : { suppressionMaxDays: readSuppressionMaxDays(value.suppressionMaxDays, at('suppressionMaxDays')) }),
    ...(value.knownFinalBases === undefined ? {} : { knownFinalBases: readKnownFinalBases(value.knownFinalBases, at('knownFinalBases')) }),
  };
}

/** A sha256 digest as registries print it. */
const DIGEST = /^sha256:[a-f0-9]{64}$/;
/** More entries than this is not a policy but a registry mirror. */
const MAX_IMAGE_DIGESTS = 1000;

function readImageDigests(value: unknown, path: string): ImageDigest[] {
  if (!Array.isArray(value)) throw new PolicyError(path, `must be a list of { image, digest }, got ${describe(value)}`);
  if (value.length > MAX_IMAGE_DIGESTS) throw new PolicyError(path, `has ${value.length} entries; at most ${MAX_IMAGE_DIGESTS}`);
  const seen = new Set<string>();
  return value.map((item, i) => {
    const at = `${path}[${i}]`;
    if (!isPlainObject(item)) throw new PolicyError(at, `must be an object with image and digest, got ${describe(item)}`);
    rejectUnknownKeys(item, ['image', 'digest'], at);
    const image = readString(item.image, `${at}.image`);
    // a tag is required: the digest pins one release, and the tag keeps it readable and updatable
    if (!IMAGE_REFERENCE.test(image) || image.includes('@') || image.lastIndexOf(':') <= image.lastIndexOf('/')) {
      throw new PolicyError(`${at}.image`, `must be an image reference with a tag and without a digest, like golang:1.26.8-alpine3.23, got ${describe(image)}`);
    }
    if (seen.has(image)) throw new PolicyError(`${at}.image`, `lists ${describe(image)} twice`);
    seen.add(image);
    const digest = readString(item.digest, `${at}.digest`);
    if (!DIGEST.test(digest)) throw new PolicyError(`${at}.digest`, `must be sha256: followed by 64 lower-case hex digits, got ${describe(digest)}`);
    return { image, digest };
  });
}

/**
 * The digest the policy pins `image` (`repository:tag`) with, if it lists one.
 *
 * @public
 */
export function policyDigestOf(policy: Policy, image: string): string | undefined {
  return policy.imageDigests?.find((d) => d.image === image)?.digest;
}

/** An image reference, a tag of one, or a prefix ending in `*`: no blanks, no digest. */
const KNOWN_BASE_IMAGE = /^[a-z0-9][a-z0-9._\-/:]*\*?$/;
const NAME = /^[a-z_][a-z0-9_-]*$/;

function readKnownFinalBases(value: unknown, path: string): KnownFinalBase[] {
  if (!Array.isArray(value)) throw new PolicyError(path, `must be a list of { image, user, names, caBundle, zoneinfo }, got ${describe(value)}`);
  return value.map((item, i) => {
    const at = `${path}[${i}]`;
    if (!isPlainObject(item)) throw new PolicyError(at, `must be an object with image (and user, names, caBundle, zoneinfo), got ${describe(item)}`);
    rejectUnknownKeys(item, KNOWN_BASE_KEYS, at);
    const image = readString(item.image, `${at}.image`);
    if (!KNOWN_BASE_IMAGE.test(image) || image.length > 512) {
      throw new PolicyError(`${at}.image`, `must be a lower-case image repository, repository:tag, or a prefix ending in * (no digest), got ${describe(image)}`);
    }
    const out: KnownFinalBase = { image };
    if (item.user !== undefined) out.user = readUser(item.user, `${at}.user`);
    if (item.names !== undefined) {
      out.names = readStringList(item.names, `${at}.names`, (v, p) => {
        const n = readString(v, p);
        if (!NAME.test(n) || n.length > 64) throw new PolicyError(p, `must be a user or group name (lower case, digits, _ and -), got ${describe(n)}`);
        return n;
      });
    }
    if (item.caBundle !== undefined) out.caBundle = readBoolean(item.caBundle, `${at}.caBundle`);
    if (item.zoneinfo !== undefined) out.zoneinfo = readBoolean(item.zoneinfo, `${at}.zoneinfo`);
    return out;
  });
}

/** Ten years: a longer cap is no cap. */
const MAX_SUPPRESSION_DAYS = 3650;

function readSuppressionMaxDays(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_SUPPRESSION_DAYS) {
    throw new PolicyError(path, `must be a whole number of days from 1 to ${MAX_SUPPRESSION_DAYS}, got ${describe(value)}`);
  }
  return value;
}

/**
 * The inverse of policyFromConfig: the `hardenedGo.standard` block that reads back as exactly
 * this policy, every default written out. The portal serves policies in this shape, so a
 * client reads them with the same validating reader as app-config.
 *
 * @public
 */
export function policyToConfig(policy: Policy): Record<string, unknown> {
  const { standardVersion, ...rest } = policy;
  // JSON round trip: a plain, unfrozen copy with no undefined keys
  return JSON.parse(JSON.stringify({ version: standardVersion, ...rest }));
}
