import { compareVersionParts, parseGoVersion, parseGolangTag } from '../policy/goVersion';
import type { Stage } from '../model/types';
import type { Rule, RawFinding } from './rule';
import { at, stageLabel } from './util';

/**
 * Whether the go command switches toolchains itself (GOTOOLCHAIN=auto, path, go1.27.1+auto):
 * then a go.mod newer than the image downloads or finds a toolchain instead of failing.
 */
function switchesToolchain(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== 'local';
}

/** The Go a tag names, as parts, and whether it floats (`1.26` takes any 1.26.x); null when the tag names none. */
function imageGo(tag: string | null): { parts: number[]; floating: boolean; text: string } | null {
  const go = tag === null ? null : (parseGolangTag(tag)?.go ?? null);
  if (go === null) return null;
  const parts = go.split('.').map(Number);
  return { parts, floating: parts.length < 3, text: go };
}

/** Whether an image of Go `image` can build a module that needs `required` (a floating tag has the newest patch). */
function satisfies(image: { parts: number[]; floating: boolean }, required: number[]): boolean {
  if (image.floating) return compareVersionParts(image.parts, required.slice(0, image.parts.length)) >= 0;
  return compareVersionParts(image.parts, required) >= 0;
}

export const GDS018: Rule = {
  id: 'GDS018',
  title: "The build stage's Go is not older than go.mod requires",
  defaultSeverity: 'error',
  rationale:
    'The official golang images set GOTOOLCHAIN=local, so a go.mod that needs a newer Go than the image fails the build ("go.mod requires go >= 1.27.0 (running go 1.26.8; GOTOOLCHAIN=local)"), and Dependabot bumps go.mod and the image separately.',
  fixHint: 'Build with a golang image at least as new as go.mod\'s `go` line, e.g. the policy\'s image when it is new enough.',
  docsPath: 'docs/rules/GDS018.md',
  related: { hadolint: [], trivy: [], checkov: [], buildkit: [] },
  check(model, _policy, context) {
    const goMod = context?.goMod;
    if (!goMod) return [];
    if ('problem' in goMod) {
      return [at(model.stages[0]!.from, `${goMod.problem}, so the Go the module needs cannot be compared with the build image.`, 'Fix go.mod (`go mod edit -go=1.26.8`), or check it with `go mod verify`.')];
    }
    if (goMod.go === null) return [];
    const required = parseGoVersion(goMod.go);
    if (!required) return [];
    const out: RawFinding[] = [];
    const reported = new Set<Stage>();
    for (const build of model.goBuilds) {
      const root = model.rootStage(build.at.stage);
      const base = root.base;
      if (reported.has(root) || base.kind !== 'image' || base.repository !== 'golang' || base.unresolvedArgs.length > 0) continue;
      if (switchesToolchain(build.env('GOTOOLCHAIN'))) continue;
      const go = imageGo(base.tag);
      if (!go || satisfies(go, required)) continue;
      reported.add(root);
      out.push(
        at(
          root.from,
          `go.mod (line ${goMod.line}) requires go >= ${goMod.go}, but ${stageLabel(root)} builds with ${base.ref} (Go ${go.text}${go.floating ? '.x' : ''}): the golang images set GOTOOLCHAIN=local, so \`go build\` on line ${build.at.instruction.line} fails.`,
          `Build with golang:${goMod.go} or newer (the policy's image when it is new enough).`,
        ),
      );
    }
    return out;
  },
};
