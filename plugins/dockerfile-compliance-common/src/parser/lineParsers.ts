/**
 * The per-instruction argument parsers of BuildKit (parser/line_parsers.go) and the
 * dispatch table of parser.go: how the text after keyword and flags becomes the
 * argument list. Results carry BuildKit's node arguments (`nodeArgs`), except ENV/LABEL
 * which are reported as flattened [key, value] pairs.
 */
import { goToLower, goTrimLeftSpace, isAsciiBlank, isAscii, isGoSpace, toWellFormed } from './goText';
import { splitCommand } from './splitCommand';

/** One instruction line as BuildKit's parser sees it (a parser.Node). */
export interface LineNode {
  /** The keyword as written. */
  cmd: string;
  /** Lower-cased keyword when it is a known instruction, else null. */
  known: KnownKeyword | null;
  flags: string[];
  args: string[];
  json: boolean;
  rawArgs: string;
  /** ONBUILD: the trigger instruction. */
  trigger?: LineNode;
  /** ENV/LABEL: BuildKit's delimiter of each pair: "=" (`k=v`) or "" (legacy `k v`). */
  kvDelimiter?: '' | '=';
}

export type KnownKeyword =
  | 'add'
  | 'arg'
  | 'cmd'
  | 'copy'
  | 'entrypoint'
  | 'env'
  | 'expose'
  | 'from'
  | 'healthcheck'
  | 'label'
  | 'maintainer'
  | 'onbuild'
  | 'run'
  | 'shell'
  | 'stopsignal'
  | 'user'
  | 'volume'
  | 'workdir';

const KNOWN: ReadonlySet<string> = new Set<KnownKeyword>([
  'add',
  'arg',
  'cmd',
  'copy',
  'entrypoint',
  'env',
  'expose',
  'from',
  'healthcheck',
  'label',
  'maintainer',
  'onbuild',
  'run',
  'shell',
  'stopsignal',
  'user',
  'volume',
  'workdir',
]);

/** The instruction a keyword names (case-insensitive like Go's strings.ToLower), or null. */
function knownKeyword(cmd: string): KnownKeyword | null {
  // fast path without allocating: ASCII letters compared case-insensitively by length
  const n = cmd.length;
  const candidates = BY_LENGTH[n];
  if (candidates !== undefined) {
    let ascii = true;
    for (let i = 0; i < n; i++) if (cmd.charCodeAt(i) >= 0x80) ascii = false;
    if (ascii) {
      for (const k of candidates) if (equalsLowerAscii(cmd, k)) return k;
      return null;
    }
  }
  const lower = goToLower(cmd);
  return KNOWN.has(lower) ? (lower as KnownKeyword) : null;
}

const BY_LENGTH: (KnownKeyword[] | undefined)[] = [];
for (const k of KNOWN) (BY_LENGTH[k.length] ??= []).push(k as KnownKeyword);

/** s equals the lower-case ASCII word when ASCII letters are folded. */
function equalsLowerAscii(s: string, lower: string): boolean {
  for (let i = 0; i < lower.length; i++) {
    const c = s.charCodeAt(i);
    const folded = c >= 0x41 && c <= 0x5a ? c | 0x20 : c;
    if (folded !== lower.charCodeAt(i)) return false;
  }
  return true;
}

/** A parsed line, or BuildKit's parse error for it. */
export type LineResult = LineNode | { error: string };

interface ArgsResult {
  args: string[];
  json: boolean;
  trigger?: LineNode;
  kvDelimiter?: '' | '=';
}
type ParsedArgs = ArgsResult | { error: string };

/**
 * ONBUILD triggers nest (`ONBUILD ONBUİLD ...` passes BuildKit's checks), and each level
 * repeats the arguments of the levels below it. Past this depth we stop with an error
 * instead of recursing without bound; no real Dockerfile comes near it.
 */
export const MAX_ONBUILD_DEPTH = 64;

/** newNodeFromLine: split keyword, flags and arguments and parse the arguments. */
export function parseInstructionLine(line: string, escapeToken: number, depth = 0): LineResult {
  const { cmd, flags, rest } = splitCommand(line, escapeToken);
  const known = knownKeyword(cmd);
  if (known === 'onbuild' && depth >= MAX_ONBUILD_DEPTH) {
    return { error: `ONBUILD triggers nested more than ${MAX_ONBUILD_DEPTH} deep` };
  }
  const parsed = parseArgs(known, rest, escapeToken, depth);
  if ('error' in parsed) return parsed;
  const node: LineNode = { cmd, known, flags, args: parsed.args, json: parsed.json, rawArgs: rest };
  if (parsed.trigger) node.trigger = parsed.trigger;
  if (parsed.kvDelimiter !== undefined) node.kvDelimiter = parsed.kvDelimiter;
  return node;
}

function parseArgs(known: KnownKeyword | null, rest: string, escapeToken: number, depth: number): ParsedArgs {
  switch (known) {
    case 'add':
    case 'copy':
    case 'volume':
      return parseMaybeJSONToList(rest);
    case 'arg':
      return { args: parseWords(rest, escapeToken), json: false };
    case 'cmd':
    case 'entrypoint':
    case 'run':
    case 'shell':
      return parseMaybeJSON(rest);
    case 'env':
      return parseNameVal(rest, 'ENV', escapeToken);
    case 'label':
      return parseNameVal(rest, 'LABEL', escapeToken);
    case 'expose':
    case 'from':
      return { args: splitAsciiBlank(rest), json: false };
    case 'healthcheck':
      return parseHealthConfig(rest);
    case 'maintainer':
    case 'stopsignal':
    case 'user':
    case 'workdir':
      return { args: rest === '' ? [] : [rest], json: false };
    case 'onbuild': {
      if (rest === '') return { args: [], json: false };
      const child = parseInstructionLine(rest, escapeToken, depth + 1);
      if ('error' in child) return child;
      return { args: [child.cmd, ...nodeArgs(child)], json: false, trigger: child };
    }
    case null:
      // parseIgnore returns an empty node, which nodeArgs reports as one empty argument
      return { args: [''], json: false };
  }
}

/**
 * BuildKit's nodeArgs of a trigger: its arguments, with ENV/LABEL as the parser's
 * [key, value, delimiter] triples (top-level ENV/LABEL are reported as pairs instead).
 */
function nodeArgs(node: LineNode): string[] {
  if (node.kvDelimiter === undefined) return node.args;
  const out: string[] = [];
  for (let i = 0; i + 1 < node.args.length; i += 2) out.push(node.args[i], node.args[i + 1], node.kvDelimiter);
  return out;
}

/** parseStringsWhitespaceDelimited: split on runs of `[\t\v\f\r ]`. */
export function splitAsciiBlank(rest: string): string[] {
  if (rest === '') return [];
  const out: string[] = [];
  let start = 0;
  let i = 0;
  const n = rest.length;
  while (i < n) {
    if (isAsciiBlank(rest.charCodeAt(i))) {
      out.push(rest.slice(start, i));
      while (i < n && isAsciiBlank(rest.charCodeAt(i))) i++;
      start = i;
    } else i++;
  }
  out.push(rest.slice(start));
  return out;
}

const NOT_STRING_ARRAY = 'when using JSON array syntax, arrays must be comprised of strings only';

/**
 * parseJSON: a JSON array of strings, or `undefined` when the text is not valid JSON for
 * Go's encoding/json (then it is shell form), or the not-a-string-array error.
 */
function parseJSON(rest: string): string[] | undefined | { error: string } {
  const t = goTrimLeftSpace(rest);
  if (t.charCodeAt(0) !== 0x5b /* [ */) return undefined;
  const simple = simpleStringArray(t);
  if (simple === NOT_JSON) return undefined;
  if (simple !== undefined) return simple;
  // What Go's decoder rejects although JSON.parse accepts it: nesting beyond 10000 and
  // numbers beyond float64. Then it is not JSON, so shell form.
  if (!withinGoJsonLimits(t)) return undefined;
  let value: unknown;
  try {
    // JSON.parse is the only JSON validator at hand; a syntax error here is ordinary data
    // (shell form), and it happens only for lines that start with "[".
    value = JSON.parse(t);
  } catch {
    return undefined;
  }
  if (!Array.isArray(value)) return undefined; // Go: cannot unmarshal non-array into []any
  const out: string[] = [];
  for (const v of value) {
    if (typeof v !== 'string') return { error: NOT_STRING_ARRAY };
    out.push(toWellFormed(v));
  }
  return out;
}

/** simpleStringArray's answer for text JSON.parse would certainly reject (a shell-form `[ "$x" = y ]`). */
const NOT_JSON = Symbol('not JSON');

/**
 * The common exec form `["a", "b"]` (strings without escapes or control characters,
 * JSON whitespace between tokens) read without JSON.parse; NOT_JSON for text that is
 * certainly not JSON (so no SyntaxError is thrown and caught), undefined when unsure.
 */
function simpleStringArray(t: string): string[] | typeof NOT_JSON | undefined {
  const n = t.length;
  const out: string[] = [];
  let i = skipJsonSpace(t, 1);
  if (t.charCodeAt(i) === 0x5d /* ] */) return skipJsonSpace(t, i + 1) === n ? out : NOT_JSON;
  for (;;) {
    if (t.charCodeAt(i) !== 0x22) return undefined; // a number, object, nested array...: let JSON.parse judge
    const start = i + 1;
    for (i = start; i < n; i++) {
      const c = t.charCodeAt(i);
      if (c === 0x22) break;
      if (c < 0x20) return NOT_JSON; // JSON strings cannot hold raw control characters
      if (c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return undefined;
    }
    if (i >= n) return NOT_JSON; // unterminated string
    out.push(t.slice(start, i));
    i = skipJsonSpace(t, i + 1);
    const c = t.charCodeAt(i);
    if (c === 0x2c /* , */) i = skipJsonSpace(t, i + 1);
    else if (c === 0x5d /* ] */) return skipJsonSpace(t, i + 1) === n ? out : NOT_JSON;
    else return NOT_JSON; // after an array element only `,` or `]` is JSON
  }
}

function skipJsonSpace(t: string, from: number): number {
  let i = from;
  for (;;) {
    const c = t.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
    else return i;
  }
}

/** encoding/json's scanner limit. */
const GO_JSON_MAX_DEPTH = 10000;

/**
 * One pass over (possibly invalid) JSON text: false when it nests deeper than Go allows
 * or holds a number that overflows float64. Strings are skipped with their escapes.
 */
function withinGoJsonLimits(t: string): boolean {
  let depth = 0;
  const n = t.length;
  for (let i = 0; i < n; i++) {
    const c = t.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < n; i++) {
        const d = t.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > GO_JSON_MAX_DEPTH) return false;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      let j = i + 1;
      for (; j < n; j++) {
        const d = t.charCodeAt(j);
        if (!((d >= 0x30 && d <= 0x39) || d === 0x2e || d === 0x65 || d === 0x45 || d === 0x2b || d === 0x2d)) break;
      }
      const num = Number(t.slice(i, j)); // NaN for malformed tokens: JSON.parse rejects those
      if (num === Infinity || num === -Infinity) return false;
      i = j - 1;
    }
  }
  return true;
}

function parseMaybeJSON(rest: string): ParsedArgs {
  if (rest === '') return { args: [], json: false };
  const json = parseJSON(rest);
  if (json === undefined) return { args: [rest], json: false };
  if ('error' in json) return json;
  return { args: json, json: true };
}

function parseMaybeJSONToList(rest: string): ParsedArgs {
  const json = parseJSON(rest);
  if (json === undefined) return { args: splitAsciiBlank(rest), json: false };
  if ('error' in json) return json;
  return { args: json, json: true };
}

/** parseHealthConfig: `HEALTHCHECK <type> <command>`; the type ends at a blank byte. */
function parseHealthConfig(rest: string): ParsedArgs {
  // Go indexes bytes here; bytes 0x85 and 0xA0 (inside multi-byte characters) are blanks.
  const bytes = isAscii(rest) ? null : new TextEncoder().encode(rest);
  const n = bytes ? bytes.length : rest.length;
  const at = (p: number) => (bytes ? bytes[p] : rest.charCodeAt(p));
  let sep = 0;
  while (sep < n && !isGoSpace(at(sep))) sep++;
  let next = sep;
  while (next < n && isGoSpace(at(next))) next++;
  if (sep === 0) return { args: [], json: false };
  const decode = (a: number, b: number) =>
    bytes ? new TextDecoder('utf-8').decode(bytes.subarray(a, b)) : rest.slice(a, b);
  const typ = decode(0, sep);
  const cmd = parseMaybeJSON(decode(next, n));
  if ('error' in cmd) return cmd;
  return { args: [typ, ...cmd.args], json: cmd.json };
}

/**
 * parseWords: words separated by Go whitespace, quotes kept (they are removed later by
 * expansion), an escape keeps itself and the next character; a trailing escape is dropped.
 */
export function parseWords(rest: string, escapeToken: number): string[] {
  const IN_SPACES = 0;
  const IN_WORD = 1;
  const IN_QUOTE = 2;
  const words: string[] = [];
  let phase = IN_SPACES;
  let quote = 0;
  let blankOK = false;
  let word = '';
  let wordStart = -1; // fast path: the word is rest.slice(wordStart, pos) while unchanged
  const n = rest.length;

  for (let pos = 0; pos <= n; ) {
    const ch = pos < n ? rest.codePointAt(pos)! : 0;
    const w = ch > 0xffff ? 2 : 1;
    if (phase === IN_SPACES) {
      if (pos === n) break;
      if (isGoSpace(ch)) {
        pos += w;
        continue;
      }
      phase = IN_WORD;
      wordStart = pos;
      word = '';
    }
    if (pos === n) {
      word += rest.slice(wordStart, pos);
      if (blankOK || word.length > 0) words.push(word);
      break;
    }
    if (phase === IN_WORD) {
      if (isGoSpace(ch)) {
        word += rest.slice(wordStart, pos);
        phase = IN_SPACES;
        if (blankOK || word.length > 0) words.push(word);
        word = '';
        blankOK = false;
        pos += w;
        continue;
      }
      if (ch === 0x27 || ch === 0x22) {
        quote = ch;
        blankOK = true;
        phase = IN_QUOTE;
      }
      if (ch === escapeToken) {
        if (pos + w === n) {
          // drop the trailing escape
          word += rest.slice(wordStart, pos);
          wordStart = pos + w;
          pos += w;
          continue;
        }
        // keep the escape and the next character, whatever it is
        const next = rest.codePointAt(pos + w)!;
        pos += w + (next > 0xffff ? 2 : 1);
        continue;
      }
      pos += w;
      continue;
    }
    // IN_QUOTE
    if (ch === quote) phase = IN_WORD;
    if (ch === escapeToken && quote !== 0x27) {
      if (pos + w === n) {
        // drop the trailing escape and leave the quote
        word += rest.slice(wordStart, pos);
        wordStart = pos + w;
        phase = IN_WORD;
        pos += w;
        continue;
      }
      const next = rest.codePointAt(pos + w)!;
      pos += w + (next > 0xffff ? 2 : 1);
      continue;
    }
    pos += w;
  }
  return words;
}

/**
 * parseNameVal (ENV, LABEL): `KEY value` (legacy: the first word has no `=`; the value is
 * the rest of the line) or `k1=v1 k2=v2 ...`. Returned as flattened [key, value] pairs.
 */
function parseNameVal(rest: string, key: string, escapeToken: number): ParsedArgs {
  const words = parseWords(rest, escapeToken);
  if (words.length === 0) return { args: [], json: false };
  if (!words[0].includes('=')) {
    const parts = splitAsciiBlankN2(rest);
    if (parts.length < 2) return { error: `${key} must have two arguments` };
    return { args: parts, json: false, kvDelimiter: '' };
  }
  const args: string[] = [];
  for (const word of words) {
    const eq = word.indexOf('=');
    if (eq < 0) {
      return { error: `Syntax error - can't find = in ${goQuote(word)}. Must be of the form: name=value` };
    }
    args.push(word.slice(0, eq), word.slice(eq + 1));
  }
  return { args, json: false, kvDelimiter: '=' };
}

/** reWhitespace.Split(rest, 2). */
function splitAsciiBlankN2(rest: string): string[] {
  for (let i = 0; i < rest.length; i++) {
    if (isAsciiBlank(rest.charCodeAt(i))) {
      let j = i;
      while (j < rest.length && isAsciiBlank(rest.charCodeAt(j))) j++;
      return [rest.slice(0, i), rest.slice(j)];
    }
  }
  return [rest];
}

/** Close enough to Go's %q for messages. */
function goQuote(s: string): string {
  return JSON.stringify(s);
}
