import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import type { JsonValue } from '@backstage/config';
import { DEFAULT_POLICY } from '@hardened-go/plugin-dockerfile-compliance-common';
import { createCheckPool, renderDockerfile } from '@hardened-go/plugin-dockerfile-compliance-node';
import { startRepoServer, RepoServer } from '../../../../test/support/repoServer';
import { manyEnvLines } from '../../../../test/hostile/families';
import { PassCache } from '../__testUtils__/processorCache';
import { realReader } from '../__testUtils__/realReader';
import { recordingLogger } from '../__testUtils__/recordingLogger';
import { DEFAULT_DRIFT_CONFIG } from '../config/driftConfig';
import { DockerfileDriftProcessor } from './DockerfileDriftProcessor';
import { CACHE_KEY } from './driftCache';
import { ScmIntegrations } from '@backstage/integration';

const LABEL = 'hardened-go.io/dockerfile-compliance';
const compliant = renderDockerfile(DEFAULT_POLICY, { binaryName: 'api' });
const rootUser = compliant.replace(/^USER .*$/m, 'USER root');

let repo: RepoServer;
const checker = createCheckPool();
beforeAll(async () => {
  repo = await startRepoServer({ 'api/Dockerfile': compliant, 'api/catalog-info.yaml': 'x' });
});
afterAll(async () => {
  await repo.close();
  await checker.close();
});
beforeEach(async () => {
  // a timed-out read's delayed answer is sent (and logged) before this test's log starts
  await repo.settled();
  await repo.setMode('up');
  repo.setEtags(true);
  repo.setFile('api/Dockerfile', compliant);
  repo.deleteFile('api/go.mod');
  repo.deleteFile('go.mod');
  repo.resetRequests();
});

/** The Dockerfile's requests, without those for go.mod (read beside it on every pass, for GDS018). */
const dockerfileRequests = () => repo.requests.filter((r) => !r.path.endsWith('/go.mod'));

function service(annotations: Record<string, string> = {}, type = 'service'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'api', annotations: { 'backstage.io/managed-by-location': `url:${repo.url('api/catalog-info.yaml')}`, ...annotations } },
    spec: { type, lifecycle: 'production', owner: 'team-a' },
  };
}

function processor(overrides: Partial<ConstructorParameters<typeof DockerfileDriftProcessor>[0]> = {}) {
  const logger = recordingLogger();
  const p = new DockerfileDriftProcessor({
    reader: realReader([repo.host]),
    integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
    logger,
    policy: DEFAULT_POLICY,
    config: DEFAULT_DRIFT_CONFIG,
    checker,
    ...overrides,
  });
  return { p, logger };
}

async function run(p: DockerfileDriftProcessor, cache: PassCache, entity: Entity = service()): Promise<Entity> {
  const pass = cache.pass();
  const out = await p.postProcessEntity(entity, { type: 'url', target: repo.url('api/catalog-info.yaml') }, () => {
    throw new Error('the drift processor must never emit');
  }, pass);
  pass.commit();
  return out;
}

describe('DockerfileDriftProcessor', () => {
  it('labels a compliant service, then revalidates with a 304 and reuses the cached verdict', async () => {
    const { p } = processor();
    const cache = new PassCache();
    const first = await run(p, cache);
    expect(first.metadata.labels?.[LABEL]).toBe('compliant');
    expect(first.metadata.annotations?.['hardened-go.io/dockerfile-url']).toBe(repo.url('api/Dockerfile'));

    // Prove the second verdict comes from the cache, not a re-check: mark the cached outcome.
    const state = cache.state![CACHE_KEY] as { files: Array<{ outcome: { entry: string } }> };
    const entry = JSON.parse(state.files[0].outcome.entry);
    state.files[0].outcome.entry = JSON.stringify({ ...entry, findings: [{ rule: 'GDS999', severity: 'info', line: 1, message: 'from cache' }] });
    const second = await run(p, cache);
    expect(second.metadata.annotations?.['hardened-go.io/dockerfile-findings']).toContain('from cache');
    expect(dockerfileRequests().map(r => [r.status, r.conditional])).toEqual([[200, false], [304, true]]);
    expect(second.metadata.labels?.[LABEL]).toBe('compliant');
  });

  it('keeps the cache across passes and writes the same state when nothing changed', async () => {
    const { p } = processor();
    const cache = new PassCache();
    await run(p, cache);
    const before = JSON.stringify(cache.state);
    await run(p, cache);
    await run(p, cache);
    expect(JSON.stringify(cache.state)).toBe(before);
  });

  it('writes nothing to the cache on an unchanged pass, so the stored value stays as it is', async () => {
    const { p } = processor();
    const cache = new PassCache();
    const sets: unknown[] = [];
    const pass = () => {
      const inner = cache.pass();
      return { ...inner, set: async <T extends JsonValue>(key: string, value: T) => void (sets.push(value), await inner.set(key, value)) };
    };
    const location = { type: 'url', target: repo.url('api/catalog-info.yaml') };
    for (let i = 0; i < 3; i++) {
      const c = pass();
      expect((await p.postProcessEntity(service(), location, () => undefined, c)).metadata.labels?.[LABEL]).toBe('compliant');
      c.commit();
    }
    expect(sets).toHaveLength(1);
    expect(dockerfileRequests().map(r => r.status)).toEqual([200, 304, 304]);
    // A change (here: a failed read, which changes the logged state) is written again.
    await repo.setMode('error500');
    const c = pass();
    await p.postProcessEntity(service(), location, () => undefined, c);
    c.commit();
    expect(sets).toHaveLength(2);
  });

  it('reads a file cached in the previous cache format in full once, keeps what was logged, then revalidates', async () => {
    // one instant for both passes: the full read records its time again (the old format kept none)
    const { p, logger } = processor({ now: () => new Date('2026-12-02T10:00:00Z') });
    const cache = new PassCache();
    const first = await run(p, cache);
    const current = cache.state![CACHE_KEY] as { format: number; files: Array<{ url: string; etag: string; fingerprint: string }>; reported: string };
    expect(current.format).toBe(2);
    // Format 1 had no format key and kept the whole FileOutcome.
    const findings = JSON.parse(first.metadata.annotations!['hardened-go.io/dockerfile-findings']);
    cache.state = { [CACHE_KEY]: { files: [{ ...current.files[0], outcome: findings[0] }], reported: current.reported } };
    const logged = logger.lines.length;
    repo.resetRequests();
    const second = await run(p, cache);
    expect(dockerfileRequests().map(r => [r.status, r.conditional])).toEqual([[200, false]]);
    expect(second.metadata).toEqual(first.metadata);
    expect(cache.state[CACHE_KEY]).toEqual(current);
    expect(logger.lines).toHaveLength(logged);
    await run(p, cache);
    expect(dockerfileRequests().map(r => r.status)).toEqual([200, 304]);
  });

  it('re-checks on the next pass when the file changes', async () => {
    const { p } = processor();
    const cache = new PassCache();
    expect((await run(p, cache)).metadata.labels?.[LABEL]).toBe('compliant');
    repo.setFile('api/Dockerfile', rootUser);
    const out = await run(p, cache);
    expect(out.metadata.labels?.[LABEL]).toBe('drifted');
    expect(JSON.parse(out.metadata.annotations!['hardened-go.io/dockerfile-findings'])[0].findings).toEqual(
      expect.arrayContaining([expect.objectContaining({ rule: 'GDS009', severity: 'error' })]),
    );
  });

  it('on a host without ETags, checks unchanged content only once (a file over the limits is not retried every pass)', async () => {
    repo.setEtags(false);
    let checks = 0;
    const counting = {
      check: (...args: Parameters<typeof checker.check>) => {
        checks++;
        return checker.check(...args);
      },
    };
    const { p } = processor({ checker: counting });
    const cache = new PassCache();
    expect((await run(p, cache)).metadata.labels?.[LABEL]).toBe('compliant');
    expect((await run(p, cache)).metadata.labels?.[LABEL]).toBe('compliant');
    expect(checks).toBe(1);
    expect(dockerfileRequests().map(r => [r.status, r.conditional])).toEqual([[200, false], [200, false]]);
    repo.setFile('api/Dockerfile', rootUser);
    expect((await run(p, cache)).metadata.labels?.[LABEL]).toBe('drifted');
    expect(checks).toBe(2);
  });

  it('labels a file over the limits error / too-complex, and keeps labelling the next entities', async () => {
    // the heap limit, not the clock, stops the big file, so the next entity's verdict does not depend on machine load
    const tight = createCheckPool({ timeoutMs: 60_000, maxHeapMb: 32, threads: 1 });
    try {
      const { p } = processor({ checker: tight });
      repo.setFile('api/Dockerfile', manyEnvLines(80_000));
      const cache = new PassCache();
      const hostile = await run(p, cache);
      expect(hostile.metadata.labels?.[LABEL]).toBe('error');
      const [file] = JSON.parse(hostile.metadata.annotations!['hardened-go.io/dockerfile-findings']);
      expect(file).toMatchObject({ status: 'error', reasonCode: 'too-complex' });
      expect(hostile.metadata.annotations!['hardened-go.io/dockerfile-reason']).toMatch(/could not be checked within the limits/);
      repo.setFile('api/Dockerfile', compliant);
      expect((await run(p, new PassCache())).metadata.labels?.[LABEL]).toBe('compliant');
    } finally {
      await tight.close();
    }
  });

  it('does not reuse a verdict made under another policy', async () => {
    const cache = new PassCache();
    await run(processor().p, cache);
    const stricter = { ...DEFAULT_POLICY, rules: { GDS011: { severity: 'error' as const } } };
    await run(processor({ policy: stricter }).p, cache);
    expect(dockerfileRequests().map(r => [r.status, r.conditional])).toEqual([[200, false], [200, false]]);
  });

  it('follows the policy in force: a changed policy is applied on the next pass, with no restart', async () => {
    const cache = new PassCache();
    let policy = DEFAULT_POLICY;
    const { p } = processor({ policy: () => policy });
    repo.setFile('api/Dockerfile', rootUser);
    expect((await run(p, cache)).metadata.labels?.[LABEL]).toBe('drifted');
    expect((await run(p, cache)).metadata.labels?.[LABEL]).toBe('drifted');
    // the rules USER root breaks, switched off: the next pass reads the file in full and relabels it
    policy = { ...DEFAULT_POLICY, standardVersion: 'v1-relaxed', rules: { GDS009: { severity: 'off' }, GDS010: { severity: 'off' } } };
    const relaxed = await run(p, cache);
    expect(relaxed.metadata.labels?.[LABEL]).toBe('compliant');
    expect(relaxed.metadata.annotations?.['hardened-go.io/standard-version']).toBe('v1-relaxed');
    expect(dockerfileRequests().map(r => [r.status, r.conditional])).toEqual([[200, false], [304, true], [200, false]]);
  });

  it('with revalidateAfter: re-emits a recent verdict without any request, until the interval passes or a check is forced', async () => {
    const cache = new PassCache();
    let clock = Date.parse('2026-12-02T10:00:00Z');
    const forced = new Set<string>();
    const { p } = processor({
      config: { ...DEFAULT_DRIFT_CONFIG, revalidateAfterMs: 60 * 60 * 1000 },
      now: () => new Date(clock),
      forceCheck: ref => forced.delete(ref),
    });
    expect((await run(p, cache)).metadata.labels?.[LABEL]).toBe('compliant');
    expect(repo.requests.length).toBeGreaterThan(0);

    // within the interval: no request at all, not even for go.mod, and nothing written
    repo.resetRequests();
    clock += 30 * 60 * 1000;
    const stored = cache.state;
    expect((await run(p, cache)).metadata.labels?.[LABEL]).toBe('compliant');
    expect(repo.requests).toEqual([]);
    expect(cache.state).toBe(stored);

    // a push event marks the entity: exactly one conditional request for the Dockerfile, and the change is seen
    repo.setFile('api/Dockerfile', rootUser);
    forced.add('component:default/api');
    expect((await run(p, cache)).metadata.labels?.[LABEL]).toBe('drifted');
    expect(dockerfileRequests().map(r => [r.status, r.conditional])).toEqual([[200, true]]);

    // the next pass is quiet again; past the interval it revalidates (304)
    repo.resetRequests();
    clock += 10 * 60 * 1000;
    await run(p, cache);
    expect(repo.requests).toEqual([]);
    clock += 61 * 60 * 1000;
    expect((await run(p, cache)).metadata.labels?.[LABEL]).toBe('drifted');
    expect(dockerfileRequests().map(r => [r.status, r.conditional])).toEqual([[304, true]]);
  });

  it('with revalidateAfter: a changed policy still forces a check', async () => {
    const cache = new PassCache();
    let policy = DEFAULT_POLICY;
    const { p } = processor({ config: { ...DEFAULT_DRIFT_CONFIG, revalidateAfterMs: 60 * 60 * 1000 }, policy: () => policy });
    repo.setFile('api/Dockerfile', rootUser);
    expect((await run(p, cache)).metadata.labels?.[LABEL]).toBe('drifted');
    repo.resetRequests();
    policy = { ...DEFAULT_POLICY, rules: { GDS009: { severity: 'off' }, GDS010: { severity: 'off' } } };
    expect((await run(p, cache)).metadata.labels?.[LABEL]).toBe('compliant');
    expect(dockerfileRequests().map(r => r.status)).toEqual([200]);
  });

  it('reports unknown while the host fails, logs it once, and recovers with a 304', async () => {
    const { p, logger } = processor();
    const cache = new PassCache();
    await run(p, cache);
    await repo.setMode('error500');
    for (let i = 0; i < 3; i++) {
      const out = await run(p, cache);
      expect(out.metadata.labels?.[LABEL]).toBe('unknown');
      expect(out.metadata.annotations?.['hardened-go.io/dockerfile-reason']).toMatch(/^Dockerfile: could not read .*500/);
    }
    expect(logger.lines.filter(l => l.level === 'warn')).toEqual([
      { level: 'warn', message: expect.stringMatching(/^Dockerfile drift check of component:default\/api: unknown \(Dockerfile: could not read/) },
    ]);
    await repo.setMode('up');
    repo.resetRequests();
    expect((await run(p, cache)).metadata.labels?.[LABEL]).toBe('compliant');
    expect(dockerfileRequests().map(r => r.status)).toEqual([304]);
    expect(logger.lines.filter(l => l.level === 'info').map(l => l.message)).toEqual(['Dockerfile drift check of component:default/api: compliant']);
  });

  it('gives up on a slow host after readTimeout and says so', async () => {
    const { p } = processor({ config: { ...DEFAULT_DRIFT_CONFIG, readTimeoutMs: 150 } });
    repo.setDelay(1000);
    try {
      const out = await run(p, new PassCache());
      expect(out.metadata.labels?.[LABEL]).toBe('unknown');
      expect(JSON.parse(out.metadata.annotations!['hardened-go.io/dockerfile-findings'])[0]).toMatchObject({
        reasonCode: 'timeout',
        reason: `reading ${repo.url('api/Dockerfile')} took longer than 150 ms`,
      });
    } finally {
      repo.setDelay(0);
    }
  });

  it('reports a missing Dockerfile as unknown/not-found', async () => {
    const { p } = processor();
    const out = await run(p, new PassCache(), service({ 'hardened-go.io/dockerfile-path': 'missing/Dockerfile' }));
    expect(out.metadata.labels?.[LABEL]).toBe('unknown');
    expect(JSON.parse(out.metadata.annotations!['hardened-go.io/dockerfile-findings'])[0]).toMatchObject({ status: 'unknown', reasonCode: 'not-found' });
  });

  it('reports an oversized file as error without downloading it whole', async () => {
    repo.setFile('api/Dockerfile', Buffer.concat([Buffer.from(compliant), Buffer.alloc(DEFAULT_POLICY.maxFileBytes, '#')]));
    const out = await run(processor().p, new PassCache());
    expect(out.metadata.labels?.[LABEL]).toBe('error');
    expect(out.metadata.annotations!['hardened-go.io/dockerfile-reason']).toMatch(/larger than 1048576 bytes/);
  });

  it('leaves entities outside the filter or opted out alone, without reading anything', async () => {
    const { p } = processor();
    const cache = new PassCache();
    const website = await run(p, cache, service({}, 'website'));
    const optedOut = await run(p, cache, { ...service({ 'hardened-go.io/dockerfile-check': 'disabled' }), metadata: { ...service().metadata, annotations: { ...service().metadata.annotations, 'hardened-go.io/dockerfile-check': 'disabled' }, labels: { [LABEL]: 'compliant' } } });
    expect(website.metadata.labels?.[LABEL]).toBeUndefined();
    expect(optedOut.metadata.labels?.[LABEL]).toBeUndefined();
    expect(repo.requests).toEqual([]);
  });

  it('builds from app-config and refuses a bad key at startup', () => {
    const deps = { reader: realReader([repo.host]), logger: recordingLogger() };
    expect(DockerfileDriftProcessor.fromConfig(new ConfigReader({ hardenedGo: { standard: { version: 'v2' } } }), deps).getProcessorName()).toBe('DockerfileDriftProcessor');
    expect(() => DockerfileDriftProcessor.fromConfig(new ConfigReader({ hardenedGo: { standard: { goVersion: '1.26' } } }), deps)).toThrow(/^hardenedGo\.standard\.goVersion/);
    expect(() => DockerfileDriftProcessor.fromConfig(new ConfigReader({ hardenedGo: { catalog: { readTimeout: -1 } } }), deps)).toThrow(/^hardenedGo\.catalog\.readTimeout/);
  });

  it('records the policy\'s standard version', async () => {
    const out = await run(processor({ policy: { ...DEFAULT_POLICY, standardVersion: 'v2' } }).p, new PassCache());
    expect(out.metadata.annotations?.['hardened-go.io/standard-version']).toBe('v2');
  });

  describe('the last-checked annotation', () => {
    const LAST_CHECKED = 'hardened-go.io/last-checked';
    const MINUTE = 60 * 1000;
    const t0 = Date.parse('2026-12-02T10:00:00Z');
    const iso = (ms: number) => new Date(ms).toISOString();

    /** A processor on a fake clock, and a cache that counts what is written to it. */
    function clocked(overrides: Partial<ConstructorParameters<typeof DockerfileDriftProcessor>[0]> = {}) {
      const clock = { ms: t0 };
      const { p } = processor({ now: () => new Date(clock.ms), ...overrides });
      const cache = new PassCache();
      const sets: unknown[] = [];
      const pass = async (entity: Entity = service()) => {
        const inner = cache.pass();
        const counting = { ...inner, set: async <T extends JsonValue>(key: string, value: T) => void (sets.push(value), await inner.set(key, value)) };
        const out = await p.postProcessEntity(entity, { type: 'url', target: repo.url('api/catalog-info.yaml') }, () => undefined, counting);
        inner.commit();
        return out;
      };
      return { clock, cache, sets, pass };
    }

    it('records the first check at the injected time', async () => {
      const { pass } = clocked();
      expect((await pass()).metadata.annotations?.[LAST_CHECKED]).toBe('2026-12-02T10:00:00.000Z');
    });

    it('keeps the time, writes nothing and gives the same entity on a 304 within the hour; refreshes it an hour later', async () => {
      const { clock, sets, pass } = clocked();
      const first = await pass();
      expect(sets).toHaveLength(1);
      clock.ms = t0 + 10 * MINUTE;
      const second = await pass();
      expect(second.metadata).toEqual(first.metadata);
      expect(second.metadata.annotations?.[LAST_CHECKED]).toBe(iso(t0));
      expect(sets).toHaveLength(1);
      clock.ms = t0 + 61 * MINUTE;
      const third = await pass();
      expect(third.metadata.annotations?.[LAST_CHECKED]).toBe(iso(t0 + 61 * MINUTE));
      expect(sets).toHaveLength(2);
      expect(dockerfileRequests().map(r => r.status)).toEqual([200, 304, 304]);
    });

    it('refreshes it within the hour when the verdict changes', async () => {
      const { clock, pass } = clocked();
      await pass();
      repo.setFile('api/Dockerfile', rootUser);
      clock.ms = t0 + 5 * MINUTE;
      const changed = await pass();
      expect(changed.metadata.labels?.[LABEL]).toBe('drifted');
      expect(changed.metadata.annotations?.[LAST_CHECKED]).toBe(iso(t0 + 5 * MINUTE));
    });

    it('refreshes it within the hour when the check was forced (a push, or the plugin\'s refresh)', async () => {
      const forced = new Set<string>();
      const { clock, pass } = clocked({ forceCheck: ref => forced.delete(ref) });
      await pass();
      clock.ms = t0 + 5 * MINUTE;
      expect((await pass()).metadata.annotations?.[LAST_CHECKED]).toBe(iso(t0));
      forced.add('component:default/api');
      clock.ms = t0 + 6 * MINUTE;
      expect((await pass()).metadata.annotations?.[LAST_CHECKED]).toBe(iso(t0 + 6 * MINUTE));
    });

    it('with revalidateAfter: kept while the verdict is re-emitted from the cache, moved by the next real check', async () => {
      // an interval shorter than the hour: the resolution is the interval, so each real check moves the time
      const { clock, sets, pass } = clocked({ config: { ...DEFAULT_DRIFT_CONFIG, revalidateAfterMs: 30 * MINUTE } });
      expect((await pass()).metadata.annotations?.[LAST_CHECKED]).toBe(iso(t0));
      repo.resetRequests();
      clock.ms = t0 + 20 * MINUTE;
      expect((await pass()).metadata.annotations?.[LAST_CHECKED]).toBe(iso(t0));
      expect(repo.requests).toEqual([]);
      expect(sets).toHaveLength(1);
      clock.ms = t0 + 31 * MINUTE;
      expect((await pass()).metadata.annotations?.[LAST_CHECKED]).toBe(iso(t0 + 31 * MINUTE));
      expect(dockerfileRequests().map(r => r.status)).toEqual([304]);
      // and the new time starts a new interval
      repo.resetRequests();
      clock.ms = t0 + 55 * MINUTE;
      expect((await pass()).metadata.annotations?.[LAST_CHECKED]).toBe(iso(t0 + 31 * MINUTE));
      expect(repo.requests).toEqual([]);
    });

    it('keeps the time of the last successful check while reads fail or time out', async () => {
      const { clock, pass } = clocked({ config: { ...DEFAULT_DRIFT_CONFIG, readTimeoutMs: 150 } });
      await pass();
      await repo.setMode('error500');
      clock.ms = t0 + 2 * 60 * MINUTE;
      const failed = await pass();
      expect(failed.metadata.labels?.[LABEL]).toBe('unknown');
      expect(failed.metadata.annotations?.[LAST_CHECKED]).toBe(iso(t0));
      await repo.setMode('up');
      repo.setDelay(1000);
      try {
        clock.ms = t0 + 3 * 60 * MINUTE;
        const slow = await pass();
        expect(JSON.parse(slow.metadata.annotations!['hardened-go.io/dockerfile-findings'])[0]).toMatchObject({ reasonCode: 'timeout' });
        expect(slow.metadata.annotations?.[LAST_CHECKED]).toBe(iso(t0));
      } finally {
        repo.setDelay(0);
      }
      // back: the recovering 304 is a real check, past the hour, so the time moves
      clock.ms = t0 + 4 * 60 * MINUTE;
      expect((await pass()).metadata.annotations?.[LAST_CHECKED]).toBe(iso(t0 + 4 * 60 * MINUTE));
    });

    it('is absent while no file was ever checked, and the oldest of the files\' times with several', async () => {
      const two = service({ 'hardened-go.io/dockerfile-path': 'Dockerfile,worker.Dockerfile' });
      repo.deleteFile('api/worker.Dockerfile');
      const { clock, pass } = clocked();
      expect((await pass(service({ 'hardened-go.io/dockerfile-path': 'missing/Dockerfile' }))).metadata.annotations).not.toHaveProperty([LAST_CHECKED]);
      // worker.Dockerfile missing: only Dockerfile has a time
      expect((await pass(two)).metadata.annotations?.[LAST_CHECKED]).toBe(iso(t0));
      try {
        repo.setFile('api/worker.Dockerfile', compliant);
        clock.ms = t0 + 10 * MINUTE;
        expect((await pass(two)).metadata.annotations?.[LAST_CHECKED]).toBe(iso(t0));
        // Dockerfile's time is an hour old and moves; worker.Dockerfile's (51 minutes) stays and is now the oldest
        clock.ms = t0 + 61 * MINUTE;
        expect((await pass(two)).metadata.annotations?.[LAST_CHECKED]).toBe(iso(t0 + 10 * MINUTE));
      } finally {
        repo.deleteFile('api/worker.Dockerfile');
      }
    });

    it('is removed, like every key the processor owns, from an entity it does not check', async () => {
      const { p } = processor();
      const handWritten = service({ [LAST_CHECKED]: '2026-12-02T10:00:00.000Z' }, 'website');
      const out = await run(p, new PassCache(), handWritten);
      expect(out.metadata.annotations).not.toHaveProperty([LAST_CHECKED]);
      expect(out.metadata.annotations?.['backstage.io/managed-by-location']).toBeDefined();
    });
  });

  describe("the build context's go.mod (GDS018)", () => {
    const goMod = (go: string) => `module example.com/api\n\ngo ${go}\n`;
    const rules = (e: Entity) => (JSON.parse(e.metadata.annotations!['hardened-go.io/dockerfile-findings'])[0].findings as Array<{ rule: string }>).map((f) => f.rule);

    it('reads go.mod beside the Dockerfile: a newer Go than the image is drifted; an unchanged pass revalidates both with 304s', async () => {
      repo.setFile('api/go.mod', goMod('1.27.0'));
      const { p } = processor();
      const cache = new PassCache();
      const first = await run(p, cache);
      expect(first.metadata.labels?.[LABEL]).toBe('drifted');
      expect(rules(first)).toEqual(['GDS018']);
      repo.resetRequests();
      const second = await run(p, cache);
      expect(second.metadata).toEqual(first.metadata);
      expect(repo.requests.map((r) => [r.path, r.status])).toEqual([['/api/go.mod', 304], ['/api/Dockerfile', 304]]);
    });

    it('a go.mod bumped on its own re-checks the unchanged Dockerfile on the next pass', async () => {
      repo.setFile('api/go.mod', goMod('1.26.3'));
      const { p } = processor();
      const cache = new PassCache();
      expect((await run(p, cache)).metadata.labels?.[LABEL]).toBe('compliant');
      repo.setFile('api/go.mod', goMod('1.27.0'));
      repo.resetRequests();
      const bumped = await run(p, cache);
      expect(bumped.metadata.labels?.[LABEL]).toBe('drifted');
      // the cached verdict was made with the old go.mod: the Dockerfile is read in full again
      expect(repo.requests.map((r) => [r.path, r.status, r.conditional])).toEqual([['/api/go.mod', 200, true], ['/api/Dockerfile', 200, false]]);
      repo.deleteFile('api/go.mod');
      expect((await run(p, cache)).metadata.labels?.[LABEL]).toBe('compliant');
    });

    it('looks for a missing go.mod once a day, not on every pass', async () => {
      let now = new Date('2026-12-02T10:00:00Z');
      const { p } = processor({ now: () => now });
      const cache = new PassCache();
      await run(p, cache);
      await run(p, cache);
      await run(p, cache);
      expect(repo.count('api/go.mod')).toBe(1);
      // it appears; the next day it is found and compared
      repo.setFile('api/go.mod', goMod('1.27.0'));
      now = new Date('2026-12-03T00:30:00Z');
      const next = await run(p, cache);
      expect(repo.count('api/go.mod')).toBe(2);
      expect(next.metadata.labels?.[LABEL]).toBe('drifted');
    });

    it('reads it from hardened-go.io/build-context instead, and refuses a context that leaves the repository', async () => {
      repo.setFile('go.mod', goMod('1.99'));
      const { p } = processor();
      const atRoot = await run(p, new PassCache(), service({ 'hardened-go.io/build-context': '..' }));
      expect(atRoot.metadata.labels?.[LABEL]).toBe('unknown');
      expect(atRoot.metadata.annotations?.['hardened-go.io/dockerfile-reason']).toContain('hardened-go.io/build-context must be a repository directory without ".."');
      const entity: Entity = { ...service(), metadata: { ...service().metadata, annotations: { 'backstage.io/source-location': `url:${repo.url('')}`, 'hardened-go.io/dockerfile-path': 'api/Dockerfile', 'hardened-go.io/build-context': '.' } } };
      const context = await run(p, new PassCache(), entity);
      expect(rules(context)).toEqual(['GDS018']);
      expect(repo.count('go.mod', 200)).toBe(1);
    });

    it('a go.mod over 4 MiB is not downloaded whole, and is a finding, never compliant', async () => {
      repo.setFile('api/go.mod', `module m\ngo 1.22\n${'// x\n'.repeat(1_200_000)}`);
      const { p } = processor();
      const e = await run(p, new PassCache());
      expect(e.metadata.labels?.[LABEL]).toBe('drifted');
      expect(JSON.parse(e.metadata.annotations!['hardened-go.io/dockerfile-findings'])[0].findings[0].message).toContain('go.mod is larger than 4194304 bytes');
    });

    it('a go.mod it cannot read is a finding, never compliant', async () => {
      repo.setFile('api/go.mod', 'module m\ngo one\n');
      const { p } = processor();
      const e = await run(p, new PassCache());
      expect(e.metadata.labels?.[LABEL]).toBe('drifted');
      expect(rules(e)).toEqual(['GDS018']);
    });
  });
});
