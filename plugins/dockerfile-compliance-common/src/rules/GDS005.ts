import type { Rule, RawFinding } from './rule';
import type { DockerfileModel, Stage } from '../model/types';
import { chainRunsGoMod, firstBuilds } from './goCommands';
import { at, stageLabel } from './util';

export const GDS005: Rule = {
  id: 'GDS005',
  title: '`go mod verify` runs in the build stage',
  defaultSeverity: 'warning',
  rationale:
    '`go mod verify` checks the downloaded module cache against go.sum, so a tampered or corrupted module fails the build ("dir has been modified") instead of being compiled in.',
  fixHint: 'Run `go mod download && go mod verify` after copying go.mod/go.sum.',
  docsPath: 'docs/rules/GDS005.md',
  related: { hadolint: [], trivy: [], checkov: [], buildkit: [] },
  check(model) {
    const out: RawFinding[] = [];
    for (const build of firstBuilds(model)) {
      const stage = build.at.stage;
      // the build stage, or a stage it copies from (a "modules" stage whose cache it takes over)
      if (chainRunsGoMod(model, stage, 'verify') || copiesFromVerifyingStage(model, stage)) continue;
      out.push(at(build.at.instruction, `${stageLabel(stage)} runs \`go ${build.subcommand}\` (line ${build.at.instruction.line}) without \`go mod verify\` anywhere in the build stage.`));
    }
    return out;
  },
};

function copiesFromVerifyingStage(model: DockerfileModel, stage: Stage): boolean {
  for (const c of model.copiesInto(stage)) {
    if (c.from?.kind === 'stage' && chainRunsGoMod(model, c.from.stage, 'verify')) return true;
  }
  return false;
}
