/**
 * Variable expansion and word splitting, ported from BuildKit's shell lexer
 * (github.com/moby/buildkit frontend/dockerfile/shell/lex.go, v0.34.2): `$v`, `${v}`,
 * `${v:-d}`, `${v-d}`, `${v:+x}`, `${v+x}`, `${v:?msg}`, `${v?msg}`, `${v#p}`, `${v%p}`,
 * `${v/p/r}`, escapes, single quotes (no expansion) and double quotes.
 *
 * Unlike BuildKit it is bounded: nesting deeper than MAX_EXPANSION_DEPTH or a result longer
 * than MAX_EXPANSION_LENGTH is an ExpansionError (ARG a=$b$b chains grow exponentially),
 * patterns are matched without backtracking (shellPattern.ts), and the output and matching
 * work of a whole file are charged to one WorkBudget, so a file's expansions cost time
 * linear in its size.
 */
import { PatternSyntaxError, replaceAll, replaceFirst, trimPrefix, trimSuffix } from './shellPattern';
import { WorkBudget, WorkBudgetExceeded } from './workBudget';

export const MAX_EXPANSION_DEPTH = 64;
export const MAX_EXPANSION_LENGTH = 256 * 1024;

/**
 * Raised for what BuildKit rejects (bad substitution, `${v:?}` on unset) and for our bounds.
 *
 * @public
 */
export class ExpansionError extends Error {
  constructor(
    message: string,
    /** true when the input hit a depth/size bound rather than a BuildKit syntax error. */
    readonly pathological = false,
  ) {
    super(message);
    this.name = 'ExpansionError';
  }
}

/**
 * Variable lookup: undefined means unset (an `ARG name` without value is unset).
 *
 * @public
 */
export type VarLookup = (name: string) => string | undefined;

/** @public */
export interface ExpandOptions {
  /** The Dockerfile escape character (`\` or the `# escape=` directive's backtick). */
  escapeChar?: string;
  /** Keep `$name` / `${name...}` literally when name is unset (BuildKit's SkipUnsetEnv). */
  skipUnset?: boolean;
  /** Also split into words (ProcessWords); off by default because most callers need only the string. */
  words?: boolean;
  /** The file's work budget (see workBudget.ts); a fresh one sized to the word when absent. */
  budget?: WorkBudget;
}

/** @public */
export interface ExpandResult {
  /** ProcessWord's result: quotes removed, variables replaced, spaces kept. */
  result: string;
  /** ProcessWords' result: the same split into words after expansion (only with `options.words`). */
  words: string[];
  /** Names referenced but unset (not counting `${v:-d}`-style forms that handle unset themselves). */
  unmatched: string[];
}

const EOF = '';

class WordsBuilder {
  constructor(private readonly enabled: boolean) {}
  buf = '';
  words: string[] = [];
  inWord = false;

  addChar(ch: string): void {
    if (!this.enabled) return;
    if (isSpace(ch)) {
      if (this.inWord && this.buf.length !== 0) {
        this.words.push(this.buf);
        this.buf = '';
        this.inWord = false;
      }
    } else {
      this.addRawChar(ch);
    }
  }
  addRawChar(ch: string): void {
    if (!this.enabled) return;
    this.buf += ch;
    this.inWord = true;
  }
  addString(s: string): void {
    if (!this.enabled) return;
    for (const ch of s) this.addChar(ch);
  }
  addRawString(s: string): void {
    if (!this.enabled) return;
    this.buf += s;
    this.inWord = true;
  }
  getWords(): string[] {
    if (!this.enabled) return [];
    if (this.buf.length > 0) {
      this.words.push(this.buf);
      this.buf = '';
      this.inWord = false;
    }
    return this.words;
  }
}

/** Charges expansion work to the file's budget; running out is an ExpansionError marked pathological. */
function chargeExpansion(budget: WorkBudget, units: number): void {
  try {
    budget.charge(units);
  } catch (e) {
    if (e instanceof WorkBudgetExceeded) throw new ExpansionError(e.message, true);
    throw e;
  }
}

/** The builder of a run that does not split words: every call is a no-op, so one instance serves all. */
const NO_WORDS = new WordsBuilder(false);

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\v' || ch === '\f' || ch === '\u0085' || ch === '\u00a0' || (ch > '\u00ff' && /\s/u.test(ch));
}

const LETTER_OR_DIGIT = /^[\p{L}\p{Nd}]$/u;
function isAsciiAlnum(ch: string): boolean {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
}
function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9';
}
function isSpecialParam(ch: string): boolean {
  return ch === '@' || ch === '*' || ch === '#' || ch === '?' || ch === '-' || ch === '$' || ch === '!' || ch === '0';
}

class ShellWord {
  private pos = 0;
  private depth = 0;
  private rawEscapes = false;
  /** Unset names referenced, in first-seen order (most words have none: allocated on the first). */
  unmatched: Set<string> | null = null;

  constructor(
    private readonly src: string,
    private readonly lookup: VarLookup,
    private readonly escape: string,
    private readonly skipUnset: boolean,
    private readonly wantWords: boolean,
    private readonly budget: WorkBudget,
  ) {}

  private peek(): string {
    return this.pos < this.src.length ? this.src[this.pos]! : EOF;
  }
  private next(): string {
    return this.pos < this.src.length ? this.src[this.pos++]! : EOF;
  }

  /** `track` false for `${v-d}`, `${v+x}`, `${v?m}`: an unset value there is handled by the form itself. */
  private getEnv(name: string, track = true): string | undefined {
    const v = this.lookup(name);
    if (v === undefined && track) (this.unmatched ??= new Set()).add(name);
    return v;
  }

  /** `s` is `prefix + added`: the added part is charged to the budget, the total bounded. */
  private checkLength(s: string, added: number): string {
    this.charge(added);
    if (s.length > MAX_EXPANSION_LENGTH) {
      throw new ExpansionError(`variable expansion exceeds ${MAX_EXPANSION_LENGTH} characters`, true);
    }
    return s;
  }

  private charge(units: number): void {
    chargeExpansion(this.budget, units);
  }

  /** Runs a pattern operation, mapping its errors to BuildKit's messages and its budget overrun to ours. */
  private withPattern(pattern: string, run: (budget: WorkBudget) => string): string {
    try {
      return run(this.budget);
    } catch (e) {
      if (e instanceof PatternSyntaxError) throw new ExpansionError(`invalid pattern (${pattern}) in substitution: ${e.message}`);
      if (e instanceof WorkBudgetExceeded) throw new ExpansionError(e.message, true);
      throw e;
    }
  }

  /** The word itself is copied into the result once: charged up front. */
  chargeInput(): void {
    this.charge(this.src.length);
  }

  process(): { result: string; words: string[] } {
    return this.processStopOn(EOF, this.rawEscapes, false);
  }

  private processStopOn(stopChar: string, rawEscapes: boolean, preservePatternEscapes: boolean): { result: string; words: string[] } {
    if (++this.depth > MAX_EXPANSION_DEPTH) {
      throw new ExpansionError(`variable substitutions nested deeper than ${MAX_EXPANSION_DEPTH}`, true);
    }
    const savedRaw = this.rawEscapes;
    this.rawEscapes = rawEscapes;
    try {
      let result = '';
      const words = this.wantWords ? new WordsBuilder(true) : NO_WORDS;
      while (this.peek() !== EOF) {
        const ch = this.peek();
        if (stopChar !== EOF && ch === stopChar) {
          this.next();
          return { result, words: words.getWords() };
        }
        let special: string | null = null;
        if (ch === '$') special = this.processDollar();
        else if (ch === '<') special = this.processPossibleHeredoc();
        else if (ch === "'") special = this.processSingleQuote(preservePatternEscapes);
        else if (ch === '"') special = this.processDoubleQuote(preservePatternEscapes);
        if (special !== null) {
          result = this.checkLength(result + special, special.length);
          if (ch === '$') words.addString(special);
          else words.addRawString(special);
          continue;
        }
        if (!this.wantWords && ch !== this.escape) {
          // a run of ordinary characters in one slice (the common case; no words to split)
          const end = this.endOfPlainRun(this.pos + 1, stopChar);
          result += this.src.slice(this.pos, end);
          this.pos = end;
          continue;
        }
        let c = this.next();
        if (c === this.escape) {
          if (this.rawEscapes) {
            words.addRawChar(c);
            result += c;
          }
          // the escape character escapes the next one, except at the end of the word
          c = this.next();
          if (c === EOF) break;
          words.addRawChar(c);
        } else {
          words.addChar(c);
        }
        result += c;
      }
      if (stopChar !== EOF) {
        throw new ExpansionError(`unexpected end of statement while looking for matching ${stopChar}`);
      }
      return { result, words: words.getWords() };
    } finally {
      this.rawEscapes = savedRaw;
      this.depth--;
    }
  }

  /** Where a run of characters with no meaning to processStopOn, starting before `from`, ends. */
  private endOfPlainRun(from: number, stopChar: string): number {
    const src = this.src;
    const esc = this.escape;
    let i = from;
    for (; i < src.length; i++) {
      const c = src[i];
      if (c === '$' || c === '<' || c === "'" || c === '"' || c === esc || c === stopChar) break;
    }
    return i;
  }

  /** The same inside double quotes, where only `"`, `$` and the escape character mean something. */
  private endOfQuotedRun(from: number): number {
    const src = this.src;
    const esc = this.escape;
    let i = from;
    for (; i < src.length; i++) {
      const c = src[i];
      if (c === '"' || c === '$' || c === esc) break;
    }
    return i;
  }

  private processSingleQuote(preservePatternEscapes: boolean): string {
    let result = '';
    this.next();
    if (!preservePatternEscapes) {
      const end = this.src.indexOf("'", this.pos);
      if (end < 0) {
        this.pos = this.src.length;
        throw new ExpansionError('unexpected end of statement while looking for matching single-quote');
      }
      result = this.src.slice(this.pos, end);
      this.pos = end + 1;
      return result;
    }
    for (;;) {
      const ch = this.next();
      if (ch === EOF) throw new ExpansionError('unexpected end of statement while looking for matching single-quote');
      if (ch === "'") return result;
      if (preservePatternEscapes && ch === this.escape) result += ch;
      result += ch;
    }
  }

  // BuildKit's processDoubleQuote takes the same flag; inside double quotes it changes nothing here
  private processDoubleQuote(_preservePatternEscapes: boolean): string {
    let result = '';
    this.next();
    for (;;) {
      const p = this.peek();
      if (p === EOF) throw new ExpansionError('unexpected end of statement while looking for matching double-quote');
      if (p === '"') {
        this.next();
        return result;
      }
      if (p === '$') {
        const value = this.processDollar();
        result = this.checkLength(result + value, value.length);
        continue;
      }
      if (p !== this.escape) {
        const end = this.endOfQuotedRun(this.pos + 1);
        result += this.src.slice(this.pos, end);
        this.pos = end;
        continue;
      }
      let ch = this.next();
      if (ch === this.escape) {
        const n = this.peek();
        if (n === EOF) continue; // ignore the escape at the end of the word
        if (n === '"' || n === '$' || n === this.escape) {
          if (this.rawEscapes) result += ch;
          ch = this.next();
        } else if (this.rawEscapes) {
          // BuildKit: `rawEscapes && (!RawQuotes || preservePatternEscapes)`, RawQuotes is never set here
          result += ch;
        }
      }
      result += ch;
    }
  }

  private processName(): string {
    let name = '';
    while (this.peek() !== EOF) {
      const ch = this.peek();
      if (name.length === 0 && isDigit(ch)) {
        while (this.peek() !== EOF && isDigit(this.peek())) name += this.next();
        return name;
      }
      if (name.length === 0 && isSpecialParam(ch)) {
        return this.next();
      }
      if (ch !== '_' && !isAsciiAlnum(ch) && (ch < '\u0080' || !LETTER_OR_DIGIT.test(ch))) break;
      name += this.next();
    }
    return name;
  }

  private processPossibleHeredoc(): string {
    this.next();
    if (this.peek() !== '<') return '<';
    this.next();
    let space = '';
    while (this.peek() === ' ' || this.peek() === '\t' || this.peek() === '\r') space += this.next();
    return '<<' + space;
  }

  private processDollar(): string {
    this.next();
    if (this.peek() !== '{') {
      const name = this.processName();
      if (name === '') return '$';
      const value = this.getEnv(name);
      if (value === undefined && this.skipUnset) return '$' + name;
      return value ?? '';
    }
    this.next();
    const first = this.peek();
    if (first === EOF) throw new ExpansionError("syntax error: missing '}'");
    if (first === '{' || first === '}' || first === ':') throw new ExpansionError('syntax error: bad substitution');
    const name = this.processName();
    let ch = this.next();
    let chs = ch;
    let nullIsUnset = false;
    switch (ch) {
      case '}': {
        const value = this.getEnv(name);
        if (value === undefined && this.skipUnset) return '${' + name + '}';
        return value ?? '';
      }
      case ':':
      case '+':
      case '-':
      case '?':
      case '#':
      case '%': {
        if (ch === ':') {
          nullIsUnset = true;
          ch = this.next();
          chs += ch;
        }
        const rawEscapes = ch === '#' || ch === '%';
        if (nullIsUnset && rawEscapes) throw new ExpansionError(`unsupported modifier (${chs}) in substitution`);
        let word: string;
        try {
          word = this.processStopOn('}', rawEscapes, rawEscapes).result;
        } catch (e) {
          if (e instanceof ExpansionError && !e.pathological && this.peek() === EOF) throw new ExpansionError("syntax error: missing '}'");
          throw e;
        }
        const value = this.getEnv(name, ch === '#' || ch === '%');
        if (this.skipUnset && value === undefined) return '${' + name + chs + word + '}';
        const set = value !== undefined;
        switch (ch) {
          case '-':
            return !set || (nullIsUnset && value === '') ? word : value!;
          case '+':
            return !set || (nullIsUnset && value === '') ? '' : word;
          case '?':
            if (!set) throw new ExpansionError(`${name}: ${word !== '' ? word : 'is not allowed to be unset'}`);
            if (nullIsUnset && value === '') throw new ExpansionError(`${name}: ${word !== '' ? word : 'is not allowed to be empty'}`);
            return value!;
          case '%':
          case '#': {
            let greedy = false;
            if (word.length > 0 && word[0] === ch) {
              greedy = true;
              word = word.slice(1);
            }
            const pattern = word;
            return this.withPattern(pattern, (budget) =>
              ch === '%' ? trimSuffix(pattern, value ?? '', greedy, budget) : trimPrefix(pattern, value ?? '', greedy, budget),
            );
          }
          default:
            throw new ExpansionError(`unsupported modifier (${chs}) in substitution`);
        }
      }
      case '/': {
        const all = this.peek() === '/';
        if (all) this.next();
        let pattern: string;
        let replacement: string;
        try {
          pattern = this.processStopOn('/', true, true).result;
        } catch (e) {
          if (e instanceof ExpansionError && !e.pathological && this.peek() === EOF) throw new ExpansionError("syntax error: missing '/' in ${}");
          throw e;
        }
        try {
          replacement = this.processStopOn('}', true, false).result;
        } catch (e) {
          if (e instanceof ExpansionError && !e.pathological && this.peek() === EOF) throw new ExpansionError("syntax error: missing '}'");
          throw e;
        }
        const value = this.getEnv(name);
        if (this.skipUnset && value === undefined) return '${' + name + '/' + pattern + '/' + replacement + '}';
        const v = value ?? '';
        if (all) {
          const replaced = this.withPattern(pattern, (budget) => replaceAll(pattern, v, replacement, budget));
          return this.checkLength(replaced, 0);
        }
        return this.withPattern(pattern, (budget) => replaceFirst(pattern, v, replacement, budget));
      }
      default:
        throw new ExpansionError(`unsupported modifier (${chs === EOF ? 'EOF' : chs}) in substitution`);
    }
  }
}

/**
 * Expands one Dockerfile word (or value) like BuildKit's ProcessWordWithMatches + ProcessWords.
 *
 * @public
 */
export function expand(word: string, lookup: VarLookup, options: ExpandOptions = {}): ExpandResult {
  if (isPlainWord(word, options.escapeChar ?? '\\')) {
    // fast path: nothing to expand or unquote
    return { result: word, words: options.words ? splitPlain(word) : [], unmatched: [] };
  }
  const budget = options.budget ?? WorkBudget.forInput(word.length);
  if (!options.words && isSimpleReferenceWord(word)) {
    const unmatched: string[] = [];
    return { result: substituteSimpleReferences(word, lookup, options.skipUnset ?? false, budget, unmatched), words: [], unmatched };
  }
  const sw = new ShellWord(word, lookup, options.escapeChar ?? '\\', options.skipUnset ?? false, options.words ?? false, budget);
  sw.chargeInput();
  const { result, words } = sw.process();
  return { result, words, unmatched: sw.unmatched ? [...sw.unmatched] : [] };
}

/**
 * `expand(word, lookup, { escapeChar, skipUnset, budget }).result` without the result
 * object: the same work, charges and errors, for the many callers that need only the string
 * (every word of the model but a FROM image, whose unset names it reports).
 */
export function expandToString(word: string, lookup: VarLookup, escapeChar: string, skipUnset: boolean, budget: WorkBudget): string {
  if (isPlainWord(word, escapeChar)) return word;
  if (isSimpleReferenceWord(word)) return substituteSimpleReferences(word, lookup, skipUnset, budget, null);
  if (isQuotedSimpleWord(word, escapeChar)) return substituteQuotedSimple(word, lookup, skipUnset, budget);
  const sw = new ShellWord(word, lookup, escapeChar, skipUnset, false, budget);
  sw.chargeInput();
  return sw.process().result;
}

/**
 * The common case of a word with variables: plain text and `$NAME` / `${NAME}` references
 * (ASCII names), nothing else that means something to the lexer (isSimpleReferenceWord).
 * Gives exactly what ShellWord gives for such a word, charged the same way, in one pass.
 * `<` only matters when splitting words, which this path never does. Unset names are
 * added to `unmatched` (first-seen order, once each) when it is given.
 */
function substituteSimpleReferences(word: string, lookup: VarLookup, skipUnset: boolean, budget: WorkBudget, unmatched: string[] | null): string {
  // charged like ShellWord: the input once, then each substituted text before the length check
  chargeExpansion(budget, word.length);
  let result = '';
  let i = 0;
  for (;;) {
    const dollar = word.indexOf('$', i);
    if (dollar < 0) return result + word.slice(i);
    result += word.slice(i, dollar);
    const braced = word.charCodeAt(dollar + 1) === 123; /* { */
    const start = dollar + (braced ? 2 : 1);
    let end = start + 1;
    while (end < word.length && isNameChar(word.charCodeAt(end))) end++;
    const name = word.slice(start, end);
    const after = braced ? end + 1 : end;
    let value = lookup(name);
    if (value === undefined) {
      if (unmatched !== null && !unmatched.includes(name)) unmatched.push(name);
      value = skipUnset ? word.slice(dollar, after) : '';
    }
    chargeExpansion(budget, value.length);
    result += value;
    if (result.length > MAX_EXPANSION_LENGTH) throw new ExpansionError(`variable expansion exceeds ${MAX_EXPANSION_LENGTH} characters`, true);
    i = after;
  }
}

/** Only plain text and `$NAME` / `${NAME}` with ASCII names (see expandSimpleReferences). */
function isSimpleReferenceWord(word: string): boolean {
  const n = word.length;
  for (let i = 0; i < n; i++) {
    const c = word.charCodeAt(i);
    if (c === 34 /* " */ || c === 39 /* ' */ || c === 92 /* \ */ || c === 96 /* ` */) return false;
    if (c !== 36 /* $ */) continue;
    const braced = word.charCodeAt(i + 1) === 123; /* { */
    let end = i + (braced ? 2 : 1);
    if (!isNameStart(word.charCodeAt(end))) return false;
    end++;
    while (end < n && isNameChar(word.charCodeAt(end))) end++;
    // a non-ASCII letter would continue the name in BuildKit: leave that to the lexer
    if (end < n && word.charCodeAt(end) >= 0x80) return false;
    if (braced) {
      if (word.charCodeAt(end) !== 125 /* } */) return false;
      end++;
    }
    i = end - 1;
  }
  return true;
}

/**
 * Where the `$NAME` / `${NAME}` reference (ASCII name) starting at `dollar` ends, or -1 when
 * what follows the `$` is anything else (see isSimpleReferenceWord).
 */
function simpleReferenceEnd(word: string, dollar: number): number {
  const braced = word.charCodeAt(dollar + 1) === 123; /* { */
  let end = dollar + (braced ? 2 : 1);
  if (!isNameStart(word.charCodeAt(end))) return -1;
  end++;
  while (end < word.length && isNameChar(word.charCodeAt(end))) end++;
  // a non-ASCII letter would continue the name in BuildKit: leave that to the lexer
  if (end < word.length && word.charCodeAt(end) >= 0x80) return -1;
  if (!braced) return end;
  return word.charCodeAt(end) === 125 /* } */ ? end + 1 : -1;
}

/**
 * A word of plain text, simple references, terminated single-quoted text and terminated
 * double-quoted text holding plain text and simple references; no escape character anywhere
 * outside single quotes. substituteQuotedSimple expands it exactly like ShellWord.
 */
function isQuotedSimpleWord(word: string, escapeChar: string): boolean {
  const esc = escapeChar.length === 1 ? escapeChar.charCodeAt(0) : -1;
  if (esc < 0) return false;
  const n = word.length;
  let i = 0;
  while (i < n) {
    const c = word.charCodeAt(i);
    if (c === esc) return false;
    if (c === 39 /* ' */) {
      const close = word.indexOf("'", i + 1);
      if (close < 0) return false;
      i = close + 1;
    } else if (c === 34 /* " */) {
      i++;
      for (;;) {
        if (i >= n) return false;
        const q = word.charCodeAt(i);
        if (q === 34) break;
        if (q === esc) return false;
        if (q === 36 /* $ */) {
          i = simpleReferenceEnd(word, i);
          if (i < 0) return false;
        } else i++;
      }
      i++;
    } else if (c === 36 /* $ */) {
      i = simpleReferenceEnd(word, i);
      if (i < 0) return false;
    } else i++;
  }
  return true;
}

/**
 * ShellWord's expansion of an isQuotedSimpleWord word (ProcessWord, no word splitting): the
 * same result, and the same charges and length checks in the same order. ShellWord charges
 * the input, then each piece it treats as special (a reference's value, a quoted string,
 * `<` or `<<` with the blanks after it) before checking the length; inside double quotes
 * each value is charged and checked against the quoted text so far.
 */
function substituteQuotedSimple(word: string, lookup: VarLookup, skipUnset: boolean, budget: WorkBudget): string {
  chargeExpansion(budget, word.length);
  const n = word.length;
  let result = '';
  let i = 0;
  const special = (piece: string) => {
    chargeExpansion(budget, piece.length);
    result += piece;
    if (result.length > MAX_EXPANSION_LENGTH) throw new ExpansionError(`variable expansion exceeds ${MAX_EXPANSION_LENGTH} characters`, true);
  };
  while (i < n) {
    const c = word.charCodeAt(i);
    if (c === 36 /* $ */) {
      const end = simpleReferenceEnd(word, i);
      special(referenceValue(word, i, end, lookup, skipUnset));
      i = end;
    } else if (c === 60 /* < */) {
      let end = i + 1;
      if (word.charCodeAt(end) === 60) {
        end++;
        for (let b = word.charCodeAt(end); b === 32 || b === 9 || b === 13; b = word.charCodeAt(end)) end++;
      }
      special(word.slice(i, end));
      i = end;
    } else if (c === 39 /* ' */) {
      const close = word.indexOf("'", i + 1);
      special(word.slice(i + 1, close));
      i = close + 1;
    } else if (c === 34 /* " */) {
      let quoted = '';
      i++;
      for (;;) {
        const q = word.charCodeAt(i);
        if (q === 34) break;
        if (q === 36) {
          const end = simpleReferenceEnd(word, i);
          const value = referenceValue(word, i, end, lookup, skipUnset);
          chargeExpansion(budget, value.length);
          quoted += value;
          if (quoted.length > MAX_EXPANSION_LENGTH) throw new ExpansionError(`variable expansion exceeds ${MAX_EXPANSION_LENGTH} characters`, true);
          i = end;
          continue;
        }
        let end = i + 1;
        while (end < n && word.charCodeAt(end) !== 34 && word.charCodeAt(end) !== 36) end++;
        quoted += word.slice(i, end);
        i = end;
      }
      i++;
      special(quoted);
    } else {
      let end = i + 1;
      while (end < n) {
        const p = word.charCodeAt(end);
        if (p === 36 || p === 60 || p === 39 || p === 34) break;
        end++;
      }
      result += word.slice(i, end);
      i = end;
    }
  }
  return result;
}

/** The text a simple reference `word[dollar, end)` expands to: its value, or for an unset name '' (the reference itself when skipUnset). */
function referenceValue(word: string, dollar: number, end: number, lookup: VarLookup, skipUnset: boolean): string {
  const braced = word.charCodeAt(dollar + 1) === 123;
  const value = lookup(word.slice(dollar + (braced ? 2 : 1), braced ? end - 1 : end));
  if (value !== undefined) return value;
  return skipUnset ? word.slice(dollar, end) : '';
}

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57);
}

/** No `$`, quote or escape character: the word expands to itself (one scan instead of four indexOf). */
export function isPlainWord(word: string, escapeChar: string): boolean {
  if (escapeChar.length !== 1) return word.indexOf('$') < 0 && word.indexOf('"') < 0 && word.indexOf("'") < 0 && word.indexOf(escapeChar) < 0;
  const esc = escapeChar.charCodeAt(0);
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c === 36 /* $ */ || c === 34 /* " */ || c === 39 /* ' */ || c === esc) return false;
  }
  return true;
}

function splitPlain(word: string): string[] {
  const wb = new WordsBuilder(true);
  let i = 0;
  // mimic the lexer's heredoc handling: `<<  ` keeps following blanks in the same word
  while (i < word.length) {
    const ch = word[i]!;
    if (ch === '<' && word[i + 1] === '<') {
      let s = '<<';
      i += 2;
      while (word[i] === ' ' || word[i] === '\t' || word[i] === '\r') s += word[i++];
      wb.addRawString(s);
      continue;
    }
    wb.addChar(ch);
    i++;
  }
  return wb.getWords();
}

/** ProcessWord: the expanded string. */
export function expandWord(word: string, lookup: VarLookup, options: ExpandOptions = {}): string {
  return expand(word, lookup, options).result;
}
