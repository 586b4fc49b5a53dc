import type { Rule, RawFinding } from './rule';
import { atStage, stageLabel } from './util';

export const GDS014: Rule = {
  id: 'GDS014',
  title: 'The final CMD/ENTRYPOINT is in exec (JSON) form',
  defaultSeverity: 'error',
  rationale: 'Shell form runs `/bin/sh -c ...`: scratch has no shell, so the container cannot start; elsewhere the shell swallows signals and the process is not stopped cleanly.',
  fixHint: 'Write it as JSON: `ENTRYPOINT ["/app"]`.',
  docsPath: 'docs/rules/GDS014.md',
  related: { hadolint: ['DL3025'], trivy: ['DS-0016'], checkov: [], buildkit: ['JSONArgsRecommended'] },
  check(model) {
    const out: RawFinding[] = [];
    const final = model.finalStage;
    for (const kw of ['ENTRYPOINT', 'CMD']) {
      const si = model.lastInChain(final, kw);
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
