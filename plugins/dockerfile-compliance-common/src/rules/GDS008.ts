import { splitQuotedFlags } from '../model/goCommandLine';
import type { Rule, RawFinding } from './rule';
import { at, stageLabel } from './util';

/**
 * The linker flags of an -ldflags value without go's optional package pattern
 * (`[pattern=]arg list`, cmd/go/internal/load.PerPackageFlag.set): a value that does not
 * start with `-` is `pattern=flags`, e.g. `all=-s -w`.
 */
export function ldflagsWithoutPattern(value: string): string {
  const v = value.trim();
  if (v === '' || v.startsWith('-')) return v;
  const eq = v.indexOf('=');
  return eq > 0 ? v.slice(eq + 1) : v;
}

/** Whether the linker words set a boolean flag, in any of its spellings (`-s`, `-s=true`, `--s`). */
function hasLinkerFlag(words: readonly string[], flag: string, asTrue: string, doubleDash: string): boolean {
  return words.includes(flag) || words.includes(asTrue) || words.includes(doubleDash);
}

export const GDS008: Rule = {
  id: 'GDS008',
  title: '`-ldflags` strips the symbol table and DWARF (`-s -w`)',
  defaultSeverity: 'warning',
  rationale: '`-s -w` drop the symbol table and debug information: the binary is about a third smaller and the image is smaller.',
  fixHint: 'Build with `-ldflags="-s -w"` (keep any `-X` settings in the same value).',
  docsPath: 'docs/rules/GDS008.md',
  related: { hadolint: [], trivy: [], checkov: [], buildkit: [] },
  check(model) {
    const out: RawFinding[] = [];
    const lines = new Set<number>();
    for (const b of model.goBuilds) {
      const flags = b.ldflags === null ? [] : splitQuotedFlags(ldflagsWithoutPattern(b.ldflags)).words;
      const missing: string[] = [];
      if (!hasLinkerFlag(flags, '-s', '-s=true', '--s')) missing.push('-s');
      if (!hasLinkerFlag(flags, '-w', '-w=true', '--w')) missing.push('-w');
      if (missing.length === 0 || lines.has(b.at.instruction.line)) continue;
      lines.add(b.at.instruction.line);
      const what = b.ldflags === null ? 'has no -ldflags' : `has -ldflags "${b.ldflags.replace(/\s+/g, " ").trim()}" without ${missing.join(' and ')}`;
      out.push(at(b.at.instruction, `\`go ${b.subcommand}\` in ${stageLabel(b.at.stage)} ${what}.`));
    }
    return out;
  },
};
