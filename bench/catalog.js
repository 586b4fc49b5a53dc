'use strict';
/**
 * Catalog steady state: `node bench/catalog.js <entities> <intervalSeconds>` prints one JSON line.
 *
 * A real catalog backend (test/support/catalogBackend.ts: createBackend, catalog plugin,
 * in-memory SQLite, real UrlReader) ingests <entities> Go services whose Dockerfiles (the
 * real-world corpus, cycled) are served with ETags by the loopback repository server of the
 * test suites, running in a child process so its CPU is not counted as the catalog's.
 *
 * Backend A runs the drift processor, built by its own public factory
 * (DockerfileDriftProcessor.fromConfig, exactly what the module's 10-line registration does)
 * inside a thin wrapper that times every postProcessEntity call. Both backends also run a
 * loop counter (a no-op processor that notes which entities were processed) to know when a
 * full processing loop is done. Backend B is the same catalog without the drift processor.
 *
 * Cold pass (A): from registering the location until every service has its compliance label.
 * Warm pass (A, then B): from a reset until every service was processed again; Dockerfile
 * requests by status, and the backend process's CPU time per processed entity. The module's
 * added time per entity = CPU per processed entity in A minus in B (the catalog's own work).
 */
const { fork } = require('node:child_process');
const inspector = require('node:inspector');
const path = require('node:path');
const { functionTotals, packageTotals } = require('./lib/cpuProfile');
const { installTsRequire } = require('./lib/tsRequire');

installTsRequire();
process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'error';

const { startCatalogBackend, eventually } = require('../test/support/catalogBackend.ts');
const { createBackendModule, coreServices } = require('@backstage/backend-plugin-api');
const { catalogProcessingExtensionPoint } = require('@backstage/plugin-catalog-node');
const { DockerfileDriftProcessor, LABEL_COMPLIANCE } = require('@hardened-go/plugin-catalog-backend-module-dockerfile-drift');

const entities = Number(process.argv[2] ?? 2000);
const intervalSeconds = Number(process.argv[3] ?? 15);

/** What the two bench processors observe, read directly (same process). */
const observed = {
  processed: new Map(), // component name -> times processed since reset
  driftCallsMs: [], // wall time of each drift postProcessEntity call since reset
  reset() {
    this.processed.clear();
    this.driftCallsMs = [];
  },
};

const loopCounter = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'bench-loop-counter',
  register(env) {
    env.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addProcessor({
          getProcessorName: () => 'BenchLoopCounter',
          async postProcessEntity(entity) {
            if (entity.kind === 'Component') observed.processed.set(entity.metadata.name, (observed.processed.get(entity.metadata.name) ?? 0) + 1);
            return entity;
          },
        });
      },
    });
  },
});

const timedDrift = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'bench-dockerfile-drift-timed',
  register(env) {
    env.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint, config: coreServices.rootConfig, reader: coreServices.urlReader, logger: coreServices.logger },
      async init({ catalog, config, reader, logger }) {
        const inner = DockerfileDriftProcessor.fromConfig(config, { reader, logger });
        catalog.addProcessor({
          // Same name: the catalog scopes the processor cache (ETags, verdicts) by it.
          getProcessorName: () => inner.getProcessorName(),
          async postProcessEntity(entity, location, emit, cache) {
            const t0 = process.hrtime.bigint();
            try {
              return await inner.postProcessEntity(entity, location, emit, cache);
            } finally {
              observed.driftCallsMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
            }
          },
        });
      },
    });
  },
});

function startRepoChild() {
  const child = fork(path.join(__dirname, 'lib', 'repoServerProcess.js'), [String(entities)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiters = [];
  child.on('message', msg => {
    const i = waiters.findIndex(w => w.reply === msg.reply);
    if (i >= 0) waiters.splice(i, 1)[0].resolve(msg);
  });
  const ask = (cmd, reply = cmd) =>
    new Promise(resolve => {
      waiters.push({ reply, resolve });
      if (cmd !== 'ready') child.send({ cmd });
    });
  return { child, ready: ask('ready'), counts: () => ask('counts'), reset: () => ask('reset'), close: () => child.send({ cmd: 'close' }) };
}

const quantile = (xs, q) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function labelledCount(backend) {
  const res = await backend.get(`/entities/by-query?filter=${encodeURIComponent(`kind=component,metadata.labels.${LABEL_COMPLIANCE}`)}&limit=1&fields=metadata.name`);
  return res.totalItems;
}

/** One warm loop: every service processed again after a reset. */
async function warmPass(repo) {
  // Settle: let in-flight work of the previous loop finish before the window opens.
  await new Promise(r => setTimeout(r, 1000));
  await repo.reset();
  observed.reset();
  const cpu0 = cpuMs();
  const t0 = Date.now();
  await eventually('a full warm loop', async () => (observed.processed.size >= entities ? true : undefined), (intervalSeconds * 4 + 120) * 1000, 50);
  const cpu = cpuMs() - cpu0;
  const seconds = (Date.now() - t0) / 1000;
  const processedCalls = [...observed.processed.values()].reduce((a, b) => a + b, 0);
  const requests = await repo.counts();
  return { seconds, cpuMs: cpu, processedCalls, cpuMsPerProcessedEntity: cpu / processedCalls, requests, driftCallsMs: observed.driftCallsMs };
}

function post(session, method, params) {
  return new Promise((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))));
}

/** A warm loop under the sampling profiler: busy self time per package, per processed entity (us). */
async function profiledWarmPass(repo) {
  const session = new inspector.Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: 200 });
  await post(session, 'Profiler.start');
  const pass = await warmPass(repo);
  const { profile } = await post(session, 'Profiler.stop');
  session.disconnect();
  const perEntity = new Map();
  for (const [pkg, us] of packageTotals(profile)) perEntity.set(pkg, us / pass.processedCalls);
  const ownFunctions = [...functionTotals(profile, 'plugins/')]
    .sort((x, y) => y[1] - x[1])
    .slice(0, 8)
    .map(([name, us]) => ({ name, usPerEntity: Math.round((us / pass.processedCalls) * 10) / 10 }));
  return { perEntity, ownFunctions };
}

/** What the module adds per entity, by package: profile A minus profile B, largest first. */
function profileDifference(profileA, profileB, top = 12) {
  const a = profileA.perEntity;
  const b = profileB.perEntity;
  const names = new Set([...a.keys(), ...b.keys()]);
  const diff = [...names].map(name => ({ name, usPerEntity: Math.round(((a.get(name) ?? 0) - (b.get(name) ?? 0)) * 10) / 10 }));
  const busy = m => Math.round([...m.values()].reduce((x, y) => x + y, 0) * 10) / 10;
  return {
    busyUsPerEntityWithModule: busy(a),
    busyUsPerEntityWithoutModule: busy(b),
    addedByPackage: diff.sort((x, y) => y.usPerEntity - x.usPerEntity).slice(0, top),
    hardenedGoFunctionsWithModule: profileA.ownFunctions,
  };
}

async function run(withDrift, repoInfo, repo) {
  const backend = await startCatalogBackend({
    config: {
      backend: { reading: { allow: [{ host: repoInfo.host }] } },
      catalog: { processingInterval: { seconds: intervalSeconds }, rules: [{ allow: ['Component', 'Location'] }] },
    },
    features: [require('@backstage/plugin-catalog-backend').default, loopCounter, ...(withDrift ? [timedDrift] : [])],
  });
  try {
    await repo.reset();
    observed.reset();
    const t0 = Date.now();
    await backend.post('/locations', { type: 'url', target: `${repoInfo.baseUrl}/catalog.yaml` });
    let cold;
    if (withDrift) {
      await eventually('every service labelled', async () => ((await labelledCount(backend)) >= entities ? true : undefined), 20 * 60_000, 500);
      const facets = await backend.get(`/entity-facets?facet=${encodeURIComponent(`metadata.labels.${LABEL_COMPLIANCE}`)}&filter=kind=component`);
      cold = {
        secondsToAllLabelled: (Date.now() - t0) / 1000,
        requests: await repo.counts(),
        labels: Object.fromEntries(Object.values(facets.facets)[0].map(f => [f.value, f.count])),
      };
    } else {
      await eventually('every service processed', async () => (observed.processed.size >= entities ? true : undefined), 20 * 60_000, 250);
      cold = { secondsToAllProcessed: (Date.now() - t0) / 1000 };
    }
    const warm = await warmPass(repo);
    // A second warm loop under the sampling profiler (not the one measured above: the profiler costs CPU).
    const profile = await profiledWarmPass(repo);
    return { cold, warm, profile };
  } finally {
    await backend.stop();
  }
}

async function main() {
  const repo = startRepoChild();
  const repoInfo = await repo.ready;
  try {
    const a = await run(true, repoInfo, repo);
    const b = await run(false, repoInfo, repo);
    const calls = a.warm.driftCallsMs;
    const result = {
      entities,
      processingIntervalSeconds: intervalSeconds,
      method:
        'A real catalog backend (in-memory SQLite) with the drift processor (A) and without it (B); Dockerfiles served with ETags by a loopback server in a child process. ' +
        'Warm pass = from a reset until every service was processed again. Module time per entity = backend CPU per processed entity in A minus in B; ' +
        'the wall time of each drift postProcessEntity call (including its conditional HTTP request and event-loop queueing) is reported beside it. ' +
        'warmLoopProfile: one more warm loop in each backend under the V8 sampling profiler; busy self time per package per processed entity, A minus B = where the module\'s time goes.',
      warmLoopProfile: profileDifference(a.profile, b.profile),
      cold: { ...a.cold, secondsToAllProcessedWithoutModule: b.cold.secondsToAllProcessed },
      warm: {
        seconds: a.warm.seconds,
        processedCalls: a.warm.processedCalls,
        requests: a.warm.requests,
        fullBodyDownloads: a.warm.requests.full200,
        conditionalRequests: a.warm.requests.conditional,
        cpuMsPerEntityWithModule: a.warm.cpuMsPerProcessedEntity,
        cpuMsPerEntityWithoutModule: b.warm.cpuMsPerProcessedEntity,
        moduleCpuMsPerEntity: a.warm.cpuMsPerProcessedEntity - b.warm.cpuMsPerProcessedEntity,
        driftCallWallMs: { calls: calls.length, p50: quantile(calls, 0.5), p95: quantile(calls, 0.95), max: quantile(calls, 1) },
      },
    };
    process.stdout.write(JSON.stringify(result) + '\n');
  } finally {
    repo.close();
  }
}

main().then(
  () => process.exit(0),
  e => {
    console.error(e);
    process.exit(1);
  },
);
