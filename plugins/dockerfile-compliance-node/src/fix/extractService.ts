/**
 * What is specific to a service, read from the model of its Dockerfile: the one Go binary
 * (package, name, tags, -X variables), how it starts (ENTRYPOINT/CMD arguments), and what the
 * final image carries besides it (EXPOSE, LABEL, non-secret ENV, extra files, WORKDIR,
 * VOLUME, HEALTHCHECK). Everything the standard replaces is dropped (with a note); anything
 * that cannot be carried into a scratch image without guessing is a Refusal.
 */
import type { Instruction } from '@hardened-go/plugin-dockerfile-compliance-common';
import type { Policy } from '@hardened-go/plugin-dockerfile-compliance-common';
import type { CopyOp, DockerfileModel, GoBuild, Stage, StageInstruction } from '@hardened-go/plugin-dockerfile-compliance-common';
import type { SimpleCommand } from '@hardened-go/plugin-dockerfile-compliance-common';
import type { HardenContext } from './types';
import { refuse } from './refusals';
import { classifyCommand, installedPackages, PROVIDED_BY_STANDARD, type CommandKind } from './commandKinds';
import { readGoCommandLine, readLdflags, UNSET_REFERENCE, type LdflagsX } from './goCommandLine';
import { basename, dirname, globMatches, normalize, relativeTo, resolveIn } from './paths';
import { isSecretName } from './secrets';
import { dockerWord, shellJoin } from './quoting';

/** A key and a value written as one Dockerfile word (quoted as needed, `$VAR` kept). */
export interface KeptPair {
  key: string;
  value: string;
}

export interface KeptArg {
  name: string;
  /** Default as a Dockerfile word, or undefined for `ARG NAME`. */
  default?: string;
}

export interface FinalCopy {
  /** true: from the build stage's module tree (`/src/...`); false: from the build context. */
  fromBuild: boolean;
  sources: string[];
  dest: string;
  chown?: string;
  chmod?: string;
}

export interface ServiceSpec {
  binaryName: string;
  mainPackage: string;
  buildTags: string[];
  ldflagsX: LdflagsX[];
  buildArgs: KeptArg[];
  buildEnv: KeptPair[];
  buildSteps: string[];
  expose: string[];
  finalArgs: KeptArg[];
  labels: KeptPair[];
  env: KeptPair[];
  finalCopies: FinalCopy[];
  workdir?: string;
  entrypointArgs: string[];
  cmd?: string[];
  volumes: string[];
  healthcheck?: { flags: string[]; cmd: string[] };
  /** STOPSIGNAL of the final image (the signal the service shuts down gracefully on), upper case. */
  stopSignal?: string;
  /** Digest of the build image when the input pinned exactly the image the fixer renders. */
  buildImageDigest?: string;
  notes: string[];
}

/** Go environment variables that change how modules are fetched or built: carried into the build stage. */
const CARRIED_GO_ENV = new Set(['GOPROXY', 'GOPRIVATE', 'GONOPROXY', 'GONOSUMDB', 'GONOSUMCHECK', 'GOINSECURE', 'GOSUMDB', 'GOFLAGS', 'GOEXPERIMENT', 'GOAMD64', 'GOARM', 'GOARM64']);
/** Files the canonical final stage already copies from the build image. */
const STANDARD_FILES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/ssl/certs', '/usr/share/zoneinfo', '/etc/passwd', '/etc/group', '/etc/ssl/cert.pem', '/usr/local/go/lib/time/zoneinfo.zip'];
const DEFAULT_PATH = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
/** Arguments that name a file (config, SQL, certificates) rather than a flag or word. */
const FILE_ARGUMENT = /\.(ya?ml|json|toml|ini|conf|cfg|env|sql|pem|crt|key|html|tmpl)$/i;
const SHELL_SYNTAX = /[$`|&;<>(){}*?~\n\\!]|\[\[/;

/** Settings the Go runtime reads when the service runs: they belong to the final image, not the build. */
const GO_RUNTIME_ENV = new Set(['GOGC', 'GOMEMLIMIT', 'GOMAXPROCS', 'GODEBUG', 'GOTRACEBACK']);

function isGoToolchainVar(name: string): boolean {
  return /^(GO[A-Z0-9_]*|CGO_[A-Z_]+)$/.test(name) && !GO_RUNTIME_ENV.has(name);
}

function at(si: StageInstruction): string {
  return `line ${si.instruction.line}`;
}

function stageLabel(stage: Stage): string {
  return stage.name ? `stage "${stage.name}"` : `stage ${stage.index}`;
}

function excerpt(cmd: SimpleCommand): string {
  const text = cmd.words.join(' ');
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

interface Scope {
  model: DockerfileModel;
  policy: Policy;
  context: HardenContext;
  notes: string[];
}

export function extractService(model: DockerfileModel, policy: Policy, context: HardenContext = {}): ServiceSpec {
  const scope: Scope = { model, policy, context, notes: [] };
  const build = theOneGoBuild(scope);
  const buildStage = build.at.stage;
  const buildChain = new Set(model.chainOf(buildStage));
  const final = model.finalStage;
  const finalChain = model.chainOf(final);
  const singleImage = finalChain.includes(buildStage);

  refuseOtherTargets(scope);
  if (context.repoHasCgo) refuse('cgo', 'the module imports "C" (cgo); a static binary for a scratch image needs CGO_ENABLED=0 and no cgo code');
  const cgo = build.env('CGO_ENABLED');
  if (cgo !== undefined && cgo !== '0') {
    refuse('cgo', `go build at ${at(build.at)} runs with CGO_ENABLED=${cgo}; a scratch image needs a static binary (CGO_ENABLED=0)`);
  }

  if (cgo === undefined) refuseCToolchainBuild(scope, build, buildChain);

  const script = [build.at.instruction.rawArgs, ...build.at.instruction.heredocs.map((h) => h.content)].join('\n');
  if (/(^|[;&|(\s])(if|for|while|until|case)\s/.test(script)) {
    refuse('unsupported-build', `go build at ${at(build.at)} runs inside shell control flow (if/for/while/case); which build actually happens is not visible`);
  }
  const cwd = buildDirectory(scope, build);
  const moduleRoot = findModuleRoot(scope, buildStage, build);
  const line = readGoCommandLine(build.args);
  scope.notes.push(...line.dropped.map((f) => `dropped go build flag ${f} (the standard build sets its own flags)`));
  const { mainPackage, defaultName } = mainPackageOf(scope, build, line.packages, cwd, moduleRoot);
  const outPath = outputPath(build, line.output, cwd, defaultName);

  const ldflags = build.ldflags === null ? { x: [], dropped: [] } : readLdflags(build.ldflags);
  scope.notes.push(...ldflags.dropped.map((f) => `dropped -ldflags ${f} (a CGO_ENABLED=0 binary is static already)`));
  const { ldflagsX, buildArgs } = keepArgReferences(build, ldflags.x);

  const platformFlag = model.chainOf(buildStage).some((s) => s.from.flags.some((f) => f.name === 'platform'));
  // GOOS=linux alone is what the image's platform means anyway: no note for it.
  const goos = build.env('GOOS');
  if (platformFlag || (goos !== undefined && goos !== 'linux') || build.env('GOARCH') !== undefined) {
    scope.notes.push('dropped cross-compilation (FROM --platform, GOOS/GOARCH): the canonical build compiles for the platform the image is built for');
  }
  const buildEnv: KeptPair[] = [];
  if (line.mod === 'vendor') buildEnv.push({ key: 'GOFLAGS', value: '-mod=vendor' });
  if (line.mod === 'vendor' || /(^|\s)-mod=vendor(\s|$)/.test(build.env('GOFLAGS') ?? '')) {
    scope.notes.push('vendored build: the standard\'s go mod download && go mod verify now fetch the modules from GOPROXY as well (the old build read vendor/ only); private modules need GOPROXY/GOPRIVATE settings the build can reach');
  }
  const buildSteps = classifyBuildRuns(scope, buildChain, moduleRoot);
  const buildContextCopies = refuseForeignBuildInputs(scope, buildStage, buildChain, finalChain, moduleRoot, singleImage);

  const spec: ServiceSpec = {
    binaryName: '',
    mainPackage,
    buildTags: build.tags.filter((t) => t !== ''),
    ldflagsX,
    buildArgs,
    buildEnv,
    buildSteps,
    expose: [],
    finalArgs: [],
    labels: [],
    env: [],
    finalCopies: [],
    entrypointArgs: [],
    volumes: [],
    notes: scope.notes,
  };

  const finalBinary = singleImage ? outPath : binaryInFinalImage(scope, buildChain, outPath);
  spec.binaryName = basename(finalBinary);
  // Stages of the final chain after the build stage(s): their files and RUN steps.
  spec.finalCopies = [...buildContextCopies, ...finalCopies(scope, buildChain, moduleRoot, outPath)];
  classifyFinalRuns(scope, buildChain);
  if (singleImage) {
    scope.notes.push('single-stage image: the source tree and the Go toolchain are no longer in the final image, only the binary (copy any file it reads at run time explicitly)');
  }
  carryConfig(scope, spec, buildChain, singleImage);
  if (spec.healthcheck) spec.healthcheck.cmd = [programIs(scope, spec.healthcheck.cmd[0] ?? '', finalBinary, 'HEALTHCHECK'), ...spec.healthcheck.cmd.slice(1)];
  startCommand(scope, spec, finalBinary, singleImage ? [moduleRoot, cwd] : []);
  const workdir = final.endWorkdir;
  if (!singleImage && workdir !== '/' && finalChain.some((s) => !buildChain.has(s) && s.instructions.some((i) => i.instruction.keyword === 'WORKDIR'))) {
    spec.workdir = workdir;
  }
  const directives = Object.keys(model.parsed.directives);
  if (directives.length > 0) scope.notes.push(`dropped the parser directive(s) ${directives.map((d) => `# ${d}=`).join(', ')}: the canonical Dockerfile needs none`);
  const root = model.rootBase(final);
  const oldBase = root.kind === 'scratch' ? 'scratch' : root.ref;
  if (oldBase !== (policy.finalBases[0] ?? 'scratch')) scope.notes.push(`final base ${oldBase} became ${policy.finalBases[0] ?? 'scratch'}`);
  const user = model.effectiveUser(final);
  if (user && `${user.user}${user.group ? `:${user.group}` : ''}` !== policy.user) {
    scope.notes.push(`USER ${user.user}${user.group ? `:${user.group}` : ''} became ${policy.user} (the standard's numeric unprivileged user)`);
  }
  return spec;
}

/** The single Go binary the image ships; refusals for no build, fetched sources and several binaries. */
function theOneGoBuild(scope: Scope): GoBuild {
  const { model } = scope;
  for (const stage of model.stages) {
    for (const si of stage.instructions) {
      if (si.instruction.keyword === 'ONBUILD') {
        refuse('not-go', `ONBUILD at ${at(si)}: this is a base image for other builds, not a service's Dockerfile`);
      }
    }
  }
  const shipped = model.stages.filter((s) => model.shippedStages.has(s));
  const opaque: string[] = [];
  let sawGo = model.goBuilds.length > 0;
  for (const stage of shipped) {
    for (const si of stage.instructions) {
      if (si.instruction.keyword === 'ADD' && si.instruction.args.some((a) => /^git:\/\/|^git@|\.git(#|$)/.test(a))) {
        refuse('remote-source', `ADD at ${at(si)} fetches ${si.instruction.args[0]} from the network instead of the build context`);
      }
      if (si.instruction.keyword !== 'RUN') continue;
      for (const cmd of model.commandsOf(si)) {
        const kind = classifyCommand(cmd);
        if (kind === 'go-build' && cmd.words[1] === 'install' && cmd.words.slice(2).some((w) => !w.startsWith('-') && w.includes('@'))) {
          refuse('remote-source', `\`${excerpt(cmd)}\` at ${at(si)} installs a published module, not this repository's source`);
        }
        if (kind === 'fetch' && cmd.words[1] === 'clone') {
          refuse('remote-source', `\`${excerpt(cmd)}\` at ${at(si)} builds source cloned from git instead of the build context`);
        }
        if (kind === 'opaque-build') opaque.push(`\`${excerpt(cmd)}\` at ${at(si)}`);
        if (kind === 'go-build' || kind === 'go-modules' || kind === 'go-step') sawGo = true;
      }
    }
  }
  if (opaque.length > 0 && model.goBuilds.length === 0) {
    refuse('no-go-build', `the image's binary is built by ${opaque[opaque.length - 1]}; the fixer cannot see which package and flags it builds (write the go build into the Dockerfile, then run fix again)`);
  }
  if (opaque.length > 0) {
    refuse('unsupported-build', `besides go build (${at(model.goBuilds[0].at)}), the image's stages run ${opaque[opaque.length - 1]}, which may build or generate what the image needs and which the fixer cannot see into; fix this file by hand`);
  }
  if (model.goBuilds.length === 0) {
    refuseGoRunAtStart(scope);
    const golang = model.stages.some((s) => s.base.kind === 'image' && /(^|\/)golang$/.test(s.base.repository));
    if (!golang && !sawGo) refuse('not-go', 'no golang build image and no go build: this is not a Go service Dockerfile');
    refuse('no-go-build', 'no go build runs in the stages that make up the image (a prebuilt binary is copied in, or the image is a Go toolchain image)');
  }
  // One entry per distinct package (relative ones resolved against the build's WORKDIR).
  const binaries = new Map<string, string>();
  for (const b of model.goBuilds) {
    const line = readGoCommandLine(b.args.filter((w) => !UNSET_REFERENCE.test(w)));
    const pkgs = line.packages.length === 0 ? ['.'] : line.packages;
    const resolved = (p: string) => (p.startsWith('.') || p.startsWith('/') ? resolveIn(b.at.workdir, p) : p);
    if (pkgs.every((p) => p.endsWith('.go'))) binaries.set(pkgs.map(resolved).join(' '), `${pkgs.join(' ')} (${at(b.at)})`);
    else for (const p of pkgs) binaries.set(resolved(p), `${p.includes('...') ? `${p} (every main package)` : resolved(p)} (${at(b.at)})`);
  }
  // Packages of the build context first: they are the binaries a reader recognises.
  const listed = [...binaries.values()].sort((a, b) => Number(!a.startsWith('/')) - Number(!b.startsWith('/')));
  if (listed.length > 1 || listed.some((d) => d.includes('...'))) {
    const shown = listed.length > 4 ? `${listed.slice(0, 4).join(', ')} and ${listed.length - 4} more` : listed.join(', ');
    refuse('multiple-binaries', `the image builds more than one Go binary: ${shown}; the standard image holds one (split it into one Dockerfile per binary)`);
  }
  const variants = new Set(model.goBuilds.map((b) => `${b.subcommand} ${b.args.join(' ')} ${b.env('CGO_ENABLED') ?? ''}`));
  if (variants.size > 1) {
    refuse('unsupported-build', `the same package is built ${model.goBuilds.length} times with different flags (${model.goBuilds.map((b) => at(b.at)).join(', ')}); which build the image gets is not clear`);
  }
  return model.goBuilds[0];
}

/** `CMD ["go", "run", "main.go"]`: the image compiles the service at every start and holds no binary to carry. */
function refuseGoRunAtStart(scope: Scope): void {
  const { model } = scope;
  for (const keyword of ['ENTRYPOINT', 'CMD']) {
    const si = model.lastInChain(model.finalStage, keyword);
    if (!si) continue;
    const words = si.instruction.json ? si.instruction.args : si.instruction.rawArgs.trim().split(/\s+/);
    const go = words.findIndex((w) => basename(w) === 'go');
    if (go >= 0 && words[go + 1] === 'run') {
      refuse(
        'no-go-build',
        `the image compiles and starts the service with \`${words.slice(go).join(' ')}\` (${keyword} at ${at(si)}) instead of building a binary; build it with go build in the Dockerfile (which package, which flags) and run fix again`,
      );
    }
  }
}

/** Packages that install a C compiler or the C library headers: the reason to install them in a Go build is cgo. */
const C_TOOLCHAIN = new Set(['gcc', 'g++', 'clang', 'build-base', 'musl-dev', 'libc-dev', 'libc6-dev', 'build-essential', 'glibc-devel', 'gcc-c++']);

/**
 * A build stage that installs a C toolchain and leaves CGO_ENABLED unset builds with cgo on
 * (the go command enables cgo when it finds gcc): a dependency such as go-sqlite3 may need it,
 * and the repository's own .go files do not show that. Forcing CGO_ENABLED=0 would be a guess
 * that can break the binary at run time, so the fixer asks for the decision to be written down.
 */
function refuseCToolchainBuild(scope: Scope, build: GoBuild, buildChain: Set<Stage>): void {
  const { model } = scope;
  for (const stage of buildChain) {
    for (const si of stage.instructions) {
      if (si.instruction.keyword !== 'RUN') continue;
      for (const cmd of model.commandsOf(si)) {
        if (classifyCommand(cmd) !== 'packages') continue;
        const toolchain = installedPackages(cmd).filter((p) => C_TOOLCHAIN.has(p));
        if (toolchain.length === 0) continue;
        refuse(
          'cgo',
          `the build stage installs ${toolchain.join(' ')} (${at(si)}), a C toolchain, and go build at ${at(build.at)} does not set CGO_ENABLED, so it builds with cgo on; a dependency may need cgo (go-sqlite3, ...), which a static scratch binary cannot have. If the service builds with CGO_ENABLED=0, write that on the go build line and run fix again`,
        );
      }
    }
  }
}

/** Stages that are neither shipped nor empty aliases are other targets (`--target test`): dropping them would lose them. */
function refuseOtherTargets(scope: Scope): void {
  const { model } = scope;
  const others = model.stages.filter((s) => !model.shippedStages.has(s) && s.instructions.length > 0);
  if (others.length > 0) {
    refuse('other-targets', `the Dockerfile has other build targets (${others.map(stageLabel).join(', ')}) that a rewrite would drop; move them to another Dockerfile first`);
  }
}

/** WORKDIR of the go build, followed through `cd` commands earlier in the same RUN. */
function buildDirectory(scope: Scope, build: GoBuild): string {
  let cwd = build.at.workdir;
  for (const cmd of scope.model.commandsOf(build.at)) {
    if (classifyCommand(cmd) === 'go-build' && cmd.words.slice(2).join('\u0000') === build.args.join('\u0000')) break;
    if (cmd.words[0] === 'cd' && cmd.words[1] !== undefined) cwd = resolveIn(cwd, cmd.words[1]);
  }
  return cwd;
}

/** Where go.mod lands in the build stage (or where the source tree does). */
/**
 * Where the module root lands in the build stage: where the whole context is copied (or
 * bind-mounted), else where go.mod is copied. The canonical build copies the context root to
 * /src, so a module in a subdirectory of the context is a refusal, not a guess.
 */
function findModuleRoot(scope: Scope, buildStage: Stage, build: GoBuild): string {
  const { model } = scope;
  const fromContext = model.copiesInto(buildStage).filter((c) => c.from === null);
  for (const c of fromContext) {
    if (c.sources.some((s) => s === '.' || s === './')) return normalize(c.dest);
  }
  for (const mount of model.mountsOf(build.at)) {
    const type = mount.options.get('type') ?? mount.type ?? 'bind';
    const target = mount.options.get('target') ?? mount.options.get('dst') ?? mount.options.get('destination');
    if ((type === 'bind' || type === '') && !mount.options.has('from') && target !== undefined) {
      const source = mount.options.get('source') ?? mount.options.get('src') ?? '.';
      if (normalize(source) !== '.') refuse('unsupported-build', `go build at ${at(build.at)} bind-mounts ${source} of the build context, not its root; the canonical build expects the module at the context root`);
      return resolveIn(build.at.workdir, target);
    }
  }
  for (const c of fromContext) {
    const goMod = c.sources.find((s) => /(^|\/)go\.(mod|\*|mod\*)$/.test(s) || /(^|\/)go\.\*$/.test(s));
    if (goMod === undefined) continue;
    if (normalize(goMod).includes('/')) {
      refuse('unsupported-build', `the module's go.mod is copied from ${goMod} (${at(c.at)}), a subdirectory of the build context; the canonical build expects go.mod at the context root`);
    }
    const rawDest = c.at.instruction.args[c.at.instruction.args.length - 1] ?? '';
    if (c.sources.length > 1 || /\/$|^\.$/.test(rawDest)) return normalize(c.dest);
    return basename(c.dest) === 'go.mod' ? dirname(c.dest) : normalize(c.dest);
  }
  return refuse('unsupported-build', `the build stage copies neither go.mod nor the whole build context (.), so where the module of go build at ${at(build.at)} comes from is unknown`);
}

function mainPackageOf(scope: Scope, build: GoBuild, packages: string[], cwd: string, moduleRoot: string): { mainPackage: string; defaultName: string } {
  const pkgs = packages.length === 0 ? ['.'] : packages;
  const modulePath = scope.context.goModulePath;
  const inside = (abs: string): string => {
    const rel = relativeTo(moduleRoot, abs);
    if (rel === null) refuse('unsupported-build', `go build at ${at(build.at)} builds ${abs}, outside the module root ${moduleRoot}`);
    return rel === '' ? '.' : `./${rel}`;
  };
  if (pkgs.every((p) => p.endsWith('.go'))) {
    const files = pkgs.map((p) => resolveIn(cwd, p));
    const dirs = new Set(files.map(dirname));
    if (dirs.size > 1) refuse('multiple-binaries', `go build at ${at(build.at)} compiles files from several directories (${pkgs.join(' ')})`);
    const defaultName = basename(files[0]).replace(/\.go$/, '');
    if (files.length === 1) return { mainPackage: inside(files[0]), defaultName };
    scope.notes.push(`go build of the files ${pkgs.join(' ')} became a build of their package directory`);
    return { mainPackage: inside([...dirs][0]), defaultName };
  }
  const pkg = pkgs[0];
  let abs: string;
  if (pkg.startsWith('.') || pkg.startsWith('/')) abs = resolveIn(cwd, pkg);
  else if (modulePath && (pkg === modulePath || pkg.startsWith(`${modulePath}/`))) abs = resolveIn(moduleRoot, `.${pkg.slice(modulePath.length)}`);
  else {
    return refuse('remote-source', `go ${build.subcommand} at ${at(build.at)} builds the import path ${pkg} (GOPATH mode or another module), not a package of the build context's module`);
  }
  const mainPackage = inside(abs);
  const defaultName = mainPackage === '.' && modulePath ? basename(modulePath.replace(/\/v\d+$/, '')) : basename(abs);
  return { mainPackage, defaultName };
}

function outputPath(build: GoBuild, output: string | null, cwd: string, defaultName: string): string {
  if (output !== null) return output.endsWith('/') ? resolveIn(cwd, `${output}${defaultName}`) : resolveIn(cwd, output);
  if (build.subcommand === 'build') return resolveIn(cwd, defaultName);
  const gobin = build.env('GOBIN');
  return resolveIn('/', `${gobin || `${build.env('GOPATH') || '/go'}/bin`}/${defaultName}`);
}

/** `-X name=$VERSION` keeps the reference (and declares the ARG) instead of freezing the ARG's default. */
function keepArgReferences(build: GoBuild, xs: LdflagsX[]): { ldflagsX: LdflagsX[]; buildArgs: KeptArg[] } {
  const raw = [build.at.instruction.rawArgs, ...build.at.instruction.heredocs.map((h) => h.content)].join('\n');
  const buildArgs: KeptArg[] = [];
  const ldflagsX = xs.map((x) => {
    const escaped = x.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const m = new RegExp(`${escaped}=((?:\\$\\{?[A-Za-z_][A-Za-z0-9_]*\\}?|[A-Za-z0-9._+:@/-])+)`).exec(raw);
    if (!m || !m[1].includes('$')) return x;
    const value = m[1].replace(/\$([A-Za-z_][A-Za-z0-9_]*)/g, '${$1}');
    for (const ref of value.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)) {
      const name = ref[1];
      if (!build.at.vars.args.has(name)) {
        if (build.at.vars.env.has(name)) return x; // an ENV value: keep the expanded literal
        refuse('unsupported-build', `-ldflags -X ${x.name} uses $${name}, which is neither an ARG nor an ENV of the build stage`);
      }
      if (!buildArgs.some((a) => a.name === name)) {
        const def = build.at.vars.args.get(name);
        buildArgs.push({ name, default: def === undefined || def === '' ? undefined : dockerWord(def) });
      }
    }
    return { name: x.name, value };
  });
  return { ldflagsX, buildArgs };
}

/** Build-stage RUNs: carried (go test/vet/generate), dropped (packages, module download), or refused. */
function classifyBuildRuns(scope: Scope, buildChain: Set<Stage>, moduleRoot: string): string[] {
  const steps: string[] = [];
  const { model } = scope;
  const helpers = model.stages.filter((s) => model.shippedStages.has(s) && !buildChain.has(s) && !model.chainOf(model.finalStage).includes(s));
  for (const stage of [...buildChain, ...helpers]) {
    for (const si of stage.instructions) {
      if (si.instruction.keyword !== 'RUN') continue;
      const credentials = model.mountsOf(si).find((m) => m.type === 'secret' || m.type === 'ssh' || m.options.get('type') === 'secret' || m.options.get('type') === 'ssh');
      if (credentials) {
        refuse('unsupported-build', `RUN at ${at(si)} uses a ${credentials.options.get('type') ?? credentials.type} mount (private modules?); the canonical build has no credentials for go mod download, so fix this file by hand`);
      }
      for (const cmd of model.commandsOf(si)) {
        const kind = classifyCommand(cmd);
        if (kind === 'go-step' && buildChain.has(stage)) {
          if (cmd.words.some((w) => /\$\(|`/.test(w))) refuse('unsupported-build', `\`${excerpt(cmd)}\` at ${at(si)} uses a shell command substitution`);
          if (cmd.words.some((w) => /^--?(race|msan|asan)(=|$)/.test(w)) || (cmd.assignments.get('CGO_ENABLED') ?? '0') !== '0') {
            refuse('cgo', `\`${excerpt(cmd)}\` at ${at(si)} needs cgo (a C toolchain the canonical alpine build stage does not install)`);
          }
          const rel = relativeTo(moduleRoot, si.workdir);
          const prefix = rel === null || rel === '' ? '' : `cd ${shellJoin([rel])} && `;
          const env = [...cmd.assignments].filter(([k]) => k !== 'CGO_ENABLED').map(([k, v]) => `${k}=${shellJoin([v])} `).join('');
          const step = `${prefix}${env}${shellJoin(['go', ...cmd.words.slice(1)])}`;
          if (!steps.includes(step)) steps.push(step);
          continue;
        }
        dropOrRefuseBuildCommand(scope, si, cmd, kind);
      }
    }
  }
  return steps;
}

function dropOrRefuseBuildCommand(scope: Scope, si: StageInstruction, cmd: SimpleCommand, kind: CommandKind): void {
  switch (kind) {
    case 'go-build':
    case 'go-modules':
      return;
    case 'go-step':
      scope.notes.push(`dropped \`${excerpt(cmd)}\` (${at(si)}): it ran in a helper stage`);
      return;
    case 'packages':
      if (cmd.words.some((w) => w === 'add' || w === 'install')) {
        const pkgs = installedPackages(cmd).filter((p) => !PROVIDED_BY_STANDARD.has(p));
        if (pkgs.length > 0) scope.notes.push(`dropped build packages ${pkgs.join(' ')} (${at(si)}): a CGO_ENABLED=0 build with go mod download needs none`);
      }
      return;
    case 'housekeeping':
      return;
    default:
      refuse('unsupported-build', `the build runs \`${excerpt(cmd)}\` (${at(si)}), a step the canonical build has no place for; fix this file by hand`);
  }
}

/** Files the build stage takes from other stages or images (not the cross-compile helpers). */
function refuseForeignBuildInputs(scope: Scope, buildStage: Stage, buildChain: Set<Stage>, finalChain: Stage[], moduleRoot: string, singleImage: boolean): FinalCopy[] {
  const { model } = scope;
  const carried: FinalCopy[] = [];
  for (const c of model.copiesInto(buildStage)) {
    if (c.from === null) {
      if (relativeTo(moduleRoot, c.dest) !== null || c.sources.every((src) => /(^|\/)go\.(mod|sum|\*|mod\*|sum\*)$/.test(src))) continue;
      // In a single-stage image a context file outside the module is a run-time file: it moves
      // to the final image. Credentials (.netrc, .gitconfig, .ssh) and multi-stage build inputs
      // would be lost, so they are refusals.
      const credentials = c.sources.some((src) => /(^|\/)\.(netrc|gitconfig|ssh|npmrc|docker)(\/|$)/.test(src)) || /^\/root(\/|$)/.test(c.dest);
      if (singleImage && !credentials && c.heredocSources.length === 0 && c.keyword === 'COPY' && !c.sources.some((src) => /\s/.test(src))) {
        carried.push({ fromBuild: false, sources: c.sources, dest: c.dest });
        continue;
      }
      refuse('foreign-files', `the build stage copies ${c.sources.join(' ')} to ${c.dest} (${at(c.at)}), outside the module; the canonical build only copies the module`);
    }
    if (c.from.kind === 'stage' && buildChain.has(c.from.stage)) continue;
    const source = c.from.kind === 'stage' ? model.rootBase(c.from.stage) : null;
    const fromName = c.from.kind === 'stage' ? stageLabel(c.from.stage) : c.from.name;
    const isXx = (source && source.kind === 'image' && source.repository === 'tonistiigi/xx') || (c.from.kind === 'image' && /tonistiigi\/xx/.test(c.from.name));
    if (isXx) {
      scope.notes.push(`dropped the xx cross-compilation helpers (${at(c.at)}): the canonical build compiles for the platform it runs on`);
      continue;
    }
    if (c.sources.every((s) => /^\/go\/pkg(\/|$)|^\/root\/\.cache(\/|$)/.test(normalize(s)))) {
      scope.notes.push(`dropped the module cache copied from ${fromName} (${at(c.at)}): the canonical build downloads and verifies modules itself`);
      continue;
    }
    if (finalChain.includes(c.at.stage) && !buildChain.has(c.at.stage)) continue;
    refuse('foreign-files', `the build stage copies ${c.sources.join(' ')} from ${fromName} (${at(c.at)}); the canonical build has only the module source`);
  }
  return carried;
}

/** Where the built binary ends up in the final image. */
function binaryInFinalImage(scope: Scope, buildChain: Set<Stage>, outPath: string): string {
  for (const c of scope.model.copiesInto(scope.model.finalStage)) {
    const hit = binaryCopyTarget(scope, c, buildChain, outPath);
    if (hit) return hit;
  }
  return refuse('unsupported-build', `go build writes ${outPath}, but the final image does not copy it from the build stage`);
}

function fromBuild(scope: Scope, c: CopyOp, buildChain: Set<Stage>): boolean {
  if (c.from === null || c.from.kind !== 'stage') return false;
  return scope.model.chainOf(c.from.stage).some((s) => buildChain.has(s));
}

function destIsDirectory(c: CopyOp): boolean {
  const rawDest = c.at.instruction.args[c.at.instruction.args.length - 1] ?? '';
  return c.sources.length > 1 || /\/$/.test(rawDest) || rawDest === '.' || rawDest === '/';
}

function binaryCopyTarget(scope: Scope, c: CopyOp, buildChain: Set<Stage>, outPath: string): string | null {
  if (!fromBuild(scope, c, buildChain)) return null;
  for (const s of c.sources) {
    const src = normalize(s.startsWith('/') ? s : `/${s}`);
    if (src === outPath || (src.includes('*') && globMatches(src, outPath))) {
      return destIsDirectory(c) ? resolveIn(c.dest, basename(outPath)) : normalize(c.dest);
    }
    const rel = relativeTo(src, outPath);
    if (rel !== null && rel !== '') return resolveIn(c.dest, rel);
  }
  return null;
}

/** Extra files of the final image: module files from the build stage or context files are carried. */
function finalCopies(scope: Scope, buildChain: Set<Stage>, moduleRoot: string, outPath: string): FinalCopy[] {
  const { model, policy } = scope;
  const out: FinalCopy[] = [];
  for (const c of model.copiesInto(model.finalStage)) {
    if (buildChain.has(c.at.stage)) continue;
    const flags = c.at.instruction.flags;
    for (const f of flags) {
      if (f.name === 'parents' || f.name === 'exclude') refuse('unsupported-build', `${c.keyword} --${f.name} at ${at(c.at)} is not carried by the canonical final stage`);
    }
    const chmod = flags.find((f) => f.name === 'chmod')?.value ?? undefined;
    const chowned = flags.some((f) => f.name === 'chown');
    if (c.heredocSources.length > 0) refuse('foreign-files', `${c.keyword} at ${at(c.at)} writes an inline heredoc file into the final image; move it into the repository and COPY it`);
    const isBuild = fromBuild(scope, c, buildChain);
    const kept: string[] = [];
    for (const s of c.sources) {
      const src = c.from === null ? s : normalize(s.startsWith('/') ? s : `/${s}`);
      if (c.from !== null && STANDARD_FILES.some((f) => src === f || src === `${f}/`)) continue;
      if (isBuild) {
        if (binaryCopyTarget(scope, { ...c, sources: [s] }, buildChain, outPath)) {
          if (src !== outPath && relativeTo(src, moduleRoot) !== null) {
            refuse('foreign-files', `the final image copies ${src} from the build stage (${at(c.at)}): the binary together with the module's source tree, so which files the service needs at run time is unknown`);
          }
          continue;
        }
        const rel = relativeTo(moduleRoot, src);
        if (rel === null || rel === '') {
          refuse('foreign-files', `the final image copies ${src} from the build stage (${at(c.at)}), which is produced by build steps the canonical build does not run`);
        }
        kept.push(`/src/${rel}`);
        continue;
      }
      if (c.from !== null) {
        const fromName = c.from.kind === 'stage' ? stageLabel(c.from.stage) : c.from.name;
        refuse('foreign-files', `the final image copies ${src} from ${fromName} (${at(c.at)}); the canonical image only carries files of the build stage or the build context`);
      }
      if (c.keyword === 'ADD' && /^[a-z]+:\/\//.test(s)) refuse('foreign-files', `ADD at ${at(c.at)} downloads ${s} into the final image`);
      if (c.keyword === 'ADD' && /\.(tar|tgz|tbz2?|txz|tar\.(gz|bz2|xz|zst))$/.test(s)) {
        refuse('foreign-files', `ADD at ${at(c.at)} unpacks the archive ${s}; COPY would not, so the rewrite cannot keep its meaning`);
      }
      kept.push(s);
    }
    if (kept.length === 0) continue;
    if (kept.some((k) => /\s/.test(k)) || /\s/.test(c.dest)) refuse('cannot-render', `${c.keyword} at ${at(c.at)} has a path with spaces the canonical renderer does not write`);
    if (chowned) scope.notes.push(`${c.keyword} --chown at ${at(c.at)} now owns the files as ${policy.user}, the user the service runs as`);
    if (c.keyword === 'ADD') scope.notes.push(`ADD at ${at(c.at)} became COPY (GDS015)`);
    const dest = destIsDirectory(c) && !c.dest.endsWith('/') ? `${normalize(c.dest)}/` : c.dest;
    out.push({ fromBuild: isBuild, sources: kept, dest, chown: chowned ? policy.user : undefined, chmod });
  }
  return out;
}

/** RUN steps of the final image run in an OS the scratch image does not have: only OS housekeeping may go. */
function classifyFinalRuns(scope: Scope, buildChain: Set<Stage>): void {
  const { model } = scope;
  for (const stage of model.chainOf(model.finalStage)) {
    if (buildChain.has(stage)) continue;
    for (const si of stage.instructions) {
      if (si.instruction.keyword !== 'RUN') continue;
      for (const cmd of model.commandsOf(si)) {
        const kind = classifyCommand(cmd);
        if (kind === 'packages') {
          const runtime = installedPackages(cmd).filter((p) => !PROVIDED_BY_STANDARD.has(p));
          if (runtime.length > 0) {
            refuse('runtime-packages', `the final image installs ${runtime.join(' ')} (${at(si)}); a scratch image cannot provide OS packages the service may need at run time`);
          }
          continue;
        }
        if (kind === 'housekeeping') {
          if (cmd.words[0] === 'mkdir' || cmd.words[0] === 'chown' || cmd.words[0] === 'chmod') {
            scope.notes.push(`dropped \`${excerpt(cmd)}\` (${at(si)}): scratch has no shell; directories the service needs must come from a COPY or be created by the service`);
          }
          continue;
        }
        refuse('needs-shell', `the final image runs \`${excerpt(cmd)}\` (${at(si)}) while it is built; a scratch image has no shell or tools to run it`);
      }
    }
  }
}

/** Variable references in a raw value that are ARGs visible at the instruction. */
function argRefs(si: StageInstruction, raw: string): KeptArg[] {
  const out: KeptArg[] = [];
  for (const m of raw.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) {
    const name = m[1];
    if (!si.vars.args.has(name) || out.some((a) => a.name === name)) continue;
    const def = si.vars.args.get(name);
    out.push({ name, default: def === undefined || def === '' ? undefined : dockerWord(def) });
  }
  return out;
}

function pairsOf(instruction: Instruction): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i + 1 < instruction.args.length; i += 2) out.push([instruction.args[i], instruction.args[i + 1]]);
  return out;
}

/** EXPOSE, LABEL, ENV, VOLUME, HEALTHCHECK and the rest of the final image's configuration. */
function carryConfig(scope: Scope, spec: ServiceSpec, buildChain: Set<Stage>, singleImage: boolean): void {
  const { model } = scope;
  const addArgs = (args: KeptArg[]) => {
    for (const a of args) if (!spec.finalArgs.some((x) => x.name === a.name)) spec.finalArgs.push(a);
  };
  // Build-stage ENV (Go settings) of the build chain, whether or not it is part of the final image.
  for (const stage of buildChain) {
    for (const si of stage.instructions) {
      if (si.instruction.keyword !== 'ENV') continue;
      for (const [key, value] of pairsOf(si.instruction)) {
        if (!isGoToolchainVar(key)) continue;
        if (CARRIED_GO_ENV.has(key)) {
          const kept = key === 'GOFLAGS' ? goflagsKept(model.expandAt(si, value)) : dockerWord(value, true);
          if (kept !== '' && kept !== '""') {
            spec.buildEnv = spec.buildEnv.filter((p) => p.key !== key);
            spec.buildEnv.push({ key, value: kept });
            for (const a of argRefs(si, value)) if (!spec.buildArgs.some((x) => x.name === a.name)) spec.buildArgs.push(a);
          }
        }
      }
    }
  }
  for (const si of model.chainInstructions(model.finalStage)) {
    const inBuild = buildChain.has(si.stage);
    const ins = si.instruction;
    switch (ins.keyword) {
      case 'EXPOSE':
        for (const word of ins.args) {
          const port = model.expandAt(si, word);
          for (const p of port.split(/\s+/).filter(Boolean)) {
            if (!/^\d{1,5}(-\d{1,5})?(\/(tcp|udp|sctp))?$/i.test(p)) refuse('cannot-render', `EXPOSE ${word} at ${at(si)} is not a port the renderer can write`);
            if (!spec.expose.includes(p)) spec.expose.push(p);
          }
        }
        break;
      case 'LABEL':
        for (const [key, value] of pairsOf(ins)) {
          spec.labels = spec.labels.filter((l) => l.key !== key);
          spec.labels.push({ key: dockerWord(key), value: dockerWord(value, true) });
          addArgs(argRefs(si, value));
        }
        break;
      case 'MAINTAINER':
        spec.labels.push({ key: 'maintainer', value: dockerWord(ins.rawArgs, false) });
        scope.notes.push(`MAINTAINER at ${at(si)} became LABEL maintainer (MAINTAINER is deprecated)`);
        break;
      case 'ENV':
        for (const [key, value] of pairsOf(ins)) {
          if (isGoToolchainVar(key)) continue;
          if (inBuild && !singleImage) continue;
          if (isSecretName(key)) {
            scope.notes.push(`dropped ENV ${key} (${at(si)}): a secret does not belong in the image; pass it at run time`);
            continue;
          }
          if (key === 'ZONEINFO') {
            scope.notes.push(`dropped ENV ZONEINFO (${at(si)}): the image has /usr/share/zoneinfo, where Go looks by default`);
            continue;
          }
          if (key === 'PATH' || (key === 'HOME' && singleImage)) {
            scope.notes.push(`dropped ENV ${key} (${at(si)}): it names directories of the old base image`);
            continue;
          }
          spec.env = spec.env.filter((e) => e.key !== key);
          spec.env.push({ key, value: dockerWord(value, true) });
          addArgs(argRefs(si, value));
        }
        break;
      case 'VOLUME':
        for (const word of ins.args) for (const v of model.expandAt(si, word).split(/\s+/).filter(Boolean)) if (!spec.volumes.includes(v)) spec.volumes.push(v);
        break;
      case 'HEALTHCHECK':
        healthcheck(spec, si);
        break;
      case 'STOPSIGNAL': {
        // Image configuration, not a command: it works in scratch and the service's graceful
        // shutdown may depend on it. Docker reads the name case-insensitively, SIG prefix optional.
        const signal = model.expandAt(si, ins.args[0] ?? '').trim().toUpperCase();
        spec.stopSignal = /^\d+$/.test(signal) || signal.startsWith('SIG') ? signal : `SIG${signal}`;
        break;
      }
      default:
        break;
    }
  }
}

function goflagsKept(value: string): string {
  const kept = value.split(/\s+/).filter((f) => /^-mod=|^-buildvcs=/.test(f));
  return kept.length === 0 ? '' : dockerWord(kept.join(' '));
}

function healthcheck(spec: ServiceSpec, si: StageInstruction): void {
  const ins = si.instruction;
  if (ins.args[0]?.toUpperCase() === 'NONE') {
    spec.healthcheck = undefined;
    return;
  }
  // args: [flags..., 'CMD', ...] — the parser keeps HEALTHCHECK flags as instruction flags.
  const cmdIndex = ins.args.findIndex((a) => a.toUpperCase() === 'CMD');
  const cmdWords = cmdIndex >= 0 ? ins.args.slice(cmdIndex + 1) : ins.args;
  if (!ins.json) refuse('needs-shell', `HEALTHCHECK at ${at(si)} is in shell form; a scratch image has no shell to run it`);
  spec.healthcheck = { flags: ins.flags.map((f) => `--${f.name}=${f.value ?? ''}`), cmd: cmdWords };
}

/**
 * The program a start command or health check runs must be the Go binary (found through the
 * final WORKDIR or PATH); returns its path in the rewritten image.
 */
function programIs(scope: Scope, program: string, finalBinary: string, what: string): string {
  const name = basename(program);
  // A bare name is looked up in the image's PATH: an ENV PATH of the final image, then the usual directories.
  const imagePath = (scope.model.finalStage.endVars.env.get('PATH') ?? '').split(':').filter((d) => d.startsWith('/'));
  const searched = [...new Set([...imagePath, ...DEFAULT_PATH])];
  const candidates = program.includes('/') ? [resolveIn(scope.model.finalStage.endWorkdir, program)] : searched.map((d) => resolveIn(d, program));
  if (!candidates.includes(finalBinary)) {
    if (/\.(sh|bash|py|rb|pl)$/.test(program) || /entrypoint|docker-entrypoint|run$/.test(name)) {
      refuse('needs-shell', `${what} starts ${program}, a script, not the Go binary ${finalBinary}; a scratch image cannot run scripts`);
    }
    refuse('unsupported-build', `${what} runs ${program}, not the Go binary ${finalBinary}; the scratch image has nothing else to run`);
  }
  return `/${basename(finalBinary)}`;
}

/** ENTRYPOINT/CMD: exec form whose program is the binary; arguments are kept. */
function startCommand(scope: Scope, spec: ServiceSpec, finalBinary: string, buildTree: string[]): void {
  const { model } = scope;
  const final = model.finalStage;
  const ep = model.lastInChain(final, 'ENTRYPOINT');
  const cmd = model.lastInChain(final, 'CMD');
  const words = (si: StageInstruction): string[] => {
    const ins = si.instruction;
    if (ins.json) return ins.args;
    const line = ins.args[0] ?? ins.rawArgs;
    if (SHELL_SYNTAX.test(line.replace(/"[^"$`\\]*"|'[^']*'/g, ''))) {
      refuse('needs-shell', `${ins.keyword} at ${at(si)} is a shell command (${line.trim()}); a scratch image has no shell to run it`);
    }
    const out: string[] = [];
    for (const m of line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3]);
    scope.notes.push(`${ins.keyword} at ${at(si)} was in shell form; it is exec form now (GDS014)`);
    return out;
  };
  let entry: string[] = [];
  let cmdWords: string[] | undefined;
  if (ep) {
    entry = words(ep);
    if (cmd && ep.instruction.json) {
      if (!cmd.instruction.json) refuse('needs-shell', `CMD at ${at(cmd)} is in shell form, so Docker runs it through /bin/sh -c`);
      cmdWords = words(cmd);
    }
  }
  if (entry.length === 0 && cmd && (!ep || ep.instruction.json)) {
    // No ENTRYPOINT (or `ENTRYPOINT []`): CMD's first word is the program.
    const all = words(cmd);
    entry = all.slice(0, 1);
    cmdWords = all.slice(1);
  }
  if (entry.length === 0 && !cmd) {
    scope.notes.push('the image had no ENTRYPOINT or CMD; it starts the binary now');
  }
  if (entry.length > 0) {
    if (['sh', 'bash', 'ash', 'dash', 'zsh'].includes(basename(entry[0]))) {
      refuse('needs-shell', `the image starts ${entry.join(' ')}; a scratch image has no shell`);
    }
    programIs(scope, entry[0], finalBinary, 'the image');
    spec.entrypointArgs = entry.slice(1);
  }
  if (cmdWords !== undefined && cmdWords.length > 0) spec.cmd = cmdWords;
  for (const arg of [...spec.entrypointArgs, ...(spec.cmd ?? [])]) {
    const path = arg.replace(/^-{1,2}[A-Za-z0-9_.-]+=/, '');
    if (buildTree.length > 0 && !path.startsWith('/') && (/^\.\.?\//.test(path) || FILE_ARGUMENT.test(path))) {
      refuse('foreign-files', `the start command passes ${path}, a file of the single-stage image's source tree that the scratch image would not contain; copy it in a multi-stage Dockerfile first`);
    }
    if (!path.startsWith('/')) continue;
    for (const root of buildTree) {
      if (relativeTo(root, path) !== null) {
        refuse('foreign-files', `the start command passes ${path}, a file of the build tree (${root}) that the scratch image does not contain`);
      }
    }
  }
}
