/**
 * BuildKit's shell lexer (frontend/dockerfile/shell/lex.go) as its parser uses it to find
 * heredocs: escape `\`, no variables set and `SkipUnsetEnv`, so `$v`, `${v}`, `${v:-x}`,
 * `${v/a/b}`, ... stay as written while quotes, escapes and word splitting apply. Ported
 * statement by statement, quirks included (for example the word buffer that a nested
 * `${...}` resets, which drops the start of the current word). Variable expansion proper
 * lives in the model (model/expand.ts). Errors are returned as values, never thrown.
 */
import { isGoDigit, isGoLetter, isGoSpace } from './goText';

export interface LexOptions {
  /** Keep quote characters in the output (BuildKit's RawQuotes). */
  rawQuotes?: boolean;
  /** Keep escape characters in the output (BuildKit's RawEscapes). */
  rawEscapes?: boolean;
}

export type LexResult = { ok: true; result: string; words: string[] } | { ok: false; error: string };

const EOF = -1;
const ESCAPE = 0x5c; // the heredoc lexer always uses `\`, whatever the escape directive says

/** Deepest `${a:-${b:-...}}` nesting we follow; deeper is reported as an error. */
export const MAX_SUBSTITUTION_DEPTH = 500;

/**
 * Lex.ProcessWord (`result`: one string, spaces between words kept) and Lex.ProcessWords
 * (`words`: split like a shell) with every variable unset and left as written.
 */
export function lexUnexpanded(text: string, options: LexOptions = {}): LexResult {
  return new ShellWord(text, options).process();
}

/** The shared word buffer of a lexer run (see the file comment on the reset quirk). */
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
  private readonly rawQuotes: boolean;
  private rawEscapes: boolean;
  /** Go shares one strings.Builder between nested processStopOn calls; so do we. */
  private readonly wordsBuffer: WordBuffer = { s: '' };
  /** Nesting of `${...}` being processed (bounded: JavaScript stacks are not Go's). */
  private depth = 0;

  constructor(
    private readonly src: string,
    options: LexOptions,
  ) {
    this.rawQuotes = options.rawQuotes ?? false;
    this.rawEscapes = options.rawEscapes ?? false;
  }

  process(): LexResult {
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

  private processStopOn(stopChar: number, rawEscapes: boolean, preservePatternEscapes: boolean): Step<[string, string[]]> {
    if (this.depth >= MAX_SUBSTITUTION_DEPTH) {
      return new LexError(`substitutions nested more than ${MAX_SUBSTITUTION_DEPTH} deep`);
    }
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
      else if (ch === 0x27 /* ' */) special = this.processSingleQuote(preservePatternEscapes);
      else if (ch === 0x22 /* " */) special = this.processDoubleQuote(preservePatternEscapes);

      if (special !== undefined) {
        if (special instanceof LexError) return special;
        result += special;
        if (ch === 0x24) words.addString(special);
        else words.addRawString(special);
        continue;
      }

      ch = this.next();
      if (ch === ESCAPE) {
        if (this.rawEscapes) {
          words.addRawChar(ch);
          result += '\\';
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
    if (this.rawQuotes) result += "'";
    for (;;) {
      ch = this.next();
      if (ch === EOF) return new LexError('unexpected end of statement while looking for matching single-quote');
      if (ch === 0x27) {
        if (this.rawQuotes) result += "'";
        return result;
      }
      if (preservePatternEscapes && ch === ESCAPE) result += '\\';
      result += String.fromCodePoint(ch);
    }
  }

  private processDoubleQuote(preservePatternEscapes: boolean): Step<string> {
    let result = '';
    this.next();
    if (this.rawQuotes) result += '"';
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
      let ch = this.next();
      if (ch === ESCAPE) {
        const q = this.peek();
        if (q === EOF) continue; // a trailing escape is ignored
        if (q === 0x22 || q === 0x24 || q === ESCAPE) {
          if (this.rawEscapes) result += '\\';
          ch = this.next();
        } else if (this.rawEscapes && (!this.rawQuotes || preservePatternEscapes)) {
          result += '\\';
        }
      }
      result += String.fromCodePoint(ch);
    }
  }

  /** `$...` with the variable unset: the reference as written, or a syntax error. */
  private processDollar(): Step<string> {
    this.next();
    if (this.peek() !== 0x7b /* { */) {
      const name = this.processName();
      return name === '' ? '$' : '$' + name;
    }
    this.next();
    const first = this.peek();
    if (first === EOF) return new LexError("syntax error: missing '}'");
    if (first === 0x7b || first === 0x7d || first === 0x3a) return new LexError('syntax error: bad substitution');

    const name = this.processName();
    let ch = this.next();
    let chs = runeString(ch);
    if (ch === 0x7d /* } */) return '${' + name + '}';

    let nullIsUnset = false;
    if (ch === 0x3a /* : */) {
      nullIsUnset = true;
      ch = this.next();
      chs += runeString(ch);
    }
    // ${v:...} falls through to the modifier case whatever follows the colon
    if (nullIsUnset || ch === 0x2b || ch === 0x2d || ch === 0x3f || ch === 0x23 || ch === 0x25) {
      const rawEscapes = ch === 0x23 || ch === 0x25;
      if (nullIsUnset && rawEscapes) return new LexError(`unsupported modifier (${chs}) in substitution`);
      const word = this.processStopOn(0x7d, rawEscapes, rawEscapes);
      if (word instanceof LexError) return this.peek() === EOF ? new LexError("syntax error: missing '}'") : word;
      return '${' + name + chs + word[0] + '}';
    }
    if (ch === 0x2f /* / */) {
      if (this.peek() === 0x2f) this.next(); // ${v//p/r}: written back as ${v/p/r}, as BuildKit does
      const pattern = this.processStopOn(0x2f, true, true);
      if (pattern instanceof LexError) {
        return this.peek() === EOF ? new LexError("syntax error: missing '/' in ${}") : pattern;
      }
      const replacement = this.processStopOn(0x7d, true, false);
      if (replacement instanceof LexError) {
        return this.peek() === EOF ? new LexError("syntax error: missing '}'") : replacement;
      }
      return '${' + name + '/' + pattern[0] + '/' + replacement[0] + '}';
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
