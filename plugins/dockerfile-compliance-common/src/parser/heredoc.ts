/**
 * Heredoc detection as BuildKit's parser does it (parser.go heredocsFromLine,
 * ParseHeredoc): the whole instruction line is split into words by the shell lexer
 * (raw quotes and escapes, `<<` plus following blanks glued to the next word, so
 * `<< EOF` is a heredoc but `<<- EOF` is not); a word matching `^(\d*)<<(-?)\s*([^<]*)$`
 * whose rest lexes to exactly one word names a heredoc. If lexing the line fails
 * (an unmatched quote anywhere), BuildKit finds no heredocs at all; so do we.
 */
import { isGoSpace } from './goText';
import { lexUnexpanded } from './shellLex';

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
  // a plain word lexes to itself, with or without raw quotes
  if (isPlain(rest, true)) return { name: rest, fileDescriptor: toFd(digits), chomp, expand: true };

  const cooked = lexUnexpanded(rest);
  if (!cooked.ok) return { error: cooked.error };
  if (cooked.words.length !== 1) return null;
  const raw = lexUnexpanded(rest, { rawQuotes: true });
  if (!raw.ok) return { error: raw.error };
  if (raw.words.length !== cooked.words.length) {
    return { error: `internal lexing of heredoc produced inconsistent results: ${rest}` };
  }
  const name = cooked.words[0];
  // a quoted (part of the) delimiter disables expansion of the body
  const expand = countQuotes(name) === countQuotes(raw.words[0]);
  return { name, fileDescriptor: toFd(digits), chomp, expand };
}

function toFd(digits: string): number {
  const fd = digits === '' ? 0 : Number(digits);
  return Number.isSafeInteger(fd) ? fd : 0;
}

/**
 * No character the shell lexer treats specially (quotes, `$`, `\`, a BOM it would skip)
 * and, when `noSpace`, no whitespace either.
 */
function isPlain(s: string, noSpace: boolean): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x27 || c === 0x22 || c === 0x24 || c === 0x5c || c === 0xfeff) return false;
    if (noSpace && isGoSpace(c)) return false;
  }
  return true;
}

/**
 * The raw-mode lexer's words for a plain line: split at whitespace, except that the
 * blanks ([ \t\r]) right after a `<<` belong to the word (`<< EOF` is one word); `<`
 * characters pair up from the left, so `<<<` is `<<` then `<`.
 */
function plainWords(line: string): string[] {
  const words: string[] = [];
  const n = line.length;
  let start = -1;
  for (let i = 0; i < n; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x3c && line.charCodeAt(i + 1) === 0x3c) {
      if (start < 0) start = i;
      i += 2;
      while (i < n) {
        const d = line.charCodeAt(i);
        if (d === 0x20 || d === 0x09 || d === 0x0d) i++;
        else break;
      }
      i--;
    } else if (isGoSpace(c)) {
      if (start >= 0) words.push(line.slice(start, i));
      start = -1;
    } else if (start < 0) start = i;
  }
  if (start >= 0) words.push(line.slice(start));
  return words;
}

/** heredocsFromLine: every heredoc named on an instruction line, in order. */
export function heredocsFromLine(line: string): HeredocScan {
  let words: string[];
  if (isPlain(line, false)) words = plainWords(line);
  else {
    const lexed = lexUnexpanded(line, { rawQuotes: true, rawEscapes: true });
    words = lexed.ok ? lexed.words : [];
  }
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
