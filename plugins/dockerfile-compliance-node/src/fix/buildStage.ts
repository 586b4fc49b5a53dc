/** Build-stage analysis: the one go build, where its module and main package are, what it writes, and what the rewritten build keeps. */
import type { GoBuild, Stage } from '@hardened-go/plugin-dockerfile-compliance-common';
import { classifyCommand } from './commandKinds';
import { at, keptArg, type Scope } from './extractScope';
import { refuseCgo, refuseOtherTargets, refuseShellControlFlow, theOneGoBuild } from './goBuildChoice';
import { readGoCommandLine, readLdflags, type LdflagsX } from './goCommandLine';
import { basename, dirname, normalize, relativeTo, resolveIn } from './paths';
import { refuse } from './refusals';
import { classifyBuildRuns, refuseForeignBuildInputs } from './buildSteps';
import type { FinalCopy, KeptArg, KeptPair } from './serviceSpec';

/** What the build stage tells the rewrite. */
export interface BuildStageFacts {
  build: GoBuild;
  /** The build stage and the stages it is built FROM. */
  chain: Set<Stage>;
  /** The final image is the build stage itself (a single-stage Dockerfile). */
  singleImage: boolean;
  /** The go build's working directory, after any `cd` in its RUN. */
  cwd: string;
  /** Where the module root lands in the build stage. */
  moduleRoot: string;
  /** `.` or `./cmd/x`: the package to build, relative to the module root. */
  mainPackage: string;
  /** Where go build writes the binary in the build stage. */
  outPath: string;
  ldflagsX: LdflagsX[];
  buildArgs: KeptArg[];
  buildEnv: KeptPair[];
  buildSteps: string[];
  /** Build-context files of a single-stage image: they move to the final image. */
  contextCopies: FinalCopy[];
}

export function analyseBuildStage(scope: Scope): BuildStageFacts {
  const { model } = scope;
  const build = theOneGoBuild(scope);
  const buildStage = build.at.stage;
  const chain = new Set(model.chainOf(buildStage));
  const finalChain = model.chainOf(model.finalStage);
  const singleImage = finalChain.includes(buildStage);

  refuseOtherTargets(scope);
  refuseCgo(scope, build, chain);
  refuseShellControlFlow(build);
  const cwd = buildDirectory(scope, build);
  const moduleRoot = findModuleRoot(scope, buildStage, build);
  const line = readGoCommandLine(build.args);
  scope.notes.push(...line.dropped.map((f) => `dropped go build flag ${f} (the standard build sets its own flags)`));
  const { mainPackage, defaultName } = mainPackageOf(scope, build, line.packages, cwd, moduleRoot);
  const outPath = outputPath(build, line.output, cwd, defaultName);

  const ldflags = build.ldflags === null ? { x: [], dropped: [] } : readLdflags(build.ldflags);
  scope.notes.push(...ldflags.dropped.map((f) => `dropped -ldflags ${f} (a CGO_ENABLED=0 binary is static already)`));
  const { ldflagsX, buildArgs } = keepArgReferences(build, ldflags.x);

  // The canonical build cross-compiles itself (FROM --platform=$BUILDPLATFORM, GOOS/GOARCH from
  // TARGETOS/TARGETARCH); only a fixed target is worth a note. GOOS=linux alone is what the
  // image's platform means anyway.
  const fixedPlatform = model.chainOf(buildStage).some((s) => s.from.flags.some((f) => f.name === 'platform' && !(f.value ?? '').includes('$')));
  const goos = build.env('GOOS');
  const fixedOs = goos !== undefined && goos !== 'linux' && !fromTargetArg(scope, build, 'GOOS', 'TARGETOS');
  const fixedArch = build.env('GOARCH') !== undefined && !fromTargetArg(scope, build, 'GOARCH', 'TARGETARCH');
  if (fixedPlatform || fixedOs || fixedArch) {
    scope.notes.push(
      'replaced a fixed target (FROM --platform, GOOS/GOARCH) with the standard\'s cross-compilation: the binary is built for the platform the image is built for (docker buildx build --platform)',
    );
  }
  const buildEnv: KeptPair[] = [];
  if (line.mod === 'vendor') buildEnv.push({ key: 'GOFLAGS', value: '-mod=vendor' });
  if (line.mod === 'vendor' || /(^|\s)-mod=vendor(\s|$)/.test(build.env('GOFLAGS') ?? '')) {
    scope.notes.push('vendored build: the standard\'s go mod download && go mod verify now fetch the modules from GOPROXY as well (the old build read vendor/ only); private modules need GOPROXY/GOPRIVATE settings the build can reach');
  }
  const buildSteps = classifyBuildRuns(scope, chain, moduleRoot);
  const contextCopies = refuseForeignBuildInputs(scope, buildStage, chain, finalChain, moduleRoot, singleImage);
  return { build, chain, singleImage, cwd, moduleRoot, mainPackage, outPath, ldflagsX, buildArgs, buildEnv, buildSteps, contextCopies };
}

/**
 * Whether GOOS/GOARCH come from BuildKit's per-platform TARGETOS/TARGETARCH (in the build's
 * RUN or an ENV of its stage chain): the model expands those to the default platform, so the
 * source text is what tells a cross-compiling build from a fixed target.
 */
function fromTargetArg(scope: Scope, build: GoBuild, name: 'GOOS' | 'GOARCH', arg: 'TARGETOS' | 'TARGETARCH'): boolean {
  const pattern = new RegExp(`\\b${name}=["']?\\$\\{?${arg}\\b`);
  if (pattern.test(build.at.instruction.rawArgs)) return true;
  return scope.model.chainOf(build.at.stage).some((s) => s.instructions.some((i) => i.instruction.keyword === 'ENV' && pattern.test(i.instruction.rawArgs)));
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

/** The package go build compiles, relative to the module root, and the binary name go would give it. */
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

/** Where the binary lands: `-o`, else the working directory (go build) or GOBIN / GOPATH/bin (go install). */
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
      if (!buildArgs.some((a) => a.name === name)) buildArgs.push(keptArg(build.at.vars, name));
    }
    return { name: x.name, value };
  });
  return { ldflagsX, buildArgs };
}
