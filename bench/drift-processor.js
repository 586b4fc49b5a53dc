'use strict';
/**
 * The drift processor alone, outside the catalog: `node bench/drift-processor.js <entities>`
 * prints one JSON line. The catalog measurement (bench/catalog.js) shows the module in
 * place but its per-entity CPU difference is noisy (background work of two whole backends);
 * this one isolates what the module costs per entity and pass, sequentially, on the main
 * thread: the real DockerfileDriftProcessor (built by its public fromConfig, as the module
 * does), Backstage's real default UrlReader, the same loopback repository server in a child
 * process, and an in-memory processor cache (the catalog persists it in its database).
 *
 *  - cold pass: every Dockerfile read in full and checked;
 *  - warm passes: the unchanged case, one conditional request answered 304 per entity;
 *  - the conditional request alone (reader.readUrl with the ETag), to separate the HTTP
 *    client's share from the module's own logic;
 *  - with hardenedGo.catalog.revalidateAfter set (1 h): a seeding pass, then warm passes that
 *    re-emit the cached verdicts, and the requests they sent (the server counts them).
 * CPU = this process's user + system time per entity (the server's is in its own process).
 */
const { fork } = require('node:child_process');
const inspector = require('node:inspector');
const path = require('node:path');
const { summarize, packageTotals } = require('./lib/cpuProfile');
const { ConfigReader } = require('@backstage/config');
const { UrlReaders } = require('@backstage/backend-defaults/urlReader');
require('./lib/tsRequire').installTsRequire();
const { DockerfileDriftProcessor } = require('@hardened-go/plugin-catalog-backend-module-dockerfile-drift');

const entities = Number(process.argv[2] ?? 2000);
const WARM_PASSES = 3;

const silentLogger = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child() {
    return silentLogger;
  },
};

function startRepoChild() {
  const child = fork(path.join(__dirname, 'lib', 'repoServerProcess.js'), [String(entities)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = new Promise(resolve => child.on('message', msg => msg.reply === 'ready' && resolve(msg)));
  return { child, ready };
}

const cpuUs = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timed(list, fn) {
  const c0 = cpuUs();
  const t0 = process.hrtime.bigint();
  for (const item of list) await fn(item);
  return { cpuUsPerEntity: (cpuUs() - c0) / list.length, wallUsPerEntity: Number(process.hrtime.bigint() - t0) / 1e3 / list.length };
}

function post(session, method, params) {
  return new Promise((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))));
}

/** One more warm pass under the sampling profiler: where the per-entity time goes. */
async function profiledPass(items, run) {
  const session = new inspector.Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: 100 });
  await post(session, 'Profiler.start');
  await timed(items, run);
  const { profile } = await post(session, 'Profiler.stop');
  session.disconnect();
  const perEntity = us => Math.round((us / items.length) * 10) / 10;
  const byPackage = [...packageTotals(profile)].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([name, us]) => ({ name, usPerEntity: perEntity(us) }));
  const byFunction = summarize(profile, 60)
    .byFunction.filter(f => !/^\((idle|program)\)|node:inspector/.test(f.name) && !f.name.includes('((idle))'))
    .slice(0, 12)
    .map(f => ({ name: f.name, usPerEntity: perEntity(f.selfMs * 1000) }));
  return { byPackage, byFunction };
}

function ask(child, cmd) {
  return new Promise(resolve => {
    const onMessage = msg => {
      if (msg.reply === cmd) {
        child.off('message', onMessage);
        resolve(msg);
      }
    };
    child.on('message', onMessage);
    child.send({ cmd });
  });
}

async function main() {
  const repo = startRepoChild();
  try {
    const { baseUrl, host } = await repo.ready;
    const config = new ConfigReader({ backend: { baseUrl: 'http://127.0.0.1:7007', reading: { allow: [{ host }] } } });
    const reader = UrlReaders.default({ config, logger: silentLogger });
    const processor = DockerfileDriftProcessor.fromConfig(config, { reader, logger: silentLogger });
    const items = [];
    for (let i = 0; i < entities; i++) {
      const name = `svc-${i}`;
      const store = new Map();
      items.push({
        url: `${baseUrl}/repos/${name}/Dockerfile`,
        cache: { get: async key => store.get(key), set: async (key, value) => void store.set(key, value) },
        entity: {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name, namespace: 'default', annotations: { 'backstage.io/source-location': `url:${baseUrl}/repos/${name}/` } },
          spec: { type: 'service', lifecycle: 'production', owner: `team-${name}` },
        },
      });
    }
    const location = { type: 'url', target: `${baseUrl}/catalog.yaml` };
    const run = item => processor.postProcessEntity(structuredClone(item.entity), location, () => {}, item.cache);
    const clone = timed(items, async item => structuredClone(item.entity)); // the clone each call pays, subtracted below
    const cloneCost = await clone;

    const cold = await timed(items, run);
    const labelled = (await run(items[0])).metadata.labels?.['hardened-go.io/dockerfile-compliance'];
    const warm = [];
    for (let p = 0; p < WARM_PASSES; p++) warm.push(await timed(items, run));
    // The conditional request alone: what any ETag-based check pays (HTTP client, 304 handling).
    const etags = new Map();
    for (const item of items) etags.set(item.url, (await reader.readUrl(item.url)).etag);
    const conditional = [];
    for (let p = 0; p < WARM_PASSES; p++) {
      conditional.push(
        await timed(items, async item => {
          try {
            await reader.readUrl(item.url, { etag: etags.get(item.url) });
            throw new Error(`expected 304 Not Modified for ${item.url}`);
          } catch (e) {
            if (e.name !== 'NotModifiedError') throw e;
          }
        }),
      );
    }
    const profile = await profiledPass(items, run);

    // With the interval: each entity's own cache, seeded by one pass, then passes with no request.
    const withInterval = DockerfileDriftProcessor.fromConfig(
      new ConfigReader({ backend: { baseUrl: 'http://127.0.0.1:7007', reading: { allow: [{ host }] } }, hardenedGo: { catalog: { revalidateAfter: '1h' } } }),
      { reader, logger: silentLogger },
    );
    const intervalItems = items.map(item => {
      const store = new Map();
      return { ...item, cache: { get: async key => store.get(key), set: async (key, value) => void store.set(key, value) } };
    });
    const runInterval = item => withInterval.postProcessEntity(structuredClone(item.entity), location, () => {}, item.cache);
    await timed(intervalItems, runInterval);
    await ask(repo.child, 'reset');
    const intervalWarm = [];
    for (let p = 0; p < WARM_PASSES; p++) intervalWarm.push(await timed(intervalItems, runInterval));
    const intervalRequests = (await ask(repo.child, 'counts')).total;
    const intervalCpu = median(intervalWarm.map(w => w.cpuUsPerEntity)) - cloneCost.cpuUsPerEntity;
    const warmCpu = median(warm.map(w => w.cpuUsPerEntity)) - cloneCost.cpuUsPerEntity;
    const requestCpu = median(conditional.map(w => w.cpuUsPerEntity));
    process.stdout.write(
      JSON.stringify({
        entities,
        warmPasses: WARM_PASSES,
        sampleLabel: labelled,
        coldCpuMsPerEntity: (cold.cpuUsPerEntity - cloneCost.cpuUsPerEntity) / 1000,
        coldWallMsPerEntity: cold.wallUsPerEntity / 1000,
        warmCpuMsPerEntity: warmCpu / 1000,
        warmWallMsPerEntity: median(warm.map(w => w.wallUsPerEntity)) / 1000,
        conditionalRequestCpuMs: requestCpu / 1000,
        conditionalRequestWallMs: median(conditional.map(w => w.wallUsPerEntity)) / 1000,
        moduleLogicCpuMsPerEntity: (warmCpu - requestCpu) / 1000,
        revalidateAfter: {
          interval: '1h',
          warmCpuMsPerEntity: intervalCpu / 1000,
          warmWallMsPerEntity: median(intervalWarm.map(w => w.wallUsPerEntity)) / 1000,
          requestsInWarmPasses: intervalRequests,
          allWarmPasses: intervalWarm,
        },
        warmPassProfile: profile,
        allWarmPasses: warm,
        allConditionalPasses: conditional,
      }) + '\n',
    );
  } finally {
    repo.child.send({ cmd: 'close' });
  }
}

main().then(
  () => process.exit(0),
  e => {
    console.error(e);
    process.exit(1);
  },
);
