/** The build stage's other work: RUN steps the rewrite carries, drops or refuses, and files the stage takes from elsewhere. */
import type { SimpleCommand, Stage, StageInstruction } from '@hardened-go/plugin-dockerfile-compliance-common';
import { stageLabel } from '@hardened-go/plugin-dockerfile-compliance-common';
import { classifyCommand, installedPackages, PROVIDED_BY_STANDARD, type CommandKind } from './commandKinds';
import { at, excerpt, type Scope } from './extractScope';
import { normalize, relativeTo } from './paths';
import { shellJoin } from './quoting';
import { refuse } from './refusals';
import type { FinalCopy } from './serviceSpec';

/** Build-stage RUNs: carried (go test/vet/generate), dropped (packages, module download), or refused. */
export function classifyBuildRuns(scope: Scope, buildChain: Set<Stage>, moduleRoot: string): string[] {
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
          const step = carriedGoStep(si, cmd, moduleRoot);
          if (!steps.includes(step)) steps.push(step);
          continue;
        }
        dropOrRefuseBuildCommand(scope, si, cmd, kind);
      }
    }
  }
  return steps;
}

/** A go test/vet/generate of the build stage as the canonical build runs it: from the module root, cgo off. */
function carriedGoStep(si: StageInstruction, cmd: SimpleCommand, moduleRoot: string): string {
  if (cmd.words.some((w) => /\$\(|`/.test(w))) refuse('unsupported-build', `\`${excerpt(cmd)}\` at ${at(si)} uses a shell command substitution`);
  if (cmd.words.some((w) => /^--?(race|msan|asan)(=|$)/.test(w)) || (cmd.assignments.get('CGO_ENABLED') ?? '0') !== '0') {
    refuse('cgo', `\`${excerpt(cmd)}\` at ${at(si)} needs cgo (a C toolchain the canonical alpine build stage does not install)`);
  }
  const rel = relativeTo(moduleRoot, si.workdir);
  const prefix = rel === null || rel === '' ? '' : `cd ${shellJoin([rel])} && `;
  const env = [...cmd.assignments].filter(([k]) => k !== 'CGO_ENABLED').map(([k, v]) => `${k}=${shellJoin([v])} `).join('');
  return `${prefix}${env}${shellJoin(['go', ...cmd.words.slice(1)])}`;
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

/**
 * Files the build stage takes from other stages or images (not the cross-compile helpers).
 * Returns the build-context files of a single-stage image, which move to the final image.
 */
export function refuseForeignBuildInputs(scope: Scope, buildStage: Stage, buildChain: Set<Stage>, finalChain: Stage[], moduleRoot: string, singleImage: boolean): FinalCopy[] {
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
