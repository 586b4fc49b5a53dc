/**
 * splitCommand and extractBuilderFlags of BuildKit (parser/split_command.go): the keyword
 * is the first run of non-`[\t\v\f\r ]`; the words after it that start with `--` are the
 * instruction's flags (quotes and escapes removed), up to the first word that does not.
 *
 * BuildKit scans the flags byte by byte and writes each byte as a rune, so a non-ASCII
 * character in a flag comes out Latin-1-decoded ("é" becomes "Ã©"), and the UTF-8
 * continuation bytes 0x85 and 0xA0 count as blanks. We reproduce that on the UTF-8 bytes
 * of the line (only when the line is not plain ASCII); bytes left dangling at the start of
 * the rest become U+FFFD, which is what Go's later decoding turns them into.
 */
import { goTrimSpace, isAscii, isAsciiBlank, isGoSpace } from './goText';

export interface SplitCommand {
  cmd: string;
  flags: string[];
  /** The arguments after the flags, trimmed (BuildKit's `args`). */
  rest: string;
}

export function splitCommand(line: string, escapeToken: number): SplitCommand {
  const trimmed = goTrimSpace(line);
  let i = 0;
  while (i < trimmed.length && !isAsciiBlank(trimmed.charCodeAt(i))) i++;
  const cmd = trimmed.slice(0, i);
  if (i === trimmed.length) return { cmd, flags: [], rest: '' };
  let j = i;
  while (j < trimmed.length && isAsciiBlank(trimmed.charCodeAt(j))) j++;
  const { rest, flags } = extractBuilderFlags(trimmed.slice(j), escapeToken);
  return { cmd, flags, rest: goTrimSpace(rest) };
}

/** A view of the line as Go's `line[pos]` bytes. */
interface ByteView {
  length: number;
  at(pos: number): number;
  /** `line[pos:]` as a JS string. */
  from(pos: number): string;
}

function asciiView(s: string): ByteView {
  return { length: s.length, at: (p) => s.charCodeAt(p), from: (p) => s.slice(p) };
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8');

function utf8View(s: string): ByteView {
  const bytes = utf8Encoder.encode(s);
  // Go's later passes decode each invalid byte to U+FFFD; TextDecoder does the same for
  // stray continuation bytes.
  return { length: bytes.length, at: (p) => bytes[p], from: (p) => utf8Decoder.decode(bytes.subarray(p)) };
}

export function extractBuilderFlags(line: string, escapeToken: number): { rest: string; flags: string[] } {
  const b = isAscii(line) ? asciiView(line) : utf8View(line);
  const IN_SPACES = 0;
  const IN_WORD = 1;
  const IN_QUOTE = 2;
  const words: string[] = [];
  let phase = IN_SPACES;
  let word = '';
  let quote = 0;
  let blankOK = false;
  let ch = 0;
  const n = b.length;

  for (let pos = 0; pos <= n; pos++) {
    if (pos !== n) ch = b.at(pos);
    if (phase === IN_SPACES) {
      if (pos === n) break;
      if (isGoSpace(ch)) continue;
      if (ch !== 0x2d || pos + 1 === n || b.at(pos + 1) !== 0x2d) return { rest: b.from(pos), flags: words };
      phase = IN_WORD; // a word starting with "--": fall through
    }
    if ((phase === IN_WORD || phase === IN_QUOTE) && pos === n) {
      if (word !== '--' && (blankOK || word.length > 0)) words.push(word);
      break;
    }
    if (phase === IN_WORD) {
      if (isGoSpace(ch)) {
        phase = IN_SPACES;
        if (word === '--') return { rest: b.from(pos), flags: words };
        if (blankOK || word.length > 0) words.push(word);
        word = '';
        blankOK = false;
        continue;
      }
      if (ch === 0x27 || ch === 0x22) {
        quote = ch;
        blankOK = true;
        phase = IN_QUOTE;
        continue;
      }
      if (ch === escapeToken) {
        if (pos + 1 === n) continue; // an escape at the end is dropped
        pos++;
        ch = b.at(pos);
      }
      word += String.fromCharCode(ch);
      continue;
    }
    // IN_QUOTE
    if (ch === quote) {
      phase = IN_WORD;
      continue;
    }
    if (ch === escapeToken) {
      if (pos + 1 === n) {
        phase = IN_WORD;
        continue;
      }
      pos++;
      ch = b.at(pos);
    }
    word += String.fromCharCode(ch);
  }
  return { rest: '', flags: words };
}
