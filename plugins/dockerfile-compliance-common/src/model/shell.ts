/**
 * Just enough of a POSIX shell to see which commands a RUN line runs: it splits a script
 * into simple commands at `&&`, `||`, `;`, `|`, `&`, newlines and parentheses (outside
 * quotes), drops comments, joins backslash-newline, and expands each word with the
 * variables known at that point (unknown ones are kept literally, so `${VERSION}` stays
 * visible instead of silently becoming empty). Variable assignments (`A=b`, `export A=b`)
 * are tracked through the script. Command substitutions are kept as opaque text.
 */
import { ExpansionError, expandToString, type VarLookup } from './expand';
import { EMPTY_ENV, type Scope } from './scope';
import type { SimpleCommand } from './types';
import { WorkBudget } from './workBudget';

export type { SimpleCommand };


/** More simple commands than this in one script is not a Dockerfile anyone reviews: too complex to check. */
export const MAX_COMMANDS = 10_000;

/** ASCII characters splitRaw looks at one by one; a run of any others is copied as one slice. */
const SPECIAL = new Uint8Array(128);
for (const ch of '\\\'"$# \t\r\n;&|()') SPECIAL[ch.charCodeAt(0)] = 1;

/**
 * Splits `script` into raw words grouped per simple command. A word is the text between
 * its first and last character, less the backslash-newlines outside quotes inside it, so it
 * is taken as one slice of the script (plus the pieces before each joined line). `literal`
 * gets one entry per word, in order: true when the word has no `$`, quote or backslash, so
 * its expansion is the word itself.
 */
function splitRaw(script: string, literal: boolean[]): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  /** Whether the open word has a `$`, a quote or a backslash (other than a joined line's). */
  let special = false;
  /** Where the open word's current piece starts; -1 when no word is open. */
  let start = -1;
  /** The open word's text before its last backslash-newline. */
  let joined = '';
  const n = script.length;
  let i = 0;
  // one pass; the state lives in locals (no closures), since this runs over every RUN that matters
  for (;;) {
    // -1 at the end of the script: it ends the last word and command
    const c = i < n ? script.charCodeAt(i) : -1;
    let endsCommand = c === -1;
    if (c === 92 /* \ */) {
      if (script.charCodeAt(i + 1) === 10) {
        // a joined line: the word (if any) goes on after it
        if (start >= 0) {
          joined += script.slice(start, i);
          start = i + 2;
        }
      } else {
        if (start < 0) start = i;
        special = true;
      }
      i += 2;
      continue;
    }
    if (c === 39 /* ' */) {
      const end = script.indexOf("'", i + 1);
      if (start < 0) start = i;
      special = true;
      i = end < 0 ? n : end + 1;
      continue;
    }
    if (c === 34 /* " */) {
      let j = i + 1;
      while (j < n && script.charCodeAt(j) !== 34) j += script.charCodeAt(j) === 92 ? 2 : 1;
      if (start < 0) start = i;
      special = true;
      i = Math.min(j + 1, n);
      continue;
    }
    if (c === 36 /* $ */ && script.charCodeAt(i + 1) === 40 /* ( */) {
      // command substitution: kept as opaque text up to the matching parenthesis
      let depth = 0;
      let j = i + 1;
      for (; j < n; j++) {
        const d = script.charCodeAt(j);
        if (d === 40) depth++;
        else if (d === 41 && --depth === 0) break;
      }
      if (start < 0) start = i;
      special = true;
      i = Math.min(j + 1, n);
      continue;
    }
    if (c === 35 /* # */ && start < 0) {
      const nl = script.indexOf('\n', i);
      i = nl < 0 ? n : nl;
      continue;
    }
    if (c === 10 || c === 59 /* ; */ || c === 38 /* & */ || c === 124 /* | */ || c === 40 /* ( */ || c === 41 /* ) */) endsCommand = true;
    else if (c !== 32 && c !== 9 && c !== 13 && c !== -1) {
      // a run of ordinary characters (also `$` and `#` inside a word)
      if (start < 0) start = i;
      if (c === 36) special = true;
      i++;
      while (i < n) {
        const d = script.charCodeAt(i);
        if (d < 128 && SPECIAL[d] === 1) break;
        i++;
      }
      continue;
    }
    // a blank ends the word; a separator or the end also ends the command
    if (start >= 0) {
      words.push(joined === '' ? script.slice(start, i) : joined + script.slice(start, i));
      literal.push(!special);
      start = -1;
      joined = '';
      special = false;
    }
    if (endsCommand && words.length > 0) {
      // silently dropping the rest could hide a go build: refuse to judge instead
      if (commands.length >= MAX_COMMANDS) throw new ExpansionError(`the shell script runs more than ${MAX_COMMANDS} commands`, true);
      commands.push(words);
      words = [];
    }
    if (c === -1) return commands;
    i++;
  }
}

export interface ParseShellOptions {
  /** The file's work budget, shared with the model's own expansions. */
  budget?: WorkBudget;
  /** Variables already exported when the script starts (an `sh -c` script inherits its caller's). */
  exported?: Scope<string>;
}

/** Words that run the rest of the line as a command. */
const PREFIX_COMMANDS: ReadonlySet<string> = new Set(['env', 'exec', 'time', 'command', 'nice', 'nohup', 'sudo', 'xargs', 'then', 'do', 'else', 'if', 'while', 'until', '!', '{']);

/** PREFIX_COMMANDS.has(word), without hashing the many longer command words (`apt-get`, `/usr/local/go/bin/go`). */
function isPrefixCommand(word: string): boolean {
  return word.length <= 7 && PREFIX_COMMANDS.has(word);
}

/** The assignments of a command without any (shared: a SimpleCommand is never changed once made). */
export const NO_ASSIGNMENTS: ReadonlyMap<string, string> = new Map();

/**
 * Parses a shell script into simple commands, expanding variables with `vars` (the RUN's
 * environment) plus the assignments made earlier in the script.
 */
export function parseShell(script: string, vars: VarLookup, options: ParseShellOptions = {}): SimpleCommand[] {
  let shellVars: Map<string, string> | null = null;
  // a persistent map: each command keeps the version in effect for it, sharing the rest
  let exported = options.exported ?? EMPTY_ENV;
  const setShellVar = (name: string, value: string) => {
    (shellVars ??= new Map()).set(name, value);
  };
  const lookup: VarLookup = (name) => (shellVars === null ? undefined : shellVars.get(name)) ?? vars(name);
  const budget = options.budget;
  const result: SimpleCommand[] = [];
  const literal: boolean[] = [];
  let wordIndex = 0;
  for (const raw of splitRaw(script, literal)) {
    // most words are literal: the raw list serves as the expanded one until a word differs
    let expanded = raw;
    for (let i = 0; i < raw.length; i++) {
      if (literal[wordIndex++]) continue;
      if (expanded === raw) expanded = raw.slice();
      expanded[i] = expandShellWord(raw[i]!, lookup, budget);
    }
    // most commands have no leading assignment: they share one empty map
    let assignments: Map<string, string> | null = null;
    let k = 0;
    // leading assignments, also after `env`/`export`-like prefixes
    for (;;) {
      while (k < expanded.length && isAssignment(raw[k]!)) {
        const w = expanded[k]!;
        const eq = w.indexOf('=');
        (assignments ??= new Map()).set(w.slice(0, eq), w.slice(eq + 1));
        k++;
      }
      if (k < expanded.length && isPrefixCommand(expanded[k]!)) {
        k++;
        // skip the prefix command's own options (`env -i`, `nice -n 10` is rare enough)
        while (k < expanded.length && expanded[k]!.startsWith('-') && !isAssignment(expanded[k]!)) k++;
        continue;
      }
      break;
    }
    const words = k === 0 ? expanded : expanded.slice(k);
    if (words.length === 0) {
      // `A=b` alone sets a shell variable; an already exported one stays exported
      if (assignments === null) continue;
      for (const [name, value] of assignments) {
        setShellVar(name, value);
        if (exported.has(name) || vars(name) !== undefined) exported = exported.set(name, value);
      }
      continue;
    }
    if (words[0] === 'export' || words[0] === 'declare' || words[0] === 'typeset') {
      for (let i = 1; i < words.length; i++) {
        const w = words[i]!;
        if (!isAssignment(w)) continue;
        const eq = w.indexOf('=');
        const name = w.slice(0, eq);
        const value = w.slice(eq + 1);
        setShellVar(name, value);
        exported = exported.set(name, value);
      }
      continue;
    }
    result.push({ words, assignments: assignments ?? NO_ASSIGNMENTS, exported });
  }
  return result;
}

/** One shell word expanded (unknown variables kept); a word BuildKit's lexer cannot read is kept as written, a bound we hit is not. */
function expandShellWord(word: string, lookup: VarLookup, budget: WorkBudget | undefined): string {
  try {
    return expandToString(word, lookup, '\\', true, budget ?? WorkBudget.forInput(word.length));
  } catch (e) {
    if (e instanceof ExpansionError && e.pathological) throw e;
    return word;
  }
}

/** `NAME=...` (`^[A-Za-z_][A-Za-z0-9_]*=`). */
function isAssignment(word: string): boolean {
  const first = word.charCodeAt(0);
  if (!((first >= 65 && first <= 90) || (first >= 97 && first <= 122) || first === 95)) return false;
  for (let i = 1; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c === 61 /* = */) return true;
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95)) return false;
  }
  return false;
}
