/**
 * Edits by line on the owner's text: replace one line, or insert lines before one. Every
 * other byte stays as the owner wrote it (comments, order, spacing, continuation style, line
 * endings); inserted lines take the line ending of the line they are inserted before.
 */

export interface LineEdit {
  /** 1-based line of the original text. */
  line: number;
  /** The new content of that line (without its line ending). */
  replace?: string;
  /** Lines to insert before that line (a line past the end appends). */
  insertBefore?: string[];
}

/** The file's lines without their `\n` (a `\r` of a CRLF file stays with its line). */
export function linesOf(text: string): string[] {
  return text.split('\n');
}

/** Applies edits that each name a different line; null when two edits name the same line. */
export function applyEdits(text: string, edits: readonly LineEdit[]): string | null {
  const lines = linesOf(text);
  const byLine = new Map<number, LineEdit>();
  for (const e of edits) {
    if (byLine.has(e.line) || e.line < 1 || e.line > lines.length + 1) return null;
    byLine.set(e.line, e);
  }
  const out: string[] = [];
  const crlf = text.includes('\r\n');
  for (let i = 1; i <= lines.length + 1; i++) {
    const e = byLine.get(i);
    const original = lines[i - 1];
    if (e?.insertBefore) {
      const cr = (original ?? '').endsWith('\r') || (original === undefined && crlf) ? '\r' : '';
      for (const l of e.insertBefore) out.push(l + cr);
    }
    if (original === undefined) continue;
    if (e?.replace !== undefined) out.push(e.replace + (original.endsWith('\r') ? '\r' : ''));
    else out.push(original);
  }
  return out.join('\n');
}

/** The line without a trailing `\r`. */
export function bare(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
