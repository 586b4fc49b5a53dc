/**
 * The generated service's image, built for real without a container engine (issue 14, item 6).
 *
 * 1. The service: generateGoService, what the "Create new Go service" template's action
 *    (hardened-go:service:create) and `hardened-go new` write, with the portal's policy.
 * 2. The plan: the rendered Dockerfile read through the project's own parser and model
 *    (plugins/dockerfile-compliance-common): the stage that runs `go build` and its flags, the
 *    final stage's `COPY --from=<build stage>` lines and its image configuration (USER,
 *    ENTRYPOINT, CMD, ENV, LABEL, EXPOSE, WORKDIR). A template change is followed.
 * 3. The build: the build stage replayed with the host Go (test/scaffolder's
 *    replayBuildStage) for a target platform, following BuildKit's platform semantics.
 *    `apk add` cannot run here: the files the final stage copies from it (CA bundle,
 *    zoneinfo) and the base image's /etc/passwd and /etc/group are this machine's, standing
 *    in for Alpine's.
 * 4. The image: exactly those files in one layer (tar, owner 0:0, mtime 0, gzip at the default
 *    level, as BuildKit compresses), appended to an empty OCI base with go-containerregistry's
 *    crane (pinned in scripts/install-go-tools.sh), the configuration set with `crane mutate`,
 *    the architectures joined in one index, all in crane's own in-memory registry on
 *    127.0.0.1; pulled as an OCI image layout and measured from its blobs, and its root file
 *    system exported with `crane export`.
 */
import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import * as YAML from 'yaml';
import { buildModel, parseDockerfile, policyFromConfig, type Policy, type StageInstruction } from '@hardened-go/plugin-dockerfile-compliance-common';
import { generateGoService } from '@hardened-go/plugin-dockerfile-compliance-node';
import { readElf, type ElfSummary } from '../../scaffolder/support/elf';
import { platformName, replayBuildStage, type ReplayPlatform, type ReplayResult } from '../../scaffolder/support/replayBuildStage';
import { runCommand, startLoggedProcess, type LoggedProcess } from '../../support/childProcess';
import { freePort } from '../../support/freePort';

export const REPO = path.resolve(__dirname, '..', '..', '..');
export const CRANE = path.join(REPO, '.cache', 'go-tools', 'bin', 'crane');
/** The seed's measured image of a trivial program built with the standard's recipe. */
export const SEED_REFERENCE_IMAGE_BYTES = 2.48e6;
export const PLATFORMS: ReplayPlatform[] = [
  { os: 'linux', arch: 'amd64' },
  { os: 'linux', arch: 'arm64' },
];
/** The environment the replayed build stage starts from: the toolchain on the machine (the image's is exact), no cgo default from here. */
export const GO_ENV: NodeJS.ProcessEnv = { ...process.env, GOTOOLCHAIN: 'local', CGO_ENABLED: undefined, GOOS: undefined, GOARCH: undefined };

/** crane at its pinned version: scripts/install-go-tools.sh installs it when missing (about a minute the first time). */
export async function ensureCrane(): Promise<string> {
  const stamp = path.join(path.dirname(CRANE), '.crane.version');
  const pinned = /^CRANE_VERSION=(\S+)$/m.exec(fs.readFileSync(path.join(REPO, 'scripts', 'install-go-tools.sh'), 'utf8'))?.[1];
  if (!fs.existsSync(CRANE) || !fs.existsSync(stamp) || fs.readFileSync(stamp, 'utf8').trim() !== pinned) {
    await runCommand('bash', [path.join(REPO, 'scripts', 'install-go-tools.sh'), 'crane'], { cwd: REPO, timeoutMs: 10 * 60_000 });
  }
  return CRANE;
}

/** The portal's policy (app-config.yaml), the one the scaffolder renders with. */
export function portalPolicy(): Policy {
  const appConfig = YAML.parse(fs.readFileSync(path.join(REPO, 'app-config.yaml'), 'utf8'));
  return policyFromConfig(appConfig?.hardenedGo?.standard);
}

/** Writes the generated service's repository into `dir`; its name, port and Dockerfile. */
export function writeGeneratedService(dir: string, name = 'image-svc'): { name: string; port: number; dockerfile: string } {
  const service = generateGoService(
    { name, description: 'The image test service.', owner: 'group:default/team-a', repoUrl: `github.com?owner=acme&repo=${name}`, ci: 'github-actions' },
    portalPolicy(),
  );
  for (const file of service.files) {
    fs.mkdirSync(path.dirname(path.join(dir, file.path)), { recursive: true });
    fs.writeFileSync(path.join(dir, file.path), file.content);
  }
  return { name, port: service.params.port, dockerfile: service.files.find(f => f.path === service.dockerfilePath)!.content };
}

export interface ImageConfig {
  user?: string;
  entrypoint?: string[];
  cmd?: string[];
  env: string[];
  labels: Array<[string, string]>;
  /** `8080/tcp`. */
  exposedPorts: string[];
  workdir?: string;
}

export interface FinalStagePlan {
  /** The stage that runs `go build` (its name, or its index). */
  buildStage: string;
  /** The go build as the model reads it: the words after `go build`, where it writes, its cgo setting, its RUN line. */
  goBuild: { args: string[]; output: string; cgoEnabled: string | undefined; trimpath: boolean; ldflags: string | null; runLine: string };
  /** The final stage's `COPY --from=<build stage>` lines: image paths in the build stage, and where they land. */
  copies: Array<{ sources: string[]; dest: string; destIsDirectory: boolean; line: number }>;
  config: ImageConfig;
  /** Final-stage instructions crane cannot set in the configuration (HEALTHCHECK, STOPSIGNAL, ...). */
  notApplied: string[];
}

const commaFree = (words: string[], what: string) => {
  // crane's --entrypoint/--cmd are comma-separated lists
  if (words.some(w => w.includes(','))) throw new Error(`${what} ${JSON.stringify(words)} has a comma: crane cannot set it`);
  return words;
};

/** Reads what the image must contain and how it starts from the Dockerfile, through the project's parser and model. */
export function finalStagePlan(dockerfile: string): FinalStagePlan {
  const parsed = parseDockerfile(dockerfile);
  if (parsed.errors.length > 0) throw new Error(`the Dockerfile does not parse: ${JSON.stringify(parsed.errors)}`);
  const model = buildModel(parsed);
  const final = model.finalStage;
  if (model.rootBase(final).kind !== 'scratch') throw new Error('the final stage is not FROM scratch: only a scratch image is assembled here');
  if (model.goBuilds.length !== 1) throw new Error(`expected one go build in the shipped stages, found ${model.goBuilds.length}`);
  const build = model.goBuilds[0]!;
  if (build.subcommand !== 'build') throw new Error('the build stage runs go install, not go build');
  const buildStage = build.at.stage;
  const oIndex = build.args.findIndex(a => a === '-o' || a.startsWith('-o='));
  const output = oIndex < 0 ? '' : build.args[oIndex]!.startsWith('-o=') ? build.args[oIndex]!.slice(3) : build.args[oIndex + 1]!;
  if (!output.startsWith('/')) throw new Error(`go build writes to ${JSON.stringify(output)}: an absolute -o is expected`);

  const copies: FinalStagePlan['copies'] = [];
  for (const copy of model.copiesInto(final)) {
    const line = copy.at.instruction.line;
    if (copy.keyword !== 'COPY' || copy.from?.kind !== 'stage' || copy.from.stage !== buildStage) {
      throw new Error(`line ${line}: only COPY --from=<the build stage> is assembled here`);
    }
    const flags = copy.at.instruction.flags.filter(f => f.name !== 'from' && f.name !== 'link');
    if (flags.length > 0) throw new Error(`line ${line}: COPY --${flags[0]!.name} is not supported here`);
    copies.push({ sources: copy.sources, dest: copy.dest, destIsDirectory: copy.dest.endsWith('/') || copy.sources.length > 1, line });
  }

  const config: ImageConfig = { env: [], labels: [], exposedPorts: [] };
  const notApplied: string[] = [];
  const execForm = (at: StageInstruction) => (at.instruction.json ? at.instruction.args : ['/bin/sh', '-c', at.instruction.args.join(' ')]);
  const user = model.effectiveUser(final);
  if (user) config.user = user.group === null ? user.user : `${user.user}:${user.group}`;
  const entrypoint = model.lastInChain(final, 'ENTRYPOINT');
  if (entrypoint) config.entrypoint = commaFree(execForm(entrypoint), 'ENTRYPOINT');
  const cmd = model.lastInChain(final, 'CMD');
  if (cmd) config.cmd = commaFree(execForm(cmd), 'CMD');
  for (const at of model.chainInstructions(final)) {
    const { keyword, args } = at.instruction;
    const pairs = () => Array.from({ length: args.length / 2 }, (_, i) => [args[2 * i]!, model.expandAt(at, args[2 * i + 1]!)] as [string, string]);
    if (keyword === 'ENV') config.env.push(...pairs().map(([k, v]) => `${k}=${v}`));
    else if (keyword === 'LABEL') config.labels.push(...pairs());
    else if (keyword === 'EXPOSE') config.exposedPorts.push(...args.map(a => model.expandAt(at, a)).map(p => (p.includes('/') ? p : `${p}/tcp`)));
    else if (keyword === 'WORKDIR') config.workdir = path.posix.resolve(at.workdir, model.expandAt(at, args[0]!));
    else if (['HEALTHCHECK', 'STOPSIGNAL', 'VOLUME', 'ONBUILD', 'SHELL'].includes(keyword)) notApplied.push(`${keyword} (line ${at.instruction.line})`);
  }

  return {
    buildStage: buildStage.name ?? String(buildStage.index),
    goBuild: { args: build.args, output, cgoEnabled: build.env('CGO_ENABLED'), trimpath: build.trimpath, ldflags: build.ldflags, runLine: build.at.instruction.args.join(' ') },
    copies,
    config,
    notApplied,
  };
}

export interface PlatformBuild {
  platform: string;
  replay: ReplayResult;
  /** The binary as the build stage wrote it (the plan's -o, under the replay's root). */
  binary: string;
  binaryBytes: number;
  elf: ElfSummary;
  buildSeconds: number;
  /** The final image's files, laid out as in the image. */
  staging: string;
  /** Every path of the image (directories end with /), sorted, and where each copied file came from. */
  paths: string[];
  /** Each COPY source: where it landed in the image and whether the replayed build stage or this machine provided it. */
  placed: Array<{ source: string; target: string; from: 'build stage' | 'host' }>;
  /** Sum of the regular files' sizes (what a file listing of the image adds up to). */
  contentBytes: number;
  layer: { tarBytes: number; gzip: string; gzipBytes: number; digest: string };
}

/** Every path under `dir`, relative, directories with a trailing slash, sorted. */
export function listTree(dir: string, base = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(dir, base), { withFileTypes: true })) {
    const rel = base ? `${base}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(`${rel}/`, ...listTree(dir, rel));
    else out.push(rel);
  }
  return out.sort();
}

function regularFileBytes(dir: string): number {
  return listTree(dir)
    .map(rel => fs.lstatSync(path.join(dir, rel)))
    .filter(s => s.isFile())
    .reduce((sum, s) => sum + s.size, 0);
}

/** Places `source` (a host path) at `dest` (an image path under `root`) as COPY does: a directory's contents, or the file. */
function copyInto(root: string, source: string, dest: string) {
  const target = path.join(root, dest);
  const real = fs.realpathSync(source); // COPY follows a symlink named as the source; links inside a directory are kept
  fs.mkdirSync(path.dirname(target), { recursive: true });
  if (fs.statSync(real).isDirectory()) fs.cpSync(real, target, { recursive: true, verbatimSymlinks: true });
  else fs.copyFileSync(real, target);
}

/**
 * Replays the build stage for `platform` into `workDir`/root, lays the final stage's files
 * out in `workDir`/image and packs them as one gzip layer `workDir`/layer.tar.gz.
 */
export async function buildForPlatform(options: { dockerfile: string; context: string; plan: FinalStagePlan; platform: ReplayPlatform; workDir: string; env?: NodeJS.ProcessEnv }): Promise<PlatformBuild> {
  const { plan, workDir } = options;
  const root = path.join(workDir, 'root');
  const staging = path.join(workDir, 'image');
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  fs.mkdirSync(staging, { recursive: true });

  const started = process.hrtime.bigint();
  const replay = await replayBuildStage({ dockerfile: options.dockerfile, context: options.context, root, env: options.env ?? GO_ENV, platform: { target: options.platform } });
  const buildSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const binary = path.join(root, plan.goBuild.output);
  if (!fs.existsSync(binary)) throw new Error(`the build stage did not write ${plan.goBuild.output}`);

  const placed: PlatformBuild['placed'] = [];
  for (const copy of plan.copies) {
    for (const source of copy.sources) {
      const replayed = path.join(root, source);
      const fromBuild = fs.existsSync(replayed);
      const hostPath = fromBuild ? replayed : source;
      if (!fs.existsSync(hostPath)) {
        throw new Error(`${source} (COPY on line ${copy.line}) is neither in the replayed build stage nor on this machine (Debian: apt-get install ca-certificates tzdata)`);
      }
      const isDirectory = fs.statSync(hostPath).isDirectory();
      const target = isDirectory || !copy.destIsDirectory ? copy.dest : path.posix.join(copy.dest, path.posix.basename(source));
      copyInto(staging, hostPath, target);
      placed.push({ source, target: target.replace(/(.)\/$/, '$1'), from: fromBuild ? 'build stage' : 'host' });
    }
  }

  const tar = path.join(workDir, 'layer.tar');
  const top = fs.readdirSync(staging).sort();
  // GNU tar: names sorted, owner root, time 0, so the same files give the same layer digest.
  await runCommand('tar', ['--create', '--format=gnu', '--sort=name', '--mtime=@0', '--owner=0', '--group=0', '--numeric-owner', `--file=${tar}`, '-C', staging, ...top], {
    cwd: workDir,
    timeoutMs: 120_000,
  });
  const tarBytes = fs.readFileSync(tar);
  // gzip at the default level (6), as BuildKit compresses layers; crane keeps an already compressed layer as it is.
  const gzipped = zlib.gzipSync(tarBytes, { level: 6 });
  const gzip = `${tar}.gz`;
  fs.writeFileSync(gzip, gzipped);
  fs.rmSync(tar);

  return {
    platform: platformName(options.platform),
    replay,
    binary,
    binaryBytes: fs.statSync(binary).size,
    elf: readElf(fs.readFileSync(binary)),
    buildSeconds,
    staging,
    paths: listTree(staging),
    placed,
    contentBytes: regularFileBytes(staging),
    layer: { tarBytes: tarBytes.length, gzip, gzipBytes: gzipped.length, digest: `sha256:${createHash('sha256').update(gzipped).digest('hex')}` },
  };
}

/** Runs crane; its stdout (trimmed), or an error with its stderr. */
export function crane(args: string[], timeoutMs = 120_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(CRANE, args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`crane ${args.join(' ')} failed (${error.message.split('\n')[0]}):\n${stderr.slice(-4000)}`));
      else resolve(stdout.trim());
    });
  });
}

/** crane's own registry (`crane registry serve`, in memory) on a free loopback port. */
export interface Registry {
  /** `127.0.0.1:<port>/<repository>`. */
  repository: string;
  stop(): Promise<void>;
}

export async function startRegistry(repository = 'hardened-go/image-test'): Promise<Registry> {
  const port = await freePort();
  const server: LoggedProcess = await startLoggedProcess({
    name: 'crane registry',
    command: CRANE,
    args: ['registry', 'serve', '--address', `127.0.0.1:${port}`],
    cwd: REPO,
    env: { PATH: process.env.PATH ?? '' },
    logFile: 'image-registry.log',
  });
  await server.waitForOutput(/serving on port/, 20_000);
  return {
    repository: `127.0.0.1:${port}/${repository}`,
    async stop() {
      await server.stop('SIGTERM', 5_000);
    },
  };
}

/** Appends the layer to an empty OCI base, sets platform and configuration; the digest reference of the result. */
export async function pushImage(registry: Registry, tag: string, layerGzip: string, platform: string, config: ImageConfig): Promise<string> {
  const ref = `${registry.repository}:${tag}`;
  await crane(['append', '--oci-empty-base', '-f', layerGzip, '-t', ref]);
  const mutate = ['mutate', ref, '--set-platform', platform, '-t', ref];
  if (config.user) mutate.push('--user', config.user);
  if (config.entrypoint) mutate.push('--entrypoint', config.entrypoint.join(','));
  if (config.cmd) mutate.push('--cmd', config.cmd.join(','));
  for (const e of config.env) mutate.push('--env', e);
  for (const [k, v] of config.labels) mutate.push('--label', `${k}=${v}`);
  if (config.exposedPorts.length > 0) mutate.push('--exposed-ports', config.exposedPorts.join(','));
  if (config.workdir) mutate.push('--workdir', config.workdir);
  const digestRef = await crane(mutate);
  if (!/@sha256:[0-9a-f]{64}$/.test(digestRef)) throw new Error(`crane mutate printed ${JSON.stringify(digestRef)}, not a digest reference`);
  return digestRef;
}

/** One image index over the per-platform images (crane infers each platform from its config). */
export async function pushIndex(registry: Registry, tag: string, digestRefs: string[]): Promise<string> {
  return crane(['index', 'append', ...digestRefs.flatMap(r => ['-m', r]), '-t', `${registry.repository}:${tag}`]);
}

export interface PlatformSize {
  platform: string;
  manifestDigest: string;
  manifestBytes: number;
  configBytes: number;
  layers: Array<{ digest: string; mediaType: string; bytes: number; uncompressedBytes: number }>;
  /** manifest + config + compressed layers: what a registry stores and a pull downloads. */
  compressedBytes: number;
  /** The layers as tar streams (what the image takes unpacked). */
  uncompressedLayerBytes: number;
  config: { architecture: string; os: string; config: Record<string, unknown> };
}

const blobPath = (layout: string, digest: string) => path.join(layout, 'blobs', ...digest.split(':'));
function readBlob(layout: string, descriptor: { digest: string; size: number }): Buffer {
  const bytes = fs.readFileSync(blobPath(layout, descriptor.digest));
  if (bytes.length !== descriptor.size) throw new Error(`blob ${descriptor.digest}: ${bytes.length} bytes on disk, ${descriptor.size} in its descriptor`);
  if (`sha256:${createHash('sha256').update(bytes).digest('hex')}` !== descriptor.digest) throw new Error(`blob ${descriptor.digest} does not match its digest`);
  return bytes;
}

/** Pulls `ref` (an index) as an OCI image layout into `layout` and measures every platform's image from the blobs. */
export async function pullAndMeasure(ref: string, layout: string): Promise<{ indexBytes: number; platforms: PlatformSize[] }> {
  fs.rmSync(layout, { recursive: true, force: true });
  await crane(['pull', '--format=oci', ref, layout]);
  const top = JSON.parse(fs.readFileSync(path.join(layout, 'index.json'), 'utf8'));
  const indexDescriptor = top.manifests[0];
  const indexBytes = readBlob(layout, indexDescriptor);
  const index = JSON.parse(indexBytes.toString('utf8'));
  const platforms: PlatformSize[] = [];
  for (const m of index.manifests as Array<{ digest: string; size: number; platform?: { os: string; architecture: string } }>) {
    const manifest = JSON.parse(readBlob(layout, m).toString('utf8'));
    const configBytes = readBlob(layout, manifest.config);
    const layers = (manifest.layers as Array<{ digest: string; size: number; mediaType: string }>).map(l => {
      const blob = readBlob(layout, l);
      return { digest: l.digest, mediaType: l.mediaType, bytes: l.size, uncompressedBytes: l.mediaType.endsWith('+gzip') ? zlib.gunzipSync(blob).length : blob.length };
    });
    const config = JSON.parse(configBytes.toString('utf8'));
    platforms.push({
      platform: `${m.platform?.os}/${m.platform?.architecture}`,
      manifestDigest: m.digest,
      manifestBytes: m.size,
      configBytes: configBytes.length,
      layers,
      compressedBytes: m.size + configBytes.length + layers.reduce((s, l) => s + l.bytes, 0),
      uncompressedLayerBytes: layers.reduce((s, l) => s + l.uncompressedBytes, 0),
      config: { architecture: config.architecture, os: config.os, config: config.config ?? {} },
    });
  }
  return { indexBytes: indexBytes.length, platforms };
}

/** The image's root file system for `platform` of the index `ref`, exported by crane and unpacked into `dir` (owners kept). */
export async function exportRootfs(ref: string, platform: string, dir: string): Promise<void> {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const tar = `${dir}.tar`;
  await crane(['export', '--platform', platform, ref, tar]);
  const unpack = spawnSync('tar', ['--extract', '--numeric-owner', '--same-permissions', `--file=${tar}`, '-C', dir], { encoding: 'utf8' });
  fs.rmSync(tar);
  if (unpack.status !== 0) throw new Error(`tar could not unpack the exported file system: ${unpack.stderr}`);
}

export const mb = (bytes: number) => (bytes / 1e6).toFixed(2);
