/**
 * Heredoc detection as BuildKit's parser does it (parser.go heredocsFromLine,
 * ParseHeredoc): the whole instruction line is split into words by the shell lexer
 * (raw quotes and escapes, `<<` plus following blanks glued to the next word, so
 * `<< EOF` is a heredoc but `<<- EOF` is not); a word matching `^(\d*)<<(-?)\s*([^<]*)$`
 * whose rest lexes to exactly one word names a heredoc. If lexing the line fails
 * (an unmatched quote anywhere), BuildKit finds no heredocs at all; so do we.
 */
import { EMPTY_ENV, shellLex } from './shellLex';

export interface HeredocWord {
  name: string;
  fileDescriptor: number;
  chomp: boolean;
  expand: boolean;
}

export type HeredocScan = { ok: true; heredocs: HeredocWord[] } | { ok: false; error: string };

/** ParseHeredoc(word): a heredoc, null when the word is not one, or an error. */
export function parseHeredocWord(word: string): HeredocWord | null | { error: string } {
  let i = 0;
  while (i < word.length && word.charCodeAt(i) >= 0x30 && word.charCodeAt(i) <= 0x39) i++;
  const digits = word.slice(0, i);
  if (word.charCodeAt(i) !== 0x3c || word.charCodeAt(i + 1) !== 0x3c) return null;
  i += 2;
  let chomp = false;
  if (word.charCodeAt(i) === 0x2d) {
    chomp = true;
    i++;
  }
  // RE2 \s is [\t\n\f\r ]
  for (let c = word.charCodeAt(i); c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d; c = word.charCodeAt(i)) i++;
  const rest = word.slice(i);
  if (rest.includes('<')) return null;
  if (rest.length === 0) return null;

  const cooked = shellLex(rest, EMPTY_ENV, { skipUnsetEnv: true });
  if (!cooked.ok) return { error: cooked.error };
  if (cooked.words.length !== 1) return null;
  const raw = shellLex(rest, EMPTY_ENV, { skipUnsetEnv: true, rawQuotes: true });
  if (!raw.ok) return { error: raw.error };
  if (raw.words.length !== cooked.words.length) {
    return { error: `internal lexing of heredoc produced inconsistent results: ${rest}` };
  }
  const name = cooked.words[0];
  // a quoted (part of the) delimiter disables expansion of the body
  const expand = countQuotes(name) === countQuotes(raw.words[0]);
  const fd = digits === '' ? 0 : Number(digits);
  return { name, fileDescriptor: Number.isSafeInteger(fd) ? fd : 0, chomp, expand };
}

/** heredocsFromLine: every heredoc named on an instruction line, in order. */
export function heredocsFromLine(line: string): HeredocScan {
  const lexed = shellLex(line, EMPTY_ENV, { rawQuotes: true, rawEscapes: true, skipUnsetEnv: true });
  const words = lexed.ok ? lexed.words : [];
  const heredocs: HeredocWord[] = [];
  for (const word of words) {
    const h = parseHeredocWord(word);
    if (h === null) continue;
    if ('error' in h) return { ok: false, error: h.error };
    heredocs.push(h);
  }
  return { ok: true, heredocs };
}

function countQuotes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x27 || c === 0x22) n++;
  }
  return n;
}
