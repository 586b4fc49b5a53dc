import { parseGoVersion, parseGolangTag, tagVersionOlderThan } from '../policy/goVersion';
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
    const parts = parseGoVersion(goMod.go);
    if (!parts) return [];
    // `1.27rc1` and `1.27` both need at least 1.27.0
    const required = parts.join('.');
    const out: RawFinding[] = [];
    const reported = new Set<Stage>();
    for (const build of model.goBuilds) {
      const root = model.rootStage(build.at.stage);
      const base = root.base;
      if (reported.has(root) || base.kind !== 'image' || base.repository !== 'golang' || base.unresolvedArgs.length > 0) continue;
      if (switchesToolchain(build.env('GOTOOLCHAIN'))) continue;
      // a floating tag (`1.26`) has the newest patch: only the parts it names are compared
      const go = base.tag === null ? null : (parseGolangTag(base.tag)?.go ?? null);
      if (go === null || !tagVersionOlderThan(go, required)) continue;
      reported.add(root);
      out.push(
        at(
          root.from,
          `go.mod (line ${goMod.line}) requires go >= ${goMod.go}, but ${stageLabel(root)} builds with ${base.ref} (Go ${go}${go.split('.').length < 3 ? '.x' : ''}): the golang images set GOTOOLCHAIN=local, so \`go build\` on line ${build.at.instruction.line} fails.`,
          `Build with golang:${goMod.go} or newer (the policy's image when it is new enough).`,
        ),
      );
    }
    return out;
  },
};
