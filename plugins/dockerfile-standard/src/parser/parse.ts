/**
 * parseDockerfile: BuildKit's parser.Parse (frontend/dockerfile/parser/parser.go), ported
 * line for line, followed by the checks of BuildKit's instructions layer (validate.ts).
 * One linear pass over the text; no regexps that can backtrack; errors are data.
 *
 * The loop, as BuildKit runs it:
 *  - lines end at "\n"; trailing "\r"/"\n" are trimmed; the BOM of the first line dropped;
 *  - the first lines may be parser directives (directives.ts);
 *  - a line starting (after blanks) with `#` is a comment; blank lines are skipped;
 *  - an instruction continues while its line ends with the escape character (plus blanks)
 *    not itself escaped; comment lines and blank lines inside a continuation are skipped;
 *  - RUN/COPY/ADD (also behind ONBUILD) not in JSON form whose line contains `<<` read
 *    their heredoc bodies from the following lines, up to the terminator line.
 */
import type { Comment, Heredoc, Instruction, ParseError, ParsedDockerfile } from './types';
import { DirectiveScanner, readDirectives } from './directives';
import { skipGoSpace, goTrimSpace, utf8Length } from './goText';
import { heredocsFromLine } from './heredoc';
import { type LineNode, parseInstructionLine } from './lineParsers';
import { validateInstructions } from './validate';

/** bufio.Scanner's limit: a line of 64 KiB or more (without "\n") stops BuildKit's parse. */
export const MAX_LINE_BYTES = 64 * 1024 - 1;

const BACKSLASH = 0x5c;
const BACKTICK = 0x60;

export function parseDockerfile(text: string): ParsedDockerfile {
  return new Parser(text).run();
}

class Parser {
  private pos = 0;
  private escape = BACKSLASH;
  private readonly directiveScanner = new DirectiveScanner();
  private readonly instructions: Instruction[] = [];
  private readonly nodes: LineNode[] = [];
  private readonly comments: Comment[] = [];
  private readonly errors: ParseError[] = [];
  /** Set when a line was too long; BuildKit's scanner stops there. */
  private tooLongAt = 0;
  private currentLine = 0;

  constructor(private readonly text: string) {}

  /** The next line including its "\n", or null at the end (or at a too-long line). */
  private scan(): string | null {
    const t = this.text;
    if (this.pos >= t.length || this.tooLongAt > 0) return null;
    let nl = t.indexOf('\n', this.pos);
    const end = nl < 0 ? t.length : nl;
    if (end - this.pos > MAX_LINE_BYTES / 3 && utf8Length(t.slice(this.pos, end)) > MAX_LINE_BYTES) {
      this.tooLongAt = this.currentLine + 1;
      return null;
    }
    if (nl < 0) nl = t.length - 1;
    const tok = t.slice(this.pos, nl + 1);
    this.pos = nl + 1;
    return tok;
  }

  run(): ParsedDockerfile {
    const aborted = !this.parseLines();
    if (!aborted && this.tooLongAt > 0) {
      this.errors.push({
        line: this.tooLongAt,
        endLine: this.tooLongAt,
        message: `dockerfile line greater than max allowed size of ${MAX_LINE_BYTES}`,
      });
    } else if (!aborted && this.instructions.length === 0) {
      this.errors.push({ line: Math.max(1, this.currentLine), endLine: Math.max(1, this.currentLine), message: 'file with no instructions' });
    }
    this.errors.push(...validateInstructions(this.instructions, this.nodes));
    return {
      directives: readDirectives(this.text),
      escapeChar: this.escape === BACKTICK ? '`' : '\\',
      instructions: this.instructions,
      comments: this.comments,
      errors: this.errors,
    };
  }

  private fail(line: number, endLine: number, message: string): false {
    this.errors.push({ line, endLine: Math.max(line, endLine), message });
    return false;
  }

  /** The parse loop; false when BuildKit would abort with an error (already recorded). */
  private parseLines(): boolean {
    let tok: string | null;
    while ((tok = this.scan()) !== null) {
      if (this.currentLine === 0 && tok.charCodeAt(0) === 0xfeff) tok = tok.slice(1);
      const content = trimNewline(tok);
      const first = skipGoSpace(content, 0);
      const processed = first === 0 ? content : content.slice(first);
      const directive = this.directiveScanner.parseLine(processed);
      if (directive !== null) {
        if ('error' in directive) return this.fail(this.currentLine + 1, this.currentLine + 1, directive.error);
        if (directive.key === 'escape') {
          if (directive.value !== '`' && directive.value !== '\\') {
            return this.fail(
              this.currentLine + 1,
              this.currentLine + 1,
              `invalid escape token '${directive.value}' does not match \` or \\`,
            );
          }
          this.escape = directive.value.charCodeAt(0);
        }
      }
      this.currentLine++;
      if (processed.charCodeAt(0) === 0x23 /* # */) {
        if (directive === null) this.comments.push({ line: this.currentLine, text: goTrimSpace(processed.slice(1)) });
        continue;
      }
      const startLine = this.currentLine;
      let cont = trimContinuation(processed, this.escape);
      if (cont === null && processed.length === 0) continue;

      const parts: string[] = [cont ?? processed];
      while (cont !== null && (tok = this.scan()) !== null) {
        const line = trimNewline(tok);
        this.currentLine++;
        const firstChar = skipGoSpace(line, 0);
        if (line.charCodeAt(firstChar) === 0x23) {
          this.comments.push({ line: this.currentLine, text: goTrimSpace(line.slice(firstChar + 1)) });
          continue;
        }
        if (firstChar === line.length) continue; // empty continuation line
        cont = trimContinuation(line, this.escape);
        parts.push(cont ?? line);
      }
      const full = parts.length === 1 ? parts[0] : parts.join('');

      const parsed = parseInstructionLine(full, this.escape);
      if (!parsed.ok) return this.fail(startLine, this.currentLine, parsed.error);
      const node = parsed.node;

      const heredocs: Heredoc[] = [];
      if (canContainHeredoc(node) && full.includes('<<')) {
        const found = heredocsFromLine(full);
        if (!found.ok) return this.fail(startLine, this.currentLine, found.error);
        for (const h of found.heredocs) {
          let content = '';
          let terminated = false;
          while ((tok = this.scan()) !== null) {
            this.currentLine++;
            let candidate = trimNewline(tok);
            if (h.chomp) candidate = trimLeadingTabs(candidate);
            if (candidate === h.name) {
              terminated = true;
              break;
            }
            content += tok;
          }
          if (!terminated) return this.fail(startLine, this.currentLine, 'unterminated heredoc');
          heredocs.push({ name: h.name, content, chomp: h.chomp, expand: h.expand });
        }
      }

      this.nodes.push(node);
      this.instructions.push({
        keyword: node.known ? node.known.toUpperCase() : node.cmd.toUpperCase(),
        line: startLine,
        endLine: this.currentLine,
        flags: node.flags.map(toFlag),
        args: node.args,
        json: node.json,
        rawArgs: node.rawArgs,
        heredocs,
      });
    }
    return true;
  }
}

/** `--name=value` / `--name` as written (the name is not case-folded: BuildKit does not). */
function toFlag(word: string): { name: string; value: string | null } {
  const eq = word.indexOf('=');
  return eq < 0 ? { name: word.slice(2), value: null } : { name: word.slice(2, eq), value: word.slice(eq + 1) };
}

function canContainHeredoc(node: LineNode): boolean {
  const target = node.known === 'onbuild' && node.trigger ? node.trigger : node;
  return (target.known === 'run' || target.known === 'copy' || target.known === 'add') && !target.json;
}

/** bytes.TrimRight(line, "\r\n"). */
function trimNewline(s: string): string {
  let end = s.length;
  while (end > 0) {
    const c = s.charCodeAt(end - 1);
    if (c === 0x0a || c === 0x0d) end--;
    else break;
  }
  return end === s.length ? s : s.slice(0, end);
}

function trimLeadingTabs(s: string): string {
  let i = 0;
  while (i < s.length && s.charCodeAt(i) === 0x09) i++;
  return i === 0 ? s : s.slice(i);
}

/**
 * BuildKit's lineContinuationRegex `([^E])E[ \t]*$|^E[ \t]*$` (E = escape): when the line
 * ends with an escape (plus spaces/tabs) that is not preceded by another escape, returns
 * the line without that escape and the blanks after it; otherwise null (end of instruction).
 */
function trimContinuation(line: string, escape: number): string | null {
  let i = line.length;
  while (i > 0) {
    const c = line.charCodeAt(i - 1);
    if (c === 0x20 || c === 0x09) i--;
    else break;
  }
  if (i === 0 || line.charCodeAt(i - 1) !== escape) return null;
  if (i >= 2 && line.charCodeAt(i - 2) === escape) return null;
  return line.slice(0, i - 1);
}

