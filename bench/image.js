'use strict';
/**
 * The generated service's real image: `node bench/image.js [--warm]` prints one JSON line.
 *
 * The same steps as test/image (test/image/support/image.ts): the generated service's
 * Dockerfile read through the model, its build stage replayed with the host Go for
 * linux/amd64 and linux/arm64, the final stage's files appended as one layer to an empty OCI
 * base with crane (pinned, scripts/install-go-tools.sh), both images joined in one index in
 * crane's loopback registry, pulled as an OCI layout and measured from its blobs: manifest +
 * config + compressed layer per platform, and the layer unpacked. The host's CA bundle,
 * zoneinfo and passwd/group stand in for Alpine's.
 *
 * Build times per platform: cold (an empty Go build cache, as a first build in CI without a
 * cache mount) and warm (the same cache again, as the Dockerfile's build-cache mount gives a
 * rebuild); `--warm` measures the warm build only. Then the same recipe with a trivial
 * program (`fmt.Println`), the kind of program the seed's 2.48 MB reference image held.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { installTsRequire } = require('./lib/tsRequire');

installTsRequire();
const image = require('../test/image/support/image.ts');
const { platformName } = require('../test/scaffolder/support/replayBuildStage.ts');

const warmOnly = process.argv.includes('--warm');
const TRIVIAL_MAIN = 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hello") }\n';

function sizeFigures(build, size) {
  return {
    platform: build.platform,
    stagePlatform: build.replay.stagePlatform,
    binaryBytes: build.binaryBytes,
    elfMachine: build.elf.machine,
    contentBytes: build.contentBytes,
    compressedBytes: size.compressedBytes,
    manifestBytes: size.manifestBytes,
    configBytes: size.configBytes,
    layerBytes: size.layers.reduce((s, l) => s + l.bytes, 0),
    uncompressedLayerBytes: size.uncompressedLayerBytes,
  };
}

/** Builds every platform's image of the service in `context`, pushes them and the index `tag`, and measures them. */
async function imagesOf({ registry, context, dockerfile, plan, work, tag, env, timeBuilds }) {
  const builds = [];
  const digests = [];
  for (const platform of image.PLATFORMS) {
    const times = {};
    let build;
    if (timeBuilds && !warmOnly) {
      const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-image-gocache-'));
      try {
        build = await image.buildForPlatform({ dockerfile, context, plan, platform, workDir: path.join(work, `${tag}-${platform.arch}`), env: { ...env, GOCACHE: cache } });
        times.coldBuildSeconds = build.buildSeconds;
        build = await image.buildForPlatform({ dockerfile, context, plan, platform, workDir: path.join(work, `${tag}-${platform.arch}`), env: { ...env, GOCACHE: cache } });
        times.warmBuildSeconds = build.buildSeconds;
      } finally {
        fs.rmSync(cache, { recursive: true, force: true });
      }
    } else {
      build = await image.buildForPlatform({ dockerfile, context, plan, platform, workDir: path.join(work, `${tag}-${platform.arch}`), env });
      if (timeBuilds) times.warmBuildSeconds = build.buildSeconds;
    }
    builds.push({ build, times });
    digests.push(await image.pushImage(registry, `${tag}-${platform.arch}`, build.layer.gzip, platformName(platform), plan.config));
  }
  await image.pushIndex(registry, tag, digests);
  const measured = await image.pullAndMeasure(`${registry.repository}:${tag}`, path.join(work, `${tag}-layout`));
  return {
    indexBytes: measured.indexBytes,
    platforms: builds.map(({ build, times }) => ({ ...sizeFigures(build, measured.platforms.find(p => p.platform === build.platform)), ...times })),
  };
}

async function main() {
  await image.ensureCrane();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-image-'));
  const registry = await image.startRegistry('hardened-go/bench');
  try {
    const context = path.join(work, 'service');
    fs.mkdirSync(context);
    const service = image.writeGeneratedService(context, 'bench-svc');
    const plan = image.finalStagePlan(service.dockerfile);
    const generated = await imagesOf({ registry, context, dockerfile: service.dockerfile, plan, work, tag: 'service', env: image.GO_ENV, timeBuilds: true });

    // The same Dockerfile and build line around a hello-world.
    const trivialContext = path.join(work, 'trivial');
    fs.cpSync(context, trivialContext, { recursive: true });
    fs.rmSync(path.join(trivialContext, 'main_test.go'));
    fs.writeFileSync(path.join(trivialContext, 'main.go'), TRIVIAL_MAIN);
    const trivial = await imagesOf({ registry, context: trivialContext, dockerfile: service.dockerfile, plan, work, tag: 'trivial', env: image.GO_ENV, timeBuilds: false });

    process.stdout.write(
      JSON.stringify({
        crane: execFileSync(image.CRANE, ['version'], { encoding: 'utf8' }).trim(),
        goBuild: plan.goBuild.runLine,
        finalStageCopies: plan.copies.flatMap(c => c.sources),
        imageConfig: plan.config,
        compression: 'gzip level 6 (the default), one layer; appended to an empty OCI base by crane',
        standIns: 'CA bundle, zoneinfo, /etc/passwd and /etc/group from this host (Alpine\'s in a real build)',
        seedReferenceImageBytes: image.SEED_REFERENCE_IMAGE_BYTES,
        service: generated,
        trivialProgram: { program: 'fmt.Println("hello"), the same Dockerfile and go build line', ...trivial },
      }) + '\n',
    );
  } finally {
    await registry.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  e => {
    console.error(e);
    process.exit(1);
  },
);
