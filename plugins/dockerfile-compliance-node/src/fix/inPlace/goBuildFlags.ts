/**
 * Flags added to the owner's `go build` / `go install` line itself: `-trimpath` (GDS007) and
 * `-s -w` in -ldflags (GDS008), keeping every other flag, `-X` value and the line's layout.
 * The words are found in the RUN's text only when the text shows each build exactly once;
 * anything less certain is left for a human.
 */
import { splitQuotedFlags, type GoBuild, type StageInstruction } from '@hardened-go/plugin-dockerfile-compliance-common';
import { bare, type LineEdit } from './lineEdits';
import type { FixInput, FixProposal, InPlaceFix } from './types';

interface Place {
  line: number;
  /** Index in the line just after `build`/`install`. */
  column: number;
}

const BEFORE_GO = new Set([' ', '\t', ';', '&', '|', '(', '"', "'", '/']);

/** Where `go build` / `go install` (also `xx-go`, `/usr/local/go/bin/go`) stand in the RUN's lines. */
function subcommandPlaces(lines: string[], at: StageInstruction): Place[] {
  const out: Place[] = [];
  for (let n = at.instruction.line; n <= at.instruction.endLine; n++) {
    const line = bare(lines[n - 1]!);
    if (/^\s*#/.test(line)) continue;
    for (const sub of ['build', 'install']) {
      const needle = `go ${sub}`;
      for (let i = line.indexOf(needle); i >= 0; i = line.indexOf(needle, i + 1)) {
        const before = i === 0 ? ' ' : line[i - 1]!;
        const xx = i >= 3 && line.slice(i - 3, i) === 'xx-';
        const after = line[i + needle.length];
        if ((BEFORE_GO.has(before) || xx) && (after === undefined || after === ' ' || after === '\t')) out.push({ line: n, column: i + needle.length });
      }
    }
  }
  return out;
}

/** Edits that insert `text` after the subcommand of each build in `builds` (all in one RUN each). */
function insertAfterSubcommand(input: FixInput, builds: ReadonlySet<GoBuild>, text: (b: GoBuild) => string): LineEdit[] | string {
  const byRun = new Map<StageInstruction, GoBuild[]>();
  for (const b of input.model.goBuilds) {
    const list = byRun.get(b.at);
    if (list) list.push(b);
    else byRun.set(b.at, [b]);
  }
  const perLine = new Map<number, { column: number; text: string }[]>();
  for (const [at, all] of byRun) {
    const wanted = all.filter((b) => builds.has(b));
    if (wanted.length === 0) continue;
    const places = subcommandPlaces(input.lines, at);
    if (places.length !== all.length) return `the go build on line ${at.instruction.line} is not written out once per build (through a variable, a script or sh -c)`;
    all.forEach((b, k) => {
      if (!builds.has(b)) return;
      const p = places[k]!;
      const inserts = perLine.get(p.line);
      if (inserts) inserts.push({ column: p.column, text: text(b) });
      else perLine.set(p.line, [{ column: p.column, text: text(b) }]);
    });
  }
  const edits: LineEdit[] = [];
  for (const [line, inserts] of perLine) {
    let s = bare(input.lines[line - 1]!);
    for (const ins of inserts.sort((a, b) => b.column - a.column)) s = s.slice(0, ins.column) + ins.text + s.slice(ins.column);
    edits.push({ line, replace: s });
  }
  return edits;
}

/** The go builds on the lines the rule reported. */
function buildsOf(input: FixInput): GoBuild[] {
  const lines = new Set(input.findings.map((f) => f.line));
  return input.model.goBuilds.filter((b) => lines.has(b.at.instruction.line));
}

export const trimpath: InPlaceFix = {
  ruleIds: ['GDS007'],
  propose(input): FixProposal {
    const builds = buildsOf(input).filter((b) => !b.trimpath);
    const disabled = builds.filter((b) => b.args.some((a) => a.startsWith('-trimpath=') || a.startsWith('--trimpath=')));
    const edits = insertAfterSubcommand(
      input,
      new Set(builds.filter((b) => !disabled.includes(b))),
      () => ' -trimpath',
    );
    if (typeof edits === 'string') return { unfixed: edits };
    // `-trimpath=false` written once on a line: the same flag, turned on
    for (const b of disabled) {
      const ins = b.at.instruction;
      const places: number[] = [];
      for (let n = ins.line; n <= ins.endLine; n++) for (const _ of bare(input.lines[n - 1]!).matchAll(/(^|\s)--?trimpath=\S*/g)) places.push(n);
      const line = places[0];
      if (places.length !== 1 || line === undefined || edits.some((e) => e.line === line)) return { unfixed: `the -trimpath=false on line ${ins.line} is not written once the fixer can turn on` };
      const text = bare(input.lines[line - 1]!);
      edits.push({ line, replace: text.replace(/(^|\s)(--?trimpath)=\S*/, '$1$2') });
    }
    return { edits, what: '`-trimpath` on the go build' };
  },
};

const LDFLAGS = /(^|\s)--?ldflags(=|\s+)(["'])/g;
/** `-ldflags=-s` or `-ldflags -X=a.b=c`: one unquoted word, no package pattern. */
const LDFLAGS_WORD = /(^|\s)(--?ldflags)(=|\s+)(-[^\s"'\\]*)(?=\s|$)/g;

export const stripSymbols: InPlaceFix = {
  ruleIds: ['GDS008'],
  propose(input): FixProposal {
    const builds = buildsOf(input);
    const missing = (b: GoBuild) => {
      const flags = b.ldflags === null ? [] : splitQuotedFlags(b.ldflags).words;
      return ['-s', '-w'].filter((f) => !flags.includes(f) && !flags.includes(`${f}=true`));
    };
    const without = builds.filter((b) => b.ldflags === null);
    const withFlags = builds.filter((b) => b.ldflags !== null);
    const edits: LineEdit[] = [];
    if (without.length > 0) {
      const added = insertAfterSubcommand(input, new Set(without), () => ' -ldflags="-s -w"');
      if (typeof added === 'string') return { unfixed: added };
      edits.push(...added);
    }
    const editedLines = new Set(edits.map((e) => e.line));
    for (const b of withFlags) {
      if (!b.args.some((a) => /^--?ldflags(=|$)/.test(a))) return { unfixed: `the -ldflags of the go build on line ${b.at.instruction.line} come from GOFLAGS` };
      const ins = b.at.instruction;
      const found: { line: number; index: number }[] = [];
      for (let n = ins.line; n <= ins.endLine; n++) {
        for (const m of bare(input.lines[n - 1]!).matchAll(LDFLAGS)) found.push({ line: n, index: m.index! + m[0].length });
      }
      if (found.length === 0) {
        // one unquoted word: quoted, with the missing flags first
        const words: { line: number; index: number; length: number; flag: string; value: string }[] = [];
        for (let n = ins.line; n <= ins.endLine; n++) {
          for (const m of bare(input.lines[n - 1]!).matchAll(LDFLAGS_WORD)) words.push({ line: n, index: m.index! + m[1]!.length, length: m[0].length - m[1]!.length, flag: m[2]!, value: m[4]! });
        }
        const w = words[0];
        if (words.length !== 1 || w === undefined || editedLines.has(w.line)) return { unfixed: `the -ldflags on line ${ins.line} is not one value the fixer can extend` };
        const text = bare(input.lines[w.line - 1]!);
        edits.push({ line: w.line, replace: `${text.slice(0, w.index)}${w.flag}="${[...missing(b), w.value].join(' ')}"${text.slice(w.index + w.length)}` });
        editedLines.add(w.line);
        continue;
      }
      if (found.length !== 1 || editedLines.has(found[0]!.line)) {
        return { unfixed: `the -ldflags on line ${ins.line} is not one quoted value the fixer can extend` };
      }
      const { line, index } = found[0]!;
      const text = bare(input.lines[line - 1]!);
      // `all=-X ...` names the packages first: the flags go after the pattern
      const pattern = /^[^\s"'=-][^\s"'=]*=/.exec(text.slice(index));
      const at = index + (pattern ? pattern[0].length : 0);
      edits.push({ line, replace: `${text.slice(0, at)}${missing(b).join(' ')} ${text.slice(at)}` });
      editedLines.add(line);
    }
    return { edits, what: '`-s -w` in the go build\'s -ldflags' };
  },
};
