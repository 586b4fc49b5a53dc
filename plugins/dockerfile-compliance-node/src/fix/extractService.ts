/**
 * What is specific to a service, read from the model of its Dockerfile: the one Go binary
 * (package, name, tags, -X variables), how it starts (ENTRYPOINT/CMD arguments), and what the
 * final image carries besides it (EXPOSE, LABEL, non-secret ENV, extra files, WORKDIR,
 * VOLUME, HEALTHCHECK). Everything the standard replaces is dropped (with a note); anything
 * that cannot be carried into a scratch image without guessing is a Refusal.
 *
 * The steps run in a fixed order (build stage, final image, runtime configuration, start
 * command): the first refusal found is the one reported, and notes read top to bottom.
 */
import type { DockerfileModel, Policy } from '@hardened-go/plugin-dockerfile-compliance-common';
import { DOCKERFILE_SYNTAX } from '../render/render';
import { analyseBuildStage } from './buildStage';
import type { Scope } from './extractScope';
import { binaryInFinalImage, classifyFinalRuns, finalCopies } from './finalImage';
import { carryBuildEnv } from './goEnvironment';
import { basename } from './paths';
import { carryImageConfig } from './runtimeConfig';
import type { ServiceSpec } from './serviceSpec';
import { programIs, startCommand } from './startCommand';
import type { HardenContext } from './types';

export function extractService(model: DockerfileModel, policy: Policy, context: HardenContext = {}): ServiceSpec {
  const scope: Scope = { model, policy, context, notes: [] };
  const build = analyseBuildStage(scope);
  const { chain: buildChain, singleImage, moduleRoot, outPath } = build;
  const spec: ServiceSpec = {
    binaryName: '',
    mainPackage: build.mainPackage,
    buildTags: build.build.tags.filter((t) => t !== ''),
    ldflagsX: build.ldflagsX,
    buildArgs: build.buildArgs,
    buildEnv: build.buildEnv,
    buildSteps: build.buildSteps,
    expose: [],
    finalArgs: [],
    labels: [],
    env: [],
    finalCopies: [],
    entrypointArgs: [],
    volumes: [],
    notes: scope.notes,
  };

  const buildRoot = model.rootBase(build.build.at.stage);
  if (buildRoot.kind === 'image' && buildRoot.digest !== null && buildRoot.tag !== null) {
    spec.buildImagePin = { image: `${buildRoot.repository}:${buildRoot.tag}`, digest: buildRoot.digest };
  }
  const finalBinary = singleImage ? outPath : binaryInFinalImage(scope, buildChain, outPath);
  spec.binaryName = basename(finalBinary);
  // Stages of the final chain after the build stage(s): their files and RUN steps.
  spec.finalCopies = [...build.contextCopies, ...finalCopies(scope, buildChain, moduleRoot, outPath)];
  classifyFinalRuns(scope, buildChain);
  if (singleImage) {
    scope.notes.push('single-stage image: the source tree and the Go toolchain are no longer in the final image, only the binary (copy any file it reads at run time explicitly)');
  }
  carryBuildEnv(scope, spec, buildChain);
  carryImageConfig(scope, spec, buildChain, singleImage);
  if (spec.healthcheck) spec.healthcheck.cmd = [programIs(scope, spec.healthcheck.cmd[0] ?? '', finalBinary, 'HEALTHCHECK'), ...spec.healthcheck.cmd.slice(1)];
  startCommand(scope, spec, finalBinary, singleImage ? [moduleRoot, build.cwd] : []);
  const final = model.finalStage;
  const finalChain = model.chainOf(final);
  if (!singleImage && final.endWorkdir !== '/' && finalChain.some((s) => !buildChain.has(s) && s.instructions.some((i) => i.instruction.keyword === 'WORKDIR'))) {
    spec.workdir = final.endWorkdir;
  }
  noteReplacedDefaults(scope);
  return spec;
}

/** Notes for what the canonical file sets its own way: parser directives, the final base, the user. */
function noteReplacedDefaults(scope: Scope): void {
  const { model, policy } = scope;
  const final = model.finalStage;
  const { syntax, ...others } = model.parsed.directives;
  const dropped = Object.keys(others);
  if (dropped.length > 0) scope.notes.push(`dropped the parser directive(s) ${dropped.map((d) => `# ${d}=`).join(', ')}: the canonical Dockerfile needs none`);
  if (syntax !== undefined && !syntax.startsWith(DOCKERFILE_SYNTAX)) scope.notes.push(`# syntax=${syntax} became the standard's pinned frontend ${DOCKERFILE_SYNTAX}`);
  const root = model.rootBase(final);
  const oldBase = root.kind === 'scratch' ? 'scratch' : root.ref;
  if (oldBase !== (policy.finalBases[0] ?? 'scratch')) scope.notes.push(`final base ${oldBase} became ${policy.finalBases[0] ?? 'scratch'}`);
  const user = model.effectiveUser(final);
  if (user && `${user.user}${user.group ? `:${user.group}` : ''}` !== policy.user) {
    scope.notes.push(`USER ${user.user}${user.group ? `:${user.group}` : ''} became ${policy.user} (the standard's numeric unprivileged user)`);
  }
}
