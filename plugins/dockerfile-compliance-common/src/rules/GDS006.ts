import type { Rule, RawFinding } from './rule';
import { at, stageLabel } from './util';

export const GDS006: Rule = {
  id: 'GDS006',
  title: '`CGO_ENABLED=0` is in effect for go build',
  defaultSeverity: 'error',
  rationale:
    'A scratch image has no libc: a binary linked against it with cgo fails to start ("no such file or directory"). CGO_ENABLED=0 makes the binary static.',
  fixHint: 'Build with `CGO_ENABLED=0 go build ...` or set `ENV CGO_ENABLED=0` in the build stage.',
  docsPath: 'docs/rules/GDS006.md',
  related: { hadolint: [], trivy: [], checkov: [], buildkit: [] },
  check(model) {
    const out: RawFinding[] = [];
    const lines = new Set<number>();
    for (const b of model.goBuilds) {
      const v = b.env('CGO_ENABLED');
      if (v === '0' || lines.has(b.at.instruction.line)) continue;
      lines.add(b.at.instruction.line);
      const why = v === undefined ? 'CGO_ENABLED is not set (inline, ENV of this stage or its ancestors, or `go env -w`)' : `CGO_ENABLED is "${v}"`;
      out.push(at(b.at.instruction, `\`go ${b.subcommand}\` in ${stageLabel(b.at.stage)}: ${why}, so the binary may link libc dynamically.`));
    }
    return out;
  },
};
