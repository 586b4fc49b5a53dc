import type { Rule, RawFinding } from './rule';
import { at, stageLabel } from './util';

export const GDS007: Rule = {
  id: 'GDS007',
  title: '`-trimpath` is in effect for go build',
  defaultSeverity: 'warning',
  rationale: 'Without -trimpath the binary embeds the build machine\'s file system paths; with it builds are reproducible and leak nothing about the builder.',
  fixHint: 'Add `-trimpath` to the go build flags (or `GOFLAGS=-trimpath`).',
  docsPath: 'docs/rules/GDS007.md',
  related: { hadolint: [], trivy: [], checkov: [], buildkit: [] },
  check(model) {
    const out: RawFinding[] = [];
    const lines = new Set<number>();
    for (const b of model.goBuilds) {
      if (b.trimpath || lines.has(b.at.instruction.line)) continue;
      lines.add(b.at.instruction.line);
      out.push(at(b.at.instruction, `\`go ${b.subcommand}\` in ${stageLabel(b.at.stage)} runs without -trimpath (neither flag nor GOFLAGS).`));
    }
    return out;
  },
};
