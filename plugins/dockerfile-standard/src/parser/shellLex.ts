/**
 * A port of BuildKit's shell lexer (frontend/dockerfile/shell/lex.go): word splitting,
 * quotes and `$v`, `${v}`, `${v:-d}`, `${v-d}`, `${v:+x}`, `${v+x}`, `${v?m}`, `${v#p}`,
 * `${v%p}`, `${v/p/r}` expansion. The parser uses it to find heredoc words exactly as
 * BuildKit does; the model uses it to expand ARG/ENV values. Ported statement by statement,
 * quirks included (for example the word buffer that nested `${...}` processing resets).
 * Errors are returned as values, never thrown.
 */
import { isGoDigit, isGoLetter, isGoSpace } from './goText';

/** Variables visible to an expansion. `undefined` means unset. */
export interface ShellEnv {
  get(name: string): string | undefined;
}

export const EMPTY_ENV: ShellEnv = { get: () => undefined };

export interface ShellLexOptions {
  /** `\` (default) or `` ` ``. */
  escapeToken?: string;
  /** Keep quote characters in the output. */
  rawQuotes?: boolean;
  /** Keep escape characters in the output. */
  rawEscapes?: boolean;
  /** Do not treat quotes specially at all. */
  skipProcessQuotes?: boolean;
  /** Leave references to unset variables as written instead of expanding them to "". */
  skipUnsetEnv?: boolean;
}

export type ShellResult =
  | { ok: true; result: string; words: string[] }
  | { ok: false; error: string };

const EOF = -1;

/** Deepest `${a:-${b:-...}}` nesting we follow; deeper is reported as an error. */
export const MAX_SUBSTITUTION_DEPTH = 500;

/**
 * Expand `text` like BuildKit's Lex.ProcessWord (`result`: one string, spaces between
 * words retained) and Lex.ProcessWords (`words`: split like a shell, after expansion).
 */
export function shellLex(text: string, env: ShellEnv, options: ShellLexOptions = {}): ShellResult {
  return new ShellWord(text, env, options).process();
}

/** The shared word buffer of a lexer run (see the class comment on the reset quirk). */
interface WordBuffer {
  s: string;
}

class Words {
  words: string[] = [];
  inWord = false;
  constructor(private readonly buf: WordBuffer) {}

  addChar(ch: number): void {
    if (isGoSpace(ch) && this.inWord) {
      if (this.buf.s.length !== 0) {
        this.words.push(this.buf.s);
        this.buf.s = '';
        this.inWord = false;
      }
    } else if (!isGoSpace(ch)) {
      this.addRawChar(ch);
    }
  }

  addRawChar(ch: number): void {
    this.buf.s += String.fromCodePoint(ch);
    this.inWord = true;
  }

  addString(str: string): void {
    for (const ch of str) this.addChar(ch.codePointAt(0)!);
  }

  addRawString(str: string): void {
    this.buf.s += str;
    this.inWord = true;
  }

  getWords(): string[] {
    if (this.buf.s.length > 0) {
      this.words.push(this.buf.s);
      this.buf.s = '';
      this.inWord = false;
    }
    return this.words;
  }
}

class LexError {
  constructor(readonly message: string) {}
}

type Step<T> = T | LexError;

class ShellWord {
  private pos = 0;
  private started = false;
  private readonly escapeToken: number;
  private readonly rawQuotes: boolean;
  private rawEscapes: boolean;
  private readonly skipProcessQuotes: boolean;
  private readonly skipUnsetEnv: boolean;
  /** Go shares one strings.Builder between nested processStopOn calls; so do we. */
  private readonly wordsBuffer: WordBuffer = { s: '' };
  /** Nesting of `${...}` being processed (bounded: JavaScript stacks are not Go's). */
  private depth = 0;

  constructor(
    private readonly src: string,
    private readonly env: ShellEnv,
    options: ShellLexOptions,
  ) {
    this.escapeToken = (options.escapeToken ?? '\\').charCodeAt(0);
    this.rawQuotes = options.rawQuotes ?? false;
    this.rawEscapes = options.rawEscapes ?? false;
    this.skipProcessQuotes = options.skipProcessQuotes ?? false;
    this.skipUnsetEnv = options.skipUnsetEnv ?? false;
  }

  process(): ShellResult {
    const r = this.processStopOn(EOF, this.rawEscapes, false);
    if (r instanceof LexError) {
      return { ok: false, error: `failed to process ${JSON.stringify(this.src)}: ${r.message}` };
    }
    return { ok: true, result: r[0], words: r[1] };
  }

  // text/scanner semantics: code points, a BOM as the very first character is skipped.
  private peek(): number {
    if (!this.started) {
      this.started = true;
      if (this.src.charCodeAt(0) === 0xfeff) this.pos = 1;
    }
    if (this.pos >= this.src.length) return EOF;
    return this.src.codePointAt(this.pos)!;
  }

  private next(): number {
    const ch = this.peek();
    if (ch !== EOF) this.pos += ch > 0xffff ? 2 : 1;
    return ch;
  }

  private processStopOn(
    stopChar: number,
    rawEscapes: boolean,
    preservePatternEscapes: boolean,
  ): Step<[string, string[]]> {
    if (this.depth >= MAX_SUBSTITUTION_DEPTH) return new LexError(`substitutions nested more than ${MAX_SUBSTITUTION_DEPTH} deep`);
    const saved = this.rawEscapes;
    this.rawEscapes = rawEscapes;
    this.depth++;
    const r = this.processStopOnInner(stopChar, preservePatternEscapes);
    this.depth--;
    this.rawEscapes = saved;
    return r;
  }

  private processStopOnInner(stopChar: number, preservePatternEscapes: boolean): Step<[string, string[]]> {
    let result = '';
    this.wordsBuffer.s = '';
    const words = new Words(this.wordsBuffer);

    while (this.peek() !== EOF) {
      let ch = this.peek();
      if (stopChar !== EOF && ch === stopChar) {
        this.next();
        return [result, words.getWords()];
      }
      let special: Step<string> | undefined;
      if (ch === 0x24 /* $ */) special = this.processDollar();
      else if (ch === 0x3c /* < */) special = this.processPossibleHeredoc();
      else if (!this.skipProcessQuotes && ch === 0x27 /* ' */) special = this.processSingleQuote(preservePatternEscapes);
      else if (!this.skipProcessQuotes && ch === 0x22 /* " */) special = this.processDoubleQuote(preservePatternEscapes);

      if (special !== undefined) {
        if (special instanceof LexError) return special;
        result += special;
        if (ch === 0x24) words.addString(special);
        else words.addRawString(special);
        continue;
      }

      ch = this.next();
      if (ch === this.escapeToken) {
        if (this.rawEscapes) {
          words.addRawChar(ch);
          result += String.fromCodePoint(ch);
        }
        ch = this.next();
        if (ch === EOF) break;
        words.addRawChar(ch);
      } else {
        words.addChar(ch);
      }
      result += String.fromCodePoint(ch);
    }
    if (stopChar !== EOF) {
      return new LexError(`unexpected end of statement while looking for matching ${String.fromCodePoint(stopChar)}`);
    }
    return [result, words.getWords()];
  }

  private processSingleQuote(preservePatternEscapes: boolean): Step<string> {
    let result = '';
    let ch = this.next();
    if (this.rawQuotes) result += String.fromCodePoint(ch);
    for (;;) {
      ch = this.next();
      if (ch === EOF) return new LexError('unexpected end of statement while looking for matching single-quote');
      if (ch === 0x27) {
        if (this.rawQuotes) result += "'";
        return result;
      }
      if (preservePatternEscapes && ch === this.escapeToken) result += String.fromCodePoint(ch);
      result += String.fromCodePoint(ch);
    }
  }

  private processDoubleQuote(preservePatternEscapes: boolean): Step<string> {
    let result = '';
    let ch = this.next();
    if (this.rawQuotes) result += String.fromCodePoint(ch);
    for (;;) {
      const p = this.peek();
      if (p === EOF) return new LexError('unexpected end of statement while looking for matching double-quote');
      if (p === 0x22) {
        this.next();
        if (this.rawQuotes) result += '"';
        return result;
      }
      if (p === 0x24) {
        const value = this.processDollar();
        if (value instanceof LexError) return value;
        result += value;
        continue;
      }
      ch = this.next();
      if (ch === this.escapeToken) {
        const q = this.peek();
        if (q === EOF) continue; // a trailing escape is ignored
        if (q === 0x22 || q === 0x24 || q === this.escapeToken) {
          if (this.rawEscapes) result += String.fromCodePoint(ch);
          ch = this.next();
        } else if (this.rawEscapes && (!this.rawQuotes || preservePatternEscapes)) {
          result += String.fromCodePoint(ch);
        }
      }
      result += String.fromCodePoint(ch);
    }
  }

  private processDollar(): Step<string> {
    this.next();
    if (this.peek() !== 0x7b /* { */) {
      const name = this.processName();
      if (name === '') return '$';
      const value = this.env.get(name);
      if (value === undefined && this.skipUnsetEnv) return '$' + name;
      return value ?? '';
    }
    this.next();
    const first = this.peek();
    if (first === EOF) return new LexError("syntax error: missing '}'");
    if (first === 0x7b || first === 0x7d || first === 0x3a) return new LexError('syntax error: bad substitution');

    const name = this.processName();
    let ch = this.next();
    let chs = runeString(ch);
    let nullIsUnset = false;

    if (ch === 0x7d /* } */) {
      const value = this.env.get(name);
      if (value === undefined && this.skipUnsetEnv) return '${' + name + '}';
      return value ?? '';
    }
    if (ch === 0x3a /* : */) {
      nullIsUnset = true;
      ch = this.next();
      chs += runeString(ch);
    }
    if (nullIsUnset || ch === 0x2b || ch === 0x2d || ch === 0x3f || ch === 0x23 || ch === 0x25) {
      const rawEscapes = ch === 0x23 || ch === 0x25;
      if (nullIsUnset && rawEscapes) return new LexError(`unsupported modifier (${chs}) in substitution`);
      const inner = this.processStopOn(0x7d, rawEscapes, rawEscapes);
      if (inner instanceof LexError) {
        return this.peek() === EOF ? new LexError("syntax error: missing '}'") : inner;
      }
      let word = inner[0];
      const value = this.env.get(name);
      const set = value !== undefined;
      if (this.skipUnsetEnv && !set) return '${' + name + chs + word + '}';
      const v = value ?? '';
      switch (ch) {
        case 0x2d: // -
          return !set || (nullIsUnset && v === '') ? word : v;
        case 0x2b: // +
          return !set || (nullIsUnset && v === '') ? '' : word;
        case 0x3f: // ?
          if (!set) return new LexError(`${name}: ${word !== '' ? word : 'is not allowed to be unset'}`);
          if (nullIsUnset && v === '') return new LexError(`${name}: ${word !== '' ? word : 'is not allowed to be empty'}`);
          return v;
        case 0x25: // %
        case 0x23: {
          // #: shortest prefix, ##: longest; %: shortest suffix, %%: longest
          let greedy = false;
          if (word.length > 0 && word.charCodeAt(0) === ch) {
            greedy = true;
            word = word.slice(1);
          }
          return ch === 0x25 ? trimSuffix(word, v, greedy) : trimPrefix(word, v, greedy);
        }
        default:
          return new LexError(`unsupported modifier (${chs}) in substitution`);
      }
    }
    if (ch === 0x2f /* / */) {
      const replaceAll = this.peek() === 0x2f;
      if (replaceAll) this.next();
      const pattern = this.processStopOn(0x2f, true, true);
      if (pattern instanceof LexError) {
        return this.peek() === EOF ? new LexError("syntax error: missing '/' in ${}") : pattern;
      }
      const replacement = this.processStopOn(0x7d, true, false);
      if (replacement instanceof LexError) {
        return this.peek() === EOF ? new LexError("syntax error: missing '}'") : replacement;
      }
      const value = this.env.get(name);
      if (this.skipUnsetEnv && value === undefined) return '${' + name + '/' + pattern[0] + '/' + replacement[0] + '}';
      const re = shellPatternToRegex(pattern[0], true, false, replaceAll);
      if (re instanceof LexError) {
        return new LexError(`invalid pattern (${pattern[0]}) in substitution: ${re.message}`);
      }
      const v = value ?? '';
      if (replaceAll) return v.replace(re, (match) => expandGoTemplate(replacement[0], match));
      const m = re.exec(v);
      return m ? v.slice(0, m.index) + replacement[0] + v.slice(m.index + m[0].length) : v;
    }
    return new LexError(`unsupported modifier (${chs}) in substitution`);
  }

  private processName(): string {
    let name = '';
    while (this.peek() !== EOF) {
      const ch = this.peek();
      if (name.length === 0 && isGoDigit(ch)) {
        while (this.peek() !== EOF && isGoDigit(this.peek())) name += String.fromCodePoint(this.next());
        return name;
      }
      if (name.length === 0 && isSpecialParam(ch)) return String.fromCodePoint(this.next());
      if (!isGoLetter(ch) && !isGoDigit(ch) && ch !== 0x5f) break;
      name += String.fromCodePoint(this.next());
    }
    return name;
  }

  private processPossibleHeredoc(): string {
    this.next();
    if (this.peek() !== 0x3c) return '<';
    this.next();
    // whitespace between << and the word is part of the heredoc word
    let space = '';
    let c = this.peek();
    while (c === 0x09 || c === 0x0d || c === 0x20) {
      space += String.fromCharCode(c);
      this.next();
      c = this.peek();
    }
    return '<<' + space;
  }
}

function runeString(ch: number): string {
  return ch === EOF ? '\ufffd' : String.fromCodePoint(ch);
}

function isSpecialParam(ch: number): boolean {
  // @ * # ? - $ ! 0
  return ch === 0x40 || ch === 0x2a || ch === 0x23 || ch === 0x3f || ch === 0x2d || ch === 0x24 || ch === 0x21 || ch === 0x30;
}

/**
 * convertShellPatternToRegex: `?` one character, `*` any string (greedy or not),
 * no bracket expressions. Go's `.` matches anything but "\n"; so does `[^\n]` here.
 */
function shellPatternToRegex(pattern: string, greedy: boolean, anchored: boolean, global = false): RegExp | LexError {
  let out = anchored ? '^' : '';
  const star = greedy ? '[^\\n]*' : '[^\\n]*?';
  const cps = [...pattern];
  let i = pattern.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < cps.length; i++) {
    let tok = cps[i];
    switch (tok) {
      case '*':
        out += star;
        continue;
      case '?':
        out += '[^\\n]';
        continue;
      case '\\': {
        const peek = cps[i + 1];
        if (peek === '}' || peek === '/') continue;
        out += '\\';
        i++;
        tok = cps[i] ?? '';
        if (tok !== '*' && tok !== '?' && tok !== '\\') return new LexError(`invalid escape '\\${tok || '\ufffd'}'`);
        break;
      }
      case '[':
      case ']':
      case '{':
      case '}':
      case '.':
      case '+':
      case '(':
      case ')':
      case '|':
      case '^':
      case '$':
        out += '\\';
        break;
    }
    out += tok;
  }
  return new RegExp(out, global ? 'gu' : 'u');
}

function trimPrefix(word: string, value: string, greedy: boolean): string | LexError {
  const re = shellPatternToRegex(word, greedy, true);
  if (re instanceof LexError) return new LexError(`invalid pattern (${word}) in substitution: ${re.message}`);
  const m = re.exec(value);
  return m ? value.slice(m[0].length) : value;
}

function trimSuffix(pattern: string, word: string, greedy: boolean): string | LexError {
  // reverse both to turn the rightmost shortest match into a leftmost one
  const r = trimPrefix(reversePattern(pattern), [...word].reverse().join(''), greedy);
  return r instanceof LexError ? r : [...r].reverse().join('');
}

/** Reverse a pattern without reversing escapes: a\*c -> c\*a. */
function reversePattern(pattern: string): string {
  const runes = [...pattern];
  const out: string[] = new Array(runes.length);
  const last = runes.length - 1;
  for (let i = 0; i <= last; ) {
    const tok = runes[i];
    const outIdx = last - i;
    if (tok === '\\' && i !== last) {
      out[outIdx - 1] = tok;
      out[outIdx] = runes[i + 1];
      i += 2;
    } else {
      out[outIdx] = tok;
      i++;
    }
  }
  return out.join('');
}

/** Go's Regexp.Expand template for ReplaceAllString: `$0`/`${0}` is the match, `$$` a dollar. */
function expandGoTemplate(template: string, match: string): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c !== '$' || i + 1 >= template.length) {
      out += c;
      continue;
    }
    if (template[i + 1] === '$') {
      out += '$';
      i++;
      continue;
    }
    let name = '';
    let end = i + 1;
    if (template[i + 1] === '{') {
      const close = template.indexOf('}', i + 2);
      name = close < 0 ? '' : template.slice(i + 2, close);
      if (close < 0 || !/^[A-Za-z0-9_]+$/.test(name)) {
        out += '$';
        continue;
      }
      end = close + 1;
    } else {
      while (end < template.length && /[A-Za-z0-9_]/.test(template[end])) end++;
      name = template.slice(i + 1, end);
      if (name === '') {
        out += '$';
        continue;
      }
    }
    if (/^[0-9]+$/.test(name) && Number(name) === 0) out += match;
    i = end - 1;
  }
  return out;
}
