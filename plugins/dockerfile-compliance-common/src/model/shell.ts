/**
 * Just enough of a POSIX shell to see which commands a RUN line runs: it splits a script
 * into simple commands at `&&`, `||`, `;`, `|`, `&`, newlines and parentheses (outside
 * quotes), drops comments, joins backslash-newline, and expands each word with the
 * variables known at that point (unknown ones are kept literally, so `${VERSION}` stays
 * visible instead of silently becoming empty). Variable assignments (`A=b`, `export A=b`)
 * are tracked through the script. Command substitutions are kept as opaque text.
 */
import { ExpansionError, expand, type ExpandOptions, type VarLookup } from './expand';
import { EMPTY_ENV, type Scope } from './scope';
import type { SimpleCommand } from './types';
import type { WorkBudget } from './workBudget';

export type { SimpleCommand };


/** More simple commands than this in one script is not a Dockerfile anyone reviews: too complex to check. */
export const MAX_COMMANDS = 10_000;
/** Characters splitRaw treats specially; everything else is copied in runs. */
const SPECIAL = /[\\'"$#\s;&|()]/g;

/** Splits `script` into raw words grouped per simple command. */
function splitRaw(script: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  const endWord = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endCommand = () => {
    endWord();
    if (words.length > 0) {
      // silently dropping the rest could hide a go build: refuse to judge instead
      if (commands.length >= MAX_COMMANDS) throw new ExpansionError(`the shell script runs more than ${MAX_COMMANDS} commands`, true);
      commands.push(words);
    }
    words = [];
  };
  const n = script.length;
  for (let i = 0; i < n; i++) {
    const ch = script[i]!;
    if (ch === '\\') {
      if (script[i + 1] === '\n') {
        i++;
        continue;
      }
      word += ch + (script[i + 1] ?? '');
      inWord = true;
      i++;
      continue;
    }
    if (ch === "'") {
      const end = script.indexOf("'", i + 1);
      const stop = end < 0 ? n : end + 1;
      word += script.slice(i, stop);
      inWord = true;
      i = stop - 1;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      while (j < n && script[j] !== '"') j += script[j] === '\\' ? 2 : 1;
      const stop = Math.min(j + 1, n);
      word += script.slice(i, stop);
      inWord = true;
      i = stop - 1;
      continue;
    }
    if (ch === '$' && script[i + 1] === '(') {
      // command substitution: keep as opaque text up to the matching parenthesis
      let depth = 0;
      let j = i + 1;
      for (; j < n; j++) {
        if (script[j] === '(') depth++;
        else if (script[j] === ')' && --depth === 0) break;
      }
      word += script.slice(i, Math.min(j + 1, n));
      inWord = true;
      i = j;
      continue;
    }
    if (ch === '#' && !inWord) {
      const nl = script.indexOf('\n', i);
      i = nl < 0 ? n : nl - 1;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      endWord();
      continue;
    }
    if (ch === '\n' || ch === ';' || ch === '&' || ch === '|' || ch === '(' || ch === ')') {
      endCommand();
      continue;
    }
    // a run of ordinary characters in one slice (the common case)
    SPECIAL.lastIndex = i + 1;
    const next = SPECIAL.exec(script);
    const stop = next ? next.index : n;
    word += script.slice(i, stop);
    inWord = true;
    i = stop - 1;
  }
  endCommand();
  return commands;
}

export interface ParseShellOptions {
  /** The file's work budget, shared with the model's own expansions. */
  budget?: WorkBudget;
  /** Variables already exported when the script starts (an `sh -c` script inherits its caller's). */
  exported?: Scope<string>;
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
/** Words that run the rest of the line as a command. */
const PREFIX_COMMANDS = new Set(['env', 'exec', 'time', 'command', 'nice', 'nohup', 'sudo', 'xargs', 'then', 'do', 'else', 'if', 'while', 'until', '!', '{']);

/**
 * Parses a shell script into simple commands, expanding variables with `vars` (the RUN's
 * environment) plus the assignments made earlier in the script.
 */
export function parseShell(script: string, vars: VarLookup, options: ParseShellOptions = {}): SimpleCommand[] {
  const shellVars = new Map<string, string>();
  // a persistent map: each command keeps the version in effect for it, sharing the rest
  let exported = options.exported ?? EMPTY_ENV;
  const setExported = (name: string, value: string) => {
    exported = exported.set(name, value);
  };
  const lookup: VarLookup = (name) => shellVars.get(name) ?? vars(name);
  // shell words keep unknown variables literally
  const expandOptions: ExpandOptions = { skipUnset: true, escapeChar: '\\', budget: options.budget };
  const result: SimpleCommand[] = [];
  for (const raw of splitRaw(script)) {
    const expanded: string[] = [];
    for (const w of raw) {
      try {
        const r = expand(w, lookup, expandOptions);
        expanded.push(r.result);
      } catch (e) {
        // a shell word BuildKit's lexer cannot read is kept as written; a bound we hit is not
        if (e instanceof ExpansionError && e.pathological) throw e;
        expanded.push(w);
      }
    }
    const assignments = new Map<string, string>();
    let k = 0;
    // leading assignments, also after `env`/`export`-like prefixes
    for (;;) {
      while (k < expanded.length && ASSIGNMENT.test(raw[k]!)) {
        const [name, value] = splitAssignment(expanded[k]!);
        assignments.set(name, value);
        k++;
      }
      if (k < expanded.length && PREFIX_COMMANDS.has(expanded[k]!)) {
        k++;
        // skip the prefix command's own options (`env -i`, `nice -n 10` is rare enough)
        while (k < expanded.length && expanded[k]!.startsWith('-') && !ASSIGNMENT.test(expanded[k]!)) k++;
        continue;
      }
      break;
    }
    const words = expanded.slice(k);
    if (words.length === 0) {
      // `A=b` alone sets a shell variable; an already exported one stays exported
      for (const [name, value] of assignments) {
        shellVars.set(name, value);
        if (exported.has(name) || vars(name) !== undefined) setExported(name, value);
      }
      continue;
    }
    if (words[0] === 'export' || words[0] === 'declare' || words[0] === 'typeset') {
      for (const w of words.slice(1)) {
        if (!ASSIGNMENT.test(w)) continue;
        const [name, value] = splitAssignment(w);
        shellVars.set(name, value);
        setExported(name, value);
      }
      continue;
    }
    result.push({ words, assignments, exported });
  }
  return result;
}

function splitAssignment(word: string): [string, string] {
  const eq = word.indexOf('=');
  return [word.slice(0, eq), word.slice(eq + 1)];
}
