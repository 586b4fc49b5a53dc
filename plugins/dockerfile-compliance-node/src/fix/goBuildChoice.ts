/** Which go build the image ships, or a refusal: no build, fetched sources, several binaries, other targets, cgo, shell control flow. */
import type { DockerfileModel, GoBuild, Stage } from '@hardened-go/plugin-dockerfile-compliance-common';
import { stageLabel } from '@hardened-go/plugin-dockerfile-compliance-common';
import { classifyCommand, installedPackages } from './commandKinds';
import { at, excerpt, type Scope } from './extractScope';
import { readGoCommandLine, UNSET_REFERENCE } from './goCommandLine';
import { basename, resolveIn } from './paths';
import { refuse } from './refusals';

/** The single Go binary the image ships; refusals for no build, fetched sources and several binaries. */
export function theOneGoBuild(scope: Scope): GoBuild {
  const { model } = scope;
  refuseBaseImageFile(model);
  const { opaque, sawGo } = scanShippedStages(scope);
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
  refuseSeveralBinaries(scope);
  return model.goBuilds[0];
}

/**
 * Files the fixer must not touch at all, by edits or by a rewrite: a base image for other
 * builds (ONBUILD), or no Go in it at all.
 */
export function refuseUntouchable(model: DockerfileModel): void {
  refuseBaseImageFile(model);
  if (model.goBuilds.length > 0 || model.stages.some((s) => s.base.kind === 'image' && /(^|\/)golang$/.test(s.base.repository))) return;
  for (const stage of model.stages) {
    for (const si of stage.instructions) {
      if (si.instruction.keyword === 'RUN' && model.commandsOf(si).some((c) => GO_KINDS.has(classifyCommand(c)))) return;
    }
  }
  refuse('not-go', 'no golang build image and no go command: this is not a Go service Dockerfile');
}

const GO_KINDS: ReadonlySet<string> = new Set(['go-build', 'go-modules', 'go-step']);

/** ONBUILD makes the file a base image for other builds, not a service's Dockerfile. */
function refuseBaseImageFile(model: DockerfileModel): void {
  for (const stage of model.stages) {
    for (const si of stage.instructions) {
      if (si.instruction.keyword === 'ONBUILD') {
        refuse('not-go', `ONBUILD at ${at(si)}: this is a base image for other builds, not a service's Dockerfile`);
      }
    }
  }
}

/**
 * The shipped stages' sources and builds: refuses source fetched from the network; returns the
 * builds the fixer cannot see into (make, scripts) and whether any Go command runs.
 */
function scanShippedStages(scope: Scope): { opaque: string[]; sawGo: boolean } {
  const { model } = scope;
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
        if (GO_KINDS.has(kind)) sawGo = true;
      }
    }
  }
  return { opaque, sawGo };
}

/** The standard image holds one binary: several packages, or one package built differently, are refusals. */
function refuseSeveralBinaries(scope: Scope): void {
  const { model } = scope;
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

/** Stages that are neither shipped nor empty aliases are other targets (`--target test`): dropping them would lose them. */
export function refuseOtherTargets(scope: Scope): void {
  const { model } = scope;
  const others = model.stages.filter((s) => !model.shippedStages.has(s) && s.instructions.length > 0);
  if (others.length > 0) {
    refuse('other-targets', `the Dockerfile has other build targets (${others.map(stageLabel).join(', ')}) that a rewrite would drop; move them to another Dockerfile first`);
  }
}

/** Packages that install a C compiler or the C library headers: the reason to install them in a Go build is cgo. */
const C_TOOLCHAIN = new Set(['gcc', 'g++', 'clang', 'build-base', 'musl-dev', 'libc-dev', 'libc6-dev', 'build-essential', 'glibc-devel', 'gcc-c++']);

/** A scratch image needs a static binary: cgo in the module, CGO_ENABLED=1, or a C toolchain with cgo left on are refusals. */
export function refuseCgo(scope: Scope, build: GoBuild, buildChain: Set<Stage>): void {
  if (scope.context.repoHasCgo) refuse('cgo', 'the module imports "C" (cgo); a static binary for a scratch image needs CGO_ENABLED=0 and no cgo code');
  const cgo = build.env('CGO_ENABLED');
  if (cgo !== undefined && cgo !== '0') {
    refuse('cgo', `go build at ${at(build.at)} runs with CGO_ENABLED=${cgo}; a scratch image needs a static binary (CGO_ENABLED=0)`);
  }
  if (cgo === undefined) refuseCToolchainBuild(scope, build, buildChain);
}

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

/** A go build inside if/for/while/case: which build actually happens is not visible. */
export function refuseShellControlFlow(build: GoBuild): void {
  const script = [build.at.instruction.rawArgs, ...build.at.instruction.heredocs.map((h) => h.content)].join('\n');
  if (/(^|[;&|(\s])(if|for|while|until|case)\s/.test(script)) {
    refuse('unsupported-build', `go build at ${at(build.at)} runs inside shell control flow (if/for/while/case); which build actually happens is not visible`);
  }
}
