import type { DockerfileModel, Stage, StageInstruction } from '../model/types';
import type { Rule, RawFinding } from './rule';
import { atStage, stageLabel } from './util';

/**
 * The ENTRYPOINT and CMD the final image ends up with, as BuildKit's dispatcher sets them:
 * the last of each along the FROM chain, except that an ENTRYPOINT clears the CMD inherited
 * from earlier stages unless the ENTRYPOINT's own stage has already set a CMD
 * (dockerfile2llb dispatchEntrypoint: `if !d.cmdSet { Cmd = nil }`).
 */
export function effectiveStartCommands(
  model: DockerfileModel,
  stage: Stage,
): { ENTRYPOINT: StageInstruction | null; CMD: StageInstruction | null } {
  let entrypoint: StageInstruction | null = null;
  let cmd: StageInstruction | null = null;
  for (const s of model.chainOf(stage)) {
    let cmdSetInStage = false;
    for (const si of s.instructions) {
      const kw = si.instruction.keyword;
      if (kw === 'CMD') {
        cmd = si;
        cmdSetInStage = true;
      } else if (kw === 'ENTRYPOINT') {
        entrypoint = si;
        if (!cmdSetInStage) cmd = null;
      }
    }
  }
  return { ENTRYPOINT: entrypoint, CMD: cmd };
}

export const GDS014: Rule = {
  id: 'GDS014',
  title: 'The final CMD/ENTRYPOINT is in exec (JSON) form',
  defaultSeverity: 'error',
  rationale: 'Shell form runs `/bin/sh -c ...`: scratch has no shell, so the container cannot start; elsewhere the shell does not forward SIGTERM, so the process is not stopped cleanly.',
  fixHint: 'Write it as JSON: `ENTRYPOINT ["/app"]`.',
  docsPath: 'docs/rules/GDS014.md',
  related: { hadolint: ['DL3025'], trivy: ['DS-0016'], checkov: [], buildkit: ['JSONArgsRecommended'] },
  check(model) {
    const out: RawFinding[] = [];
    const final = model.finalStage;
    const effective = effectiveStartCommands(model, final);
    for (const kw of ['ENTRYPOINT', 'CMD'] as const) {
      const si = effective[kw];
      if (!si || si.instruction.json) continue;
      const inherited = si.stage !== final ? ` (inherited from ${stageLabel(si.stage)})` : '';
      const cmd = si.instruction.args.join(' ');
      out.push(
        atStage(
          si,
          `The final ${kw} on line ${si.instruction.line}${inherited} is in shell form ("${cmd.length > 60 ? cmd.slice(0, 57) + '...' : cmd}"), which needs /bin/sh in the image.`,
          `Write it in exec form: ${kw} ${JSON.stringify(cmd.trim().split(/\s+/).filter(Boolean))}.`,
        ),
      );
    }
    return out;
  },
};
