/**
 * BuildKit's shell patterns, matched without backtracking.
 *
 * BuildKit turns the pattern of `${v#p}`, `${v##p}`, `${v%p}`, `${v%%p}` and `${v/p/r}` into
 * a Go regular expression (convertShellPatternToRegex: `*` is `.*` or `.*?`, `?` is `.`,
 * the rest literal) and runs it with Go's RE2 engine, which never backtracks. A JavaScript
 * RegExp built the same way does backtrack: `${a#*********y}` against 40 x's took minutes.
 *
 * This is a Pike VM (the NFA simulation RE2 uses) for that small language: it runs every
 * alternative in lock step, so a search costs O(text × pattern) steps and O(pattern)
 * memory, and it keeps RE2's leftmost-first priorities, so the match is the one Go finds:
 * lazy stars as short as possible, greedy ones as long as possible, and `.` (from `?` and
 * `*`) never matching "\n", as in Go without the `s` flag. Every step is charged to the
 * model's WorkBudget, so the total work of a file stays linear in its size.
 */
import type { WorkBudget } from './workBudget';

/** What BuildKit rejects in a pattern: a `\` before anything but `*`, `?`, `\`, `}` or `/`. */
export class PatternSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatternSyntaxError';
  }
}

// One instruction per array slot; `next` is where a matching CHAR/ANY continues.
const CHAR = 0; // arg: the code point
const ANY = 1; // any code point but "\n"
const SPLIT = 2; // arg: preferred branch, next: other branch
const MATCH = 3;

/** A compiled pattern: parallel arrays indexed by instruction. */
export interface ShellPattern {
  readonly op: Uint8Array;
  readonly arg: Int32Array;
  readonly next: Int32Array;
}

const NEWLINE = 10;

/**
 * Compiles a pattern like BuildKit's convertShellPatternToRegex: `*` (a run of them is one),
 * `?`, `\*` `\?` `\\` as literals, `\}` and `\/` as the bare character; every other code
 * point is literal.
 */
export function compileShellPattern(pattern: string, greedy: boolean): ShellPattern {
  const op: number[] = [];
  const arg: number[] = [];
  const next: number[] = [];
  const emit = (o: number, a: number, n: number) => {
    op.push(o);
    arg.push(a);
    next.push(n);
  };
  let lastWasStar = false;
  for (let i = 0; i < pattern.length; ) {
    const cp = pattern.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    if (cp === 42 /* * */) {
      if (lastWasStar) continue; // `**` matches exactly what `*` matches, with the same priorities
      lastWasStar = true;
      // L: SPLIT(prefer, other); L+1: ANY -> L; L+2: what follows
      const at = op.length;
      if (greedy) emit(SPLIT, at + 1, at + 2);
      else emit(SPLIT, at + 2, at + 1);
      emit(ANY, 0, at);
      continue;
    }
    lastWasStar = false;
    if (cp === 63 /* ? */) {
      emit(ANY, 0, op.length + 1);
      continue;
    }
    if (cp === 92 /* \ */) {
      const n = pattern.codePointAt(i);
      // `\}` and `\/` escape the ${} syntax, not the pattern: the character comes next, as a literal
      if (n === 125 || n === 47) continue;
      if (n !== 42 && n !== 63 && n !== 92) {
        throw new PatternSyntaxError(`invalid escape '\\${n === undefined ? '' : String.fromCodePoint(n)}'`);
      }
      i += 1;
      emit(CHAR, n, op.length + 1);
      continue;
    }
    emit(CHAR, cp, op.length + 1);
  }
  emit(MATCH, 0, 0);
  // from an array-like (not the iterator protocol of `.from`): the same values, far cheaper
  return { op: new Uint8Array(op), arg: new Int32Array(arg), next: new Int32Array(next) };
}

/** A thread list for one text position: instruction and match start per thread, plus a visited mark per instruction. */
class ThreadList {
  readonly pc: Int32Array;
  readonly start: Int32Array;
  length = 0;
  constructor(size: number) {
    this.pc = new Int32Array(size);
    this.start = new Int32Array(size);
  }
}

/**
 * The leftmost-first match of `p` in `text` at or after `from` (only at `from` when
 * anchored), as [start, end) UTF-16 offsets, or null. Go's FindStringIndex for the
 * pattern's regex (with `^` when anchored).
 */
export function searchShellPattern(p: ShellPattern, text: string, from: number, anchored: boolean, budget: WorkBudget): [number, number] | null {
  const size = p.op.length;
  let clist = new ThreadList(size);
  let nlist = new ThreadList(size);
  // mark[pc] === generation: pc is already on the list being built
  const mark = new Int32Array(size).fill(-1);
  const stack: number[] = [];
  // the generation of the list being built; clist's until the step's nlist starts
  let generation = 0;

  const add = (list: ThreadList, pc0: number, start: number) => {
    stack.push(pc0);
    while (stack.length > 0) {
      const pc = stack.pop()!;
      if (mark[pc] === generation) continue;
      mark[pc] = generation;
      if (p.op[pc] === SPLIT) {
        // the preferred branch is explored first, so its threads come first (higher priority)
        stack.push(p.next[pc]!, p.arg[pc]!);
      } else {
        list.pc[list.length] = pc;
        list.start[list.length] = start;
        list.length++;
      }
    }
  };

  let matchStart = -1;
  let matchEnd = -1;
  let pos = from;
  for (;;) {
    // a new thread starting here has the lowest priority; none once a match is found
    if (matchStart < 0 && (!anchored || pos === from)) add(clist, 0, pos);
    if (clist.length === 0) {
      if (matchStart >= 0 || anchored || pos >= text.length) break;
    }
    budget.charge(clist.length + 1);
    const ch = pos < text.length ? text.codePointAt(pos)! : -1;
    const width = ch > 0xffff ? 2 : 1;
    generation++;
    nlist.length = 0;
    for (let i = 0; i < clist.length; i++) {
      const pc = clist.pc[i]!;
      const o = p.op[pc];
      if (o === MATCH) {
        matchStart = clist.start[i]!;
        matchEnd = pos;
        break; // the threads after this one have lower priority: cut them
      }
      if (o === CHAR ? ch === p.arg[pc] : ch >= 0 && ch !== NEWLINE) add(nlist, p.next[pc]!, clist.start[i]!);
    }
    if (pos >= text.length) break;
    const t = clist;
    clist = nlist;
    nlist = t;
    pos += width;
    // `generation` is now the new clist's: the next start thread is deduplicated against it
  }
  return matchStart < 0 ? null : [matchStart, matchEnd];
}

function compileCharged(pattern: string, greedy: boolean, budget: WorkBudget): ShellPattern {
  budget.charge(pattern.length);
  return compileShellPattern(pattern, greedy);
}

/** `${v#p}` / `${v##p}`: the value without its shortest (longest when greedy) matching prefix. */
export function trimPrefix(pattern: string, value: string, greedy: boolean, budget: WorkBudget): string {
  const m = searchShellPattern(compileCharged(pattern, greedy, budget), value, 0, true, budget);
  return m ? value.slice(m[1]) : value;
}

/** BuildKit's reversePattern: the pattern reversed by code point, keeping each `\x` escape pair in order. */
function reversePattern(pattern: string): string {
  const runes = Array.from(pattern);
  const out: string[] = new Array<string>(runes.length);
  const last = runes.length - 1;
  for (let i = 0; i <= last; ) {
    const tok = runes[i]!;
    const o = last - i;
    if (tok === '\\' && i !== last) {
      out[o - 1] = tok;
      out[o] = runes[i + 1]!;
      i += 2;
    } else {
      out[o] = tok;
      i++;
    }
  }
  return out.join('');
}

function reverseString(s: string): string {
  return Array.from(s).reverse().join('');
}

/** `${v%p}` / `${v%%p}`: BuildKit reverses pattern and value and trims a prefix, so do we. */
export function trimSuffix(pattern: string, value: string, greedy: boolean, budget: WorkBudget): string {
  budget.charge(value.length + pattern.length);
  return reverseString(trimPrefix(reversePattern(pattern), reverseString(value), greedy, budget));
}

/** `${v/p/r}`: the first (leftmost, greedy) match replaced by the replacement, taken literally. */
export function replaceFirst(pattern: string, value: string, replacement: string, budget: WorkBudget): string {
  const m = searchShellPattern(compileCharged(pattern, true, budget), value, 0, false, budget);
  return m ? value.slice(0, m[0]) + replacement + value.slice(m[1]) : value;
}

/**
 * `${v//p/r}`: Go's Regexp.ReplaceAllString: successive non-overlapping matches, an empty
 * match right after a match is skipped, and `$` in the replacement is expanded as in
 * Regexp.Expand (`$0` / `${0}` is the match, `$$` a dollar, other names are empty).
 */
export function replaceAll(pattern: string, value: string, replacement: string, budget: WorkBudget): string {
  const p = compileCharged(pattern, true, budget);
  const out: string[] = [];
  let lastMatchEnd = 0;
  let searchPos = 0;
  while (searchPos <= value.length) {
    const m = searchShellPattern(p, value, searchPos, false, budget);
    if (!m) break;
    out.push(value.slice(lastMatchEnd, m[0]));
    if (m[1] > lastMatchEnd || m[0] === 0) {
      const expanded = expandTemplate(replacement, value.slice(m[0], m[1]));
      budget.charge(expanded.length);
      out.push(expanded);
    }
    lastMatchEnd = m[1];
    const width = searchPos < value.length ? (value.codePointAt(searchPos)! > 0xffff ? 2 : 1) : 0;
    if (searchPos + width > m[1]) searchPos += width;
    else if (searchPos + 1 > m[1]) searchPos++;
    else searchPos = m[1];
  }
  out.push(value.slice(lastMatchEnd));
  return out.join('');
}

const NAME_CHAR = /[\p{L}\p{Nd}_]/u;

/** Go's Regexp.Expand for a regex without groups: `$0`/`${0}` is the match, `$$` is `$`, any other name is ''. */
function expandTemplate(template: string, match: string): string {
  if (!template.includes('$')) return template;
  let out = '';
  let i = 0;
  while (i < template.length) {
    const dollar = template.indexOf('$', i);
    if (dollar < 0) break;
    out += template.slice(i, dollar);
    i = dollar + 1;
    if (template[i] === '$') {
      out += '$';
      i++;
      continue;
    }
    const brace = template[i] === '{';
    let j = brace ? i + 1 : i;
    const nameStart = j;
    while (j < template.length) {
      const cp = template.codePointAt(j)!;
      const ch = String.fromCodePoint(cp);
      if (!NAME_CHAR.test(ch)) break;
      j += ch.length;
    }
    const name = template.slice(nameStart, j);
    if (name === '' || (brace && template[j] !== '}')) {
      out += '$'; // malformed: the dollar is literal text
      continue;
    }
    i = brace ? j + 1 : j;
    // only group 0 exists; Go rejects leading zeros (`$00` is a name, and no group has it)
    if (name === '0') out += match;
  }
  return out + template.slice(i);
}
