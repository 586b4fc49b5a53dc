/**
 * The catalog processor: for each entity the filter selects, read its Dockerfile(s) through
 * the UrlReaderService, check them with the library, and write the verdict as a label and
 * annotations. Drift and unreadable files are information, never processing errors: an error
 * emitted here would keep a new entity out of the catalog and freeze an existing one.
 */
import type { LoggerService, UrlReaderService } from '@backstage/backend-plugin-api';
import { createHash } from 'node:crypto';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import { ScmIntegrationRegistry, ScmIntegrations } from '@backstage/integration';
import type { CatalogProcessor, CatalogProcessorCache, CatalogProcessorEmit, LocationSpec } from '@backstage/plugin-catalog-node';
import { CheckResult, GO_MOD_MAX_BYTES, GoModRequirement, Policy, policyFromConfig, readGoModRequirement } from '@hardened-go/plugin-dockerfile-compliance-common';
import { CheckPool, createCheckPool, readCheckLimits } from '@hardened-go/plugin-dockerfile-compliance-node';
import { driftMetadata, RenderedOutcome, renderedDriftMetadata, renderOutcome, withDriftMetadata, withoutDriftMetadata } from '../annotations';
import { DriftConfig, readDriftConfig } from '../config/driftConfig';
import { ReasonCode, unknownOutcome, worstStatus } from '../outcome';
import { MAX_REASON_CHARS, outcomeFromCheckResult, truncate } from '../summarize';
import { CACHE_KEY, CachedFile, CachedGoMod, fingerprinter, isUnchanged, parseCacheState, toCacheValue } from './driftCache';
import { DockerfileTarget, targetResolver } from './dockerfileTargets';
import { appliesTo } from './entityFilter';
import { readDockerfile } from './readDockerfile';
import { logStateChange } from './stateLog';

/** @public */
export interface DockerfileDriftProcessorOptions {
  reader: UrlReaderService;
  integrations: ScmIntegrationRegistry;
  logger: LoggerService;
  /**
   * The policy, or a function returning the one in force (livePolicy's, which follows
   * config changes): a new policy changes the fingerprint, so every entity is checked again.
   */
  policy: Policy | (() => Policy);
  config: DriftConfig;
  /** Checks files off the event loop under hardenedGo.limits (time, heap): a file over them is error / too-complex. */
  checker: Pick<CheckPool, 'check'>;
  /** The clock for rollout deadlines; the current time by default. */
  now?: () => Date;
  /**
   * Whether the entity must be checked now even within `revalidateAfter` (a push touched its
   * repository, or a refresh was asked through the plugin); asking consumes the mark. A forced
   * check also moves the last-checked annotation.
   */
  forceCheck?: (entityRef: string) => boolean;
}

/**
 * Without revalidateAfter, how old the stored last-checked time must be before an unchanged
 * check moves it: every loop revalidates, and a new time each loop would re-stitch every entity.
 */
const LAST_CHECKED_RESOLUTION_MS = 60 * 60 * 1000;

/** @public */
export class DockerfileDriftProcessor implements CatalogProcessor {
  private readonly now: () => Date;
  private readonly policy: () => Policy;
  /** The fingerprint of the policy in force, computed once per policy (and per UTC day for dated rules). */
  private fingerprinted: { policy: Policy; fingerprint: (now: Date) => string } | undefined;
  /** Where each entity's Dockerfiles are, remembered per entity location (resolving is the costly part of a 304 pass). */
  private readonly targetsOf: (entity: Entity) => readonly DockerfileTarget[];

  /**
   * Reads `hardenedGo.standard` (the policy, as the CLI does), `hardenedGo.catalog` and
   * `hardenedGo.limits`; throws naming the bad key. Without a `checker` it makes a check
   * pool of its own (the module passes one it closes at shutdown).
   */
  static fromConfig(
    config: Config,
    deps: {
      reader: UrlReaderService;
      logger: LoggerService;
      checker?: Pick<CheckPool, 'check'>;
      policy?: () => Policy;
      forceCheck?: (entityRef: string) => boolean;
    },
  ): DockerfileDriftProcessor {
    const policy = deps.policy ?? policyFromConfig(config.getOptional('hardenedGo.standard'));
    const driftConfig = readDriftConfig(config);
    const checker = deps.checker ?? createCheckPool(readCheckLimits(config));
    return new DockerfileDriftProcessor({ ...deps, checker, integrations: ScmIntegrations.fromConfig(config), policy, config: driftConfig });
  }

  constructor(private readonly options: DockerfileDriftProcessorOptions) {
    this.now = options.now ?? (() => new Date());
    const { policy } = options;
    this.policy = typeof policy === 'function' ? policy : () => policy;
    this.targetsOf = targetResolver(options.integrations);
  }

  getProcessorName(): string {
    return 'DockerfileDriftProcessor';
  }

  async postProcessEntity(entity: Entity, _location: LocationSpec, _emit: CatalogProcessorEmit, cache: CatalogProcessorCache): Promise<Entity> {
    if (!appliesTo(entity, this.options.config.filter)) {
      // The processor owns these keys: a hand-written "compliant" on an unchecked entity would be a lie.
      return withoutDriftMetadata(entity);
    }
    const entityRef = stringifyEntityRef(entity);
    try {
      return await this.check(entity, entityRef, cache);
    } catch (e) {
      // Defensive: nothing above should throw, but a bug here must not block the entity.
      this.options.logger.error(`Dockerfile drift check of ${entityRef} failed unexpectedly: ${(e as Error)?.stack ?? e}`);
      const outcome = unknownOutcome('Dockerfile', undefined, 'read-failed', truncate(`internal error: ${(e as Error)?.message ?? e}`, MAX_REASON_CHARS));
      return withDriftMetadata(entity, driftMetadata([outcome], this.policy().standardVersion));
    }
  }

  private fingerprint(policy: Policy, now: Date): string {
    if (this.fingerprinted?.policy !== policy) this.fingerprinted = { policy, fingerprint: fingerprinter(policy, this.options.config.maxFindings) };
    return this.fingerprinted.fingerprint(now);
  }

  private async check(entity: Entity, entityRef: string, cache: CatalogProcessorCache): Promise<Entity> {
    const previous = parseCacheState(await cache.get(CACHE_KEY));
    const now = this.now();
    // one policy for the whole entity, even if the configuration changes meanwhile
    const policy = this.policy();
    const fingerprint = this.fingerprint(policy, now);
    const targets = this.targetsOf(entity);
    const interval = this.options.config.revalidateAfterMs;
    // consumed with or without an interval: a forced check also moves the last-checked time
    const forced = this.options.forceCheck?.(entityRef) ?? false;
    const resolution = interval ?? LAST_CHECKED_RESOLUTION_MS;

    const outcomes: RenderedOutcome[] = [];
    const keep: CachedFile[] = [];
    for (const target of targets) {
      const prior = target.readable ? previous.files.find(f => f.url === target.url) : undefined;
      if (interval !== undefined && !forced && prior && isFresh(prior, fingerprint, now.getTime(), interval)) {
        // checked recently under this policy: the cached verdict, no request at all
        outcomes.push(prior.outcome);
        keep.push(prior);
        continue;
      }
      const { outcome, cached, checked } = await this.checkTarget(target, prior, policy, fingerprint, now);
      outcomes.push(outcome);
      // a failed read keeps the prior entry, and with it the time of the last real check
      if (cached) keep.push(checked ? stamped(cached, prior, { nowMs: now.getTime(), forced, resolution }) : cached);
    }

    const status = worstStatus(outcomes.map(o => o.status));
    const reported = logStateChange(this.options.logger, entityRef, status, outcomes, previous.reported);
    const next = { files: keep, reported };
    // The steady state (every file 304, nothing new to log) writes nothing; the stored value stays.
    if (!isUnchanged(previous, next)) await cache.set(CACHE_KEY, toCacheValue(next));
    return withDriftMetadata(entity, renderedDriftMetadata(outcomes, policy.standardVersion, lastCheckedOf(keep)));
  }

  private readGoMod(url: string, prior: CachedGoMod | undefined, now: Date): Promise<{ entry?: CachedGoMod; requirement?: GoModRequirement }> {
    return readGoModWith(this.options.reader, url, prior, { timeoutMs: this.options.config.readTimeoutMs, today: now.toISOString().slice(0, 10) });
  }

  /**
   * One file: a conditional read with the cached ETag when the cached outcome was made with
   * the same policy; on 304 the cached outcome is reused without re-evaluation. After a read
   * failure the last good entry is kept, so recovery costs a 304, not a download.
   */
  private async checkTarget(
    target: DockerfileTarget,
    prior: CachedFile | undefined,
    policy: Policy,
    baseFingerprint: string,
    now: Date,
  ): Promise<{ outcome: RenderedOutcome; cached?: CachedFile; checked?: boolean }> {
    let fingerprint = baseFingerprint;
    if (!target.readable) {
      return { outcome: unknown(target.path, target.url, target.reasonCode, target.reason) };
    }
    const { path, url } = target;
    // the build context's go.mod first: what GDS018 compares with, and part of what the outcome depends on
    const goMod = await this.readGoMod(target.goModUrl, prior?.goMod, now);
    const withGoMod = (entry: CachedFile): CachedFile => (entry.goMod === goMod.entry ? entry : { ...entry, ...(goMod.entry ? { goMod: goMod.entry } : {}) });
    fingerprint = `${fingerprint}|${goMod.requirement === undefined ? 'no-go.mod' : JSON.stringify(goMod.requirement)}`;
    const usable = prior && prior.fingerprint === fingerprint ? prior : undefined;
    const read = await readDockerfile(this.options.reader, url, {
      etag: usable?.etag,
      maxBytes: policy.maxFileBytes,
      timeoutMs: this.options.config.readTimeoutMs,
    });
    switch (read.kind) {
      case 'not-modified':
        if (usable) return { outcome: usable.outcome, cached: withGoMod(usable), checked: true };
        return { outcome: unknown(path, url, 'read-failed', 'the server answered 304 Not Modified to an unconditional read'), cached: prior };
      case 'content': {
        // Without an ETag the content's hash stands in: unchanged bytes are not checked again (a
        // file over the limits is not retried every pass).
        const sha256 = read.etag ? undefined : createHash('sha256').update(read.data).digest('hex');
        if (sha256 !== undefined && usable?.sha256 === sha256) return { outcome: usable.outcome, cached: withGoMod(usable), checked: true };
        let result: CheckResult;
        try {
          result = await this.options.checker.check(read.data, policy, { now, ...(goMod.requirement !== undefined ? { goModRequirement: goMod.requirement } : {}) });
        } catch (e) {
          // A checker bug must surface as "not checkable" on this file, never as a verdict or a crash.
          const reason = truncate(`the checker failed on this file: ${(e as Error)?.message ?? e}`, MAX_REASON_CHARS);
          return { outcome: renderOutcome({ ...unknownOutcome(path, url, 'not-checkable', reason), status: 'error' }) };
        }
        const outcome = renderOutcome(outcomeFromCheckResult(result, {
          path,
          url,
          maxFindings: this.options.config.maxFindings,
          ...(read.truncated ? { truncatedAtBytes: policy.maxFileBytes } : {}),
        }));
        const cached: CachedFile = read.etag ? { url, etag: read.etag, fingerprint, outcome } : { url, sha256: sha256!, fingerprint, outcome };
        return { outcome, cached: withGoMod(cached), checked: true };
      }
      case 'not-found':
        return { outcome: unknown(path, url, 'not-found', read.message) };
      case 'timeout':
        return { outcome: unknown(path, url, 'timeout', read.message), cached: prior };
      case 'failed':
        return { outcome: unknown(path, url, 'read-failed', read.message), cached: prior };
    }
  }
}

/**
 * A really checked file's entry with the time of its last check: now when there was no time,
 * the check was forced, the verdict changed or was made under another fingerprint (policy,
 * go.mod), or the prior time is `resolution` old (or ahead of the clock); else the prior time,
 * so an unchanged check within the resolution keeps the very cached object (nothing is written)
 * and the same annotation. With revalidateAfter (resolution = the interval) a real check happens
 * only in those cases, so every real check records now, as isFresh needs.
 */
function stamped(entry: CachedFile, prior: CachedFile | undefined, at: { nowMs: number; forced: boolean; resolution: number }): CachedFile {
  const last = prior?.checkedAt;
  const refresh =
    last === undefined ||
    at.forced ||
    entry.fingerprint !== prior!.fingerprint ||
    entry.outcome.entry !== prior!.outcome.entry ||
    at.nowMs - last >= at.resolution ||
    at.nowMs < last;
  const checkedAt = refresh ? at.nowMs : last;
  return entry.checkedAt === checkedAt ? entry : { ...entry, checkedAt };
}

/** The last-checked time of the entity: the oldest of its files' (undefined when none was ever checked). */
function lastCheckedOf(files: readonly CachedFile[]): number | undefined {
  let oldest: number | undefined;
  for (const f of files) if (f.checkedAt !== undefined && (oldest === undefined || f.checkedAt < oldest)) oldest = f.checkedAt;
  return oldest;
}

/** A cached file checked less than `interval` ago under the same policy (its fingerprint is `<policy>|<go.mod>`). */
function isFresh(prior: CachedFile, policyFingerprint: string, nowMs: number, interval: number): boolean {
  return prior.checkedAt !== undefined && nowMs - prior.checkedAt < interval && nowMs >= prior.checkedAt && prior.fingerprint.startsWith(`${policyFingerprint}|`);
}

/**
 * The build context's go.mod, read conditionally like the Dockerfile: `entry` is what to cache
 * (the prior entry itself when nothing changed), `requirement` what GDS018 compares with
 * (undefined: no go.mod, so the rule says nothing). A failed read keeps what was known. A
 * go.mod found missing is looked for again the next UTC day, not on every pass: a repository
 * without one would otherwise pay a 404 per pass.
 */
async function readGoModWith(
  reader: UrlReaderService,
  url: string,
  prior: CachedGoMod | undefined,
  options: { timeoutMs: number; today: string },
): Promise<{ entry?: CachedGoMod; requirement?: GoModRequirement }> {
  const known = prior?.url === url ? prior : undefined;
  const keep = () => (known ? { entry: known, ...(known.requirement ? { requirement: known.requirement } : {}) } : {});
  if (known && known.requirement === null && known.missingOn === options.today) return keep();
  const timeoutMs = options.timeoutMs;
  const read = await readDockerfile(reader, url, { etag: known?.etag, maxBytes: GO_MOD_MAX_BYTES, timeoutMs });
  switch (read.kind) {
    case 'not-modified':
      return keep();
    case 'content': {
      const requirement: GoModRequirement = read.truncated ? { problem: `go.mod is larger than ${GO_MOD_MAX_BYTES} bytes` } : readGoModRequirement(read.data.toString('utf8'));
      const entry: CachedGoMod = { url, ...(read.etag ? { etag: read.etag } : {}), requirement };
      // an unchanged answer keeps the cached object, so an unchanged pass writes nothing
      if (known && known.etag === entry.etag && JSON.stringify(known.requirement) === JSON.stringify(requirement)) return keep();
      return { entry, requirement };
    }
    case 'not-found':
      return known && known.requirement === null && known.missingOn === options.today ? { entry: known } : { entry: { url, requirement: null, missingOn: options.today } };
    default:
      return keep();
  }
}

function unknown(path: string, url: string | undefined, reasonCode: ReasonCode, reason: string): RenderedOutcome {
  return renderOutcome(unknownOutcome(path, url, reasonCode, truncate(reason, MAX_REASON_CHARS)));
}
