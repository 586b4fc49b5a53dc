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
import { isGoSpace, goTrimSpace, utf8Length } from './goText';
import { heredocsFromLine } from './heredoc';
import { type KnownKeyword, type LineNode, parseInstructionLine } from './lineParsers';
import { InstructionChecker } from './validate';

/** bufio.Scanner's limit: a line of 64 KiB or more (without "\n") stops BuildKit's parse. */
export const MAX_LINE_BYTES = 64 * 1024 - 1;

const BACKSLASH = 0x5c;
const BACKTICK = 0x60;

/** @public */
export function parseDockerfile(text: string): ParsedDockerfile {
  return new Parser(text).run();
}

class Parser {
  private pos = 0;
  /** The current line: [lineStart, lineEnd) without its trailing "\r"/"\n"; tokEnd after its "\n". */
  private lineStart = 0;
  private lineEnd = 0;
  private tokEnd = 0;
  private escape = BACKSLASH;
  private readonly directiveScanner = new DirectiveScanner();
  private readonly instructions: Instruction[] = [];
  private readonly checker = new InstructionChecker();
  private readonly comments: Comment[] = [];
  private readonly errors: ParseError[] = [];
  /** Set when a line was too long; BuildKit's scanner stops there. */
  private tooLongAt = 0;
  private currentLine = 0;

  constructor(private readonly text: string) {}

  /** Advance to the next line; false at the end (or at a too-long line). */
  private scan(): boolean {
    const t = this.text;
    const pos = this.pos;
    if (pos >= t.length || this.tooLongAt > 0) return false;
    const nl = t.indexOf('\n', pos);
    let end = nl < 0 ? t.length : nl;
    if (end - pos > MAX_LINE_BYTES / 3 && utf8Length(t.slice(pos, end)) > MAX_LINE_BYTES) {
      this.tooLongAt = this.currentLine + 1;
      return false;
    }
    this.lineStart = pos;
    this.tokEnd = nl < 0 ? t.length : nl + 1;
    // bytes.TrimRight(line, "\r\n")
    while (end > pos && t.charCodeAt(end - 1) === 0x0d) end--;
    this.lineEnd = end;
    this.pos = this.tokEnd;
    return true;
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
      const line = Math.max(1, this.currentLine);
      this.errors.push({ line, endLine: line, message: 'file with no instructions' });
    }
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
    const t = this.text;
    let directivesDone = false;
    while (this.scan()) {
      let s = this.lineStart;
      const e = this.lineEnd;
      if (this.currentLine === 0 && t.charCodeAt(s) === 0xfeff) s++;
      while (s < e && isGoSpace(t.charCodeAt(s))) s++;
      let isDirective = false;
      if (!directivesDone) {
        const directive = this.directiveScanner.parseLine(t.slice(s, e));
        if (directive === null) directivesDone = true;
        else if ('error' in directive) return this.fail(this.currentLine + 1, this.currentLine + 1, directive.error);
        else {
          isDirective = true;
          if (directive.key === 'escape') {
            if (directive.value !== '`' && directive.value !== '\\') {
              const line = this.currentLine + 1;
              return this.fail(line, line, `invalid escape token '${directive.value}' does not match \` or \\`);
            }
            this.escape = directive.value.charCodeAt(0);
          }
        }
      }
      this.currentLine++;
      if (t.charCodeAt(s) === 0x23 /* # */) {
        if (!isDirective) this.comments.push({ line: this.currentLine, text: goTrimSpace(t.slice(s + 1, e)) });
        continue;
      }
      const startLine = this.currentLine;
      let cont = continuationEnd(t, s, e, this.escape);
      if (cont < 0 && s === e) continue;

      let full: string;
      if (cont < 0) full = t.slice(s, e);
      else {
        full = t.slice(s, cont);
        while (cont >= 0 && this.scan()) {
          this.currentLine++;
          const ls = this.lineStart;
          const le = this.lineEnd;
          let first = ls;
          while (first < le && isGoSpace(t.charCodeAt(first))) first++;
          if (t.charCodeAt(first) === 0x23) {
            this.comments.push({ line: this.currentLine, text: goTrimSpace(t.slice(first + 1, le)) });
            continue;
          }
          if (first === le) continue; // empty continuation line
          cont = continuationEnd(t, ls, le, this.escape);
          full += t.slice(ls, cont < 0 ? le : cont);
        }
      }

      const node = parseInstructionLine(full, this.escape);
      if ('error' in node) return this.fail(startLine, this.currentLine, node.error);

      let heredocs: Heredoc[] = NO_HEREDOCS;
      if (canContainHeredoc(node) && full.includes('<<')) {
        const found = heredocsFromLine(full);
        if (!found.ok) return this.fail(startLine, this.currentLine, found.error);
        heredocs = [];
        for (const h of found.heredocs) {
          let content = '';
          let terminated = false;
          while (this.scan()) {
            this.currentLine++;
            let cs = this.lineStart;
            if (h.chomp) while (cs < this.lineEnd && t.charCodeAt(cs) === 0x09) cs++;
            if (this.lineEnd - cs === h.name.length && t.startsWith(h.name, cs)) {
              terminated = true;
              break;
            }
            content += t.slice(this.lineStart, this.tokEnd);
          }
          if (!terminated) return this.fail(startLine, this.currentLine, 'unterminated heredoc');
          heredocs.push({ name: h.name, content, chomp: h.chomp, expand: h.expand });
        }
      }

      const instruction: Instruction = {
        keyword: node.known ? KEYWORDS[node.known] : node.cmd.toUpperCase(),
        line: startLine,
        endLine: this.currentLine,
        flags: node.flags.length === 0 ? [] : node.flags.map(toFlag),
        args: node.args,
        json: node.json,
        rawArgs: node.rawArgs,
        heredocs: heredocs === NO_HEREDOCS ? [] : heredocs,
      };
      this.instructions.push(instruction);
      this.checker.check(instruction, node, this.errors);
    }
    return true;
  }
}

const NO_HEREDOCS: Heredoc[] = [];

const KEYWORDS: Readonly<Record<KnownKeyword, string>> = {
  add: 'ADD',
  arg: 'ARG',
  cmd: 'CMD',
  copy: 'COPY',
  entrypoint: 'ENTRYPOINT',
  env: 'ENV',
  expose: 'EXPOSE',
  from: 'FROM',
  healthcheck: 'HEALTHCHECK',
  label: 'LABEL',
  maintainer: 'MAINTAINER',
  onbuild: 'ONBUILD',
  run: 'RUN',
  shell: 'SHELL',
  stopsignal: 'STOPSIGNAL',
  user: 'USER',
  volume: 'VOLUME',
  workdir: 'WORKDIR',
};

/** `--name=value` / `--name` as written (the name is not case-folded: BuildKit does not). */
function toFlag(word: string): { name: string; value: string | null } {
  const eq = word.indexOf('=');
  return eq < 0 ? { name: word.slice(2), value: null } : { name: word.slice(2, eq), value: word.slice(eq + 1) };
}

function canContainHeredoc(node: LineNode): boolean {
  const target = node.known === 'onbuild' && node.trigger ? node.trigger : node;
  return (target.known === 'run' || target.known === 'copy' || target.known === 'add') && !target.json;
}

/**
 * BuildKit's lineContinuationRegex `([^E])E[ \t]*$|^E[ \t]*$` (E = escape) on the line
 * text[start, end): when it ends with an escape (plus spaces/tabs) that is not preceded by
 * another escape, returns where the kept part ends (the escape and the blanks after it
 * are dropped); otherwise -1 (the instruction ends here).
 */
function continuationEnd(text: string, start: number, end: number, escape: number): number {
  let i = end;
  while (i > start) {
    const c = text.charCodeAt(i - 1);
    if (c === 0x20 || c === 0x09) i--;
    else break;
  }
  if (i === start || text.charCodeAt(i - 1) !== escape) return -1;
  if (i - 2 >= start && text.charCodeAt(i - 2) === escape) return -1;
  return i - 1;
}
