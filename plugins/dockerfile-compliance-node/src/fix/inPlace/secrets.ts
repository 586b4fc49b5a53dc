/**
 * Secrets out of the image (GDS017), as the whole-file rewrite does: an `ARG TOKEN=literal`
 * keeps its declaration without the default (`--build-arg TOKEN=...` still works), and an
 * `ENV PASSWORD=literal` pair is dropped (the value goes to the runtime environment instead).
 * An ENV is only dropped when nothing else in the file refers to it, and only when the pair is
 * written on one line in a form the fixer can find exactly once.
 */
import { secretAssignments, type Instruction } from '@hardened-go/plugin-dockerfile-compliance-common';
import { bare, type LineEdit } from './lineEdits';
import type { FixProposal, InPlaceFix } from './types';

/** `NAME=value` with a plain or double-quoted value (no quote or backslash inside). */
const PAIR_VALUE = /^(?:[^\s"'\\]+|"[^"\\]*")/;

/** Where `NAME=value` stands in the line, once: [start, end), or null. */
function pairSpan(line: string, name: string): [number, number] | null {
  let found: [number, number] | null = null;
  for (let i = line.indexOf(`${name}=`); i >= 0; i = line.indexOf(`${name}=`, i + 1)) {
    if (i > 0 && !/\s/.test(line[i - 1]!)) continue;
    const value = PAIR_VALUE.exec(line.slice(i + name.length + 1));
    if (!value || found) return null;
    found = [i, i + name.length + 1 + value[0].length];
  }
  return found;
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

/** Every `$NAME` / `${NAME...}` reference, by name: the lines it is on. One pass over the text. */
function referencesByName(lines: readonly string[]): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  lines.forEach((l, k) => {
    for (let i = l.indexOf('$'); i >= 0; i = l.indexOf('$', i + 1)) {
      let start = i + 1;
      if (l[start] === '{') start++;
      if (!NAME_START.test(l[start] ?? '')) continue;
      let end = start + 1;
      while (end < l.length && NAME_CHAR.test(l[end]!)) end++;
      const name = l.slice(start, end);
      const at = out.get(name) ?? new Set<number>();
      at.add(k + 1);
      out.set(name, at);
      i = end - 1;
    }
  });
  return out;
}

export const secretsOut: InPlaceFix = {
  ruleIds: ['GDS017'],
  propose({ model, lines, findings }): FixProposal {
    const edits: LineEdit[] = [];
    const names: string[] = [];
    const left = new Map<number, string>();
    let references: Map<string, Set<number>> | undefined;
    const referencedElsewhere = (name: string, own: number) => {
      references ??= referencesByName(lines);
      const at = references.get(name);
      return at !== undefined && [...at].some((line) => line !== own);
    };
    const byLine = new Map(model.parsed.instructions.filter((i) => i.keyword === 'ENV' || i.keyword === 'ARG').map((i) => [i.line, i]));
    for (const line of new Set(findings.map((f) => f.line))) {
      const ins = byLine.get(line);
      const why = ins ? edit(ins) : `no ENV or ARG on line ${line}`;
      if (why !== null) left.set(line, why);
    }
    if (edits.length === 0) return { unfixed: left };
    const what = `the literal value of ${names.join(', ')} out of the image (an ARG keeps its name for --build-arg; an ENV is set at run time instead)`;
    return { edits, what, ...(left.size > 0 ? { left } : {}) };

    function edit(ins: Instruction): string | null {
      if (ins.line !== ins.endLine) return `the ${ins.keyword} on line ${ins.line} spans several lines; move its secret out by hand`;
      let text = bare(lines[ins.line - 1]!);
      const pairs = secretAssignments(ins);
      const allPairs = ins.keyword === 'ENV' ? ins.args.length / 2 : ins.args.length;
      // `ENV API_KEY value` (the legacy form: one pair, no `=`): the whole line goes
      if (ins.keyword === 'ENV' && allPairs === 1 && pairs.length === 1 && pairSpan(text, pairs[0]![0]) === null) {
        const [name] = pairs[0]!;
        if (referencedElsewhere(name, ins.line)) return `ENV ${name} is used elsewhere in the file; pass it as a build secret or at run time by hand`;
        names.push(`ENV ${name}`);
        edits.push({ line: ins.line, remove: true });
        return null;
      }
      for (const [name] of pairs) {
        const span = pairSpan(text, name);
        if (!span) return `${name} on line ${ins.line} is not written as one plain NAME=value the fixer can find; move it out by hand`;
        if (ins.keyword === 'ARG') {
          text = text.slice(0, span[0]) + name + text.slice(span[1]);
          continue;
        }
        if (referencedElsewhere(name, ins.line)) return `ENV ${name} is used elsewhere in the file; pass it as a build secret or at run time by hand`;
        // the pair and the blanks before it
        let start = span[0];
        while (start > 0 && /[ \t]/.test(text[start - 1]!)) start--;
        text = text.slice(0, start) + text.slice(span[1]);
      }
      names.push(...pairs.map(([name]) => `${ins.keyword} ${name}`));
      const emptied = ins.keyword === 'ENV' && pairs.length === allPairs;
      edits.push(emptied ? { line: ins.line, remove: true } : { line: ins.line, replace: text });
      return null;
    }
  },
};
