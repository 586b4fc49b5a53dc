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
import { goTrimSpace, isAsciiBlank, isGoSpace } from './goText';

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

const NO_FLAGS: string[] = [];
const IN_SPACES = 0;
const IN_WORD = 1;
const IN_QUOTE = 2;

/**
 * extractBuilderFlags on the string; when a flag word contains a non-ASCII character it
 * starts over on the UTF-8 bytes (see the file comment).
 */
export function extractBuilderFlags(line: string, escapeToken: number): { rest: string; flags: string[] } {
  // most instructions have no flags: the line starts with its first argument
  const c0 = line.charCodeAt(0);
  if (c0 !== 0x2d && !isGoSpace(c0)) return { rest: line, flags: NO_FLAGS };
  const fast = extractFlags(line, escapeToken, null);
  return fast ?? extractFlags(line, escapeToken, utf8Encoder.encode(line))!;
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8');

/**
 * The byte loop of extractBuilderFlags, over `bytes` when given, else over the UTF-16
 * units of `line` (null when a non-ASCII unit inside a flag word needs the byte loop).
 * On the string, word text is taken in slices between skipped quote/escape characters.
 */
function extractFlags(line: string, escapeToken: number, bytes: Uint8Array | null): { rest: string; flags: string[] } | null {
  const n = bytes ? bytes.length : line.length;
  // `line[pos:]`; bytes left dangling become U+FFFD like Go's later decoding makes them
  const from = (pos: number) => (bytes ? utf8Decoder.decode(bytes.subarray(pos)) : line.slice(pos));
  const at = (pos: number) => (bytes ? bytes[pos] : line.charCodeAt(pos));
  const words: string[] = [];
  let phase = IN_SPACES;
  let word = '';
  let segStart = 0; // string mode: the pending slice of the word starts here
  let quote = 0;
  let blankOK = false;
  let ch = 0;
  /** Add the pending slice [segStart, end) to the word (string mode). */
  const flush = (end: number) => {
    if (!bytes && end > segStart) word += line.slice(segStart, end);
  };
  /** Add one character (byte mode). */
  const put = (c: number) => {
    if (bytes) word += String.fromCharCode(c);
  };

  for (let pos = 0; pos <= n; pos++) {
    if (pos !== n) {
      ch = at(pos);
      // a non-ASCII character: a lead byte (never blank) at a word start, else bytes matter
      if (ch >= 0x80 && !bytes) {
        if (phase !== IN_SPACES) return null;
        return { rest: line.slice(pos), flags: words };
      }
    }
    if (phase === IN_SPACES) {
      if (pos === n) break;
      if (isGoSpace(ch)) continue;
      if (ch !== 0x2d || pos + 1 === n || at(pos + 1) !== 0x2d) return { rest: from(pos), flags: words };
      phase = IN_WORD; // a word starting with "--": fall through
      segStart = pos;
    }
    if ((phase === IN_WORD || phase === IN_QUOTE) && pos === n) {
      flush(pos);
      if (word !== '--' && (blankOK || word.length > 0)) words.push(word);
      break;
    }
    if (phase === IN_WORD) {
      if (isGoSpace(ch)) {
        flush(pos);
        phase = IN_SPACES;
        if (word === '--') return { rest: from(pos), flags: words };
        if (blankOK || word.length > 0) words.push(word);
        word = '';
        blankOK = false;
        continue;
      }
      if (ch === 0x27 || ch === 0x22) {
        flush(pos);
        segStart = pos + 1;
        quote = ch;
        blankOK = true;
        phase = IN_QUOTE;
        continue;
      }
      if (ch === escapeToken) {
        flush(pos);
        segStart = pos + 1;
        if (pos + 1 === n) continue; // an escape at the end is dropped
        pos++;
        ch = at(pos);
        if (ch >= 0x80 && !bytes) return null;
      }
      put(ch);
      continue;
    }
    // IN_QUOTE
    if (ch === quote) {
      flush(pos);
      segStart = pos + 1;
      phase = IN_WORD;
      continue;
    }
    if (ch === escapeToken) {
      flush(pos);
      segStart = pos + 1;
      if (pos + 1 === n) {
        phase = IN_WORD;
        continue;
      }
      pos++;
      ch = at(pos);
      if (ch >= 0x80 && !bytes) return null;
    }
    put(ch);
  }
  return { rest: '', flags: words };
}
