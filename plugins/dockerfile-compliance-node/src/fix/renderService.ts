/**
 * Hands the extracted service to the canonical renderer: the fixer never writes Dockerfile
 * text of its own, it only decides which service specifics the renderer's extension points
 * receive.
 */
import { policyDigestOf, type Policy } from '@hardened-go/plugin-dockerfile-compliance-common';
import { renderDockerfile, type ServiceImageParams } from '../render/render';
import type { ServiceSpec } from './serviceSpec';

/**
 * The digest the rewrite pins its build image with: the policy's for that image, else the
 * owner's own when they pinned exactly the image the rewrite renders (the fixer keeps it).
 */
export function buildImageDigestFor(policy: Policy, spec: ServiceSpec, goVersion: string): string | undefined {
  const image = `golang:${goVersion}-alpine${policy.alpineVersion}`;
  return policyDigestOf(policy, image) ?? (spec.buildImagePin?.image === image ? spec.buildImagePin.digest : undefined);
}

export function serviceImageParams(policy: Policy, spec: ServiceSpec, goVersion: string): ServiceImageParams {
  const params: ServiceImageParams = {
    binaryName: spec.binaryName,
    mainPackage: spec.mainPackage,
    goVersion,
  };
  const digest = buildImageDigestFor(policy, spec, goVersion);
  if (digest !== undefined) params.buildImageDigest = digest;
  if (spec.buildTags.length > 0) params.buildTags = spec.buildTags;
  if (spec.ldflagsX.length > 0) params.ldflagsX = Object.fromEntries(spec.ldflagsX.map((x) => [x.name, x.value]));
  if (spec.buildArgs.length > 0) params.buildArgs = spec.buildArgs;
  if (spec.buildEnv.length > 0) params.buildEnv = spec.buildEnv;
  if (spec.buildSteps.length > 0) params.buildSteps = spec.buildSteps;
  if (spec.expose.length > 0) params.expose = spec.expose;
  if (spec.finalArgs.length > 0) params.finalArgs = spec.finalArgs;
  if (spec.labels.length > 0) params.labels = spec.labels;
  if (spec.env.length > 0) params.env = spec.env;
  if (spec.finalCopies.length > 0) params.finalCopies = spec.finalCopies;
  if (spec.workdir !== undefined) params.workdir = spec.workdir;
  if (spec.volumes.length > 0) params.volumes = spec.volumes;
  if (spec.entrypointArgs.length > 0) params.entrypointArgs = spec.entrypointArgs;
  if (spec.cmd !== undefined) params.cmd = spec.cmd;
  if (spec.healthcheck !== undefined) params.healthcheck = spec.healthcheck;
  if (spec.stopSignal !== undefined) params.stopSignal = spec.stopSignal;
  return params;
}

export function renderService(policy: Policy, spec: ServiceSpec, goVersion: string): string {
  // a pull request against the owner's file carries no banners of ours
  return renderDockerfile(policy, serviceImageParams(policy, spec, goVersion), { comments: false });
}
