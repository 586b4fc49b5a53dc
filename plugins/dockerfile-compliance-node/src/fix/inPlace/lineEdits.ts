/**
 * Edits by line on the owner's text: replace or remove one line, or insert lines before one. Every
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
  /** The line goes (with its line ending). */
  remove?: true;
}

/** Edits that remove lines `from` to `to`, both included. */
export function removeLines(from: number, to: number): LineEdit[] {
  const out: LineEdit[] = [];
  for (let line = from; line <= to; line++) out.push({ line, remove: true });
  return out;
}

/**
 * Where a line of the text before `edits` is after them: later by the lines inserted at or
 * before it, earlier by the lines removed before it. One pass over the edits, then O(log n)
 * per line, so remapping every finding's line stays linear in the file.
 */
export function lineMapAfter(edits: readonly LineEdit[]): (line: number) => number {
  const shifts = edits
    .map((e) => ({ line: e.line, insertedAt: e.insertBefore?.length ?? 0, removed: e.remove ? 1 : 0 }))
    .sort((a, b) => a.line - b.line);
  const lines: number[] = [];
  const inserted: number[] = [];
  const removedBefore: number[] = [];
  let ins = 0;
  let rem = 0;
  for (const s of shifts) {
    ins += s.insertedAt;
    lines.push(s.line);
    inserted.push(ins);
    removedBefore.push(rem);
    rem += s.removed;
  }
  return (line) => {
    // the last edit at or before `line`
    let lo = 0;
    let hi = lines.length - 1;
    let k = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (lines[mid]! <= line) {
        k = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (k < 0) return line;
    const removed = lines[k] === line ? removedBefore[k]! : removedBefore[k]! + shifts[k]!.removed;
    return line + inserted[k]! - removed;
  };
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
    if (original === undefined || e?.remove) continue;
    if (e?.replace !== undefined) out.push(e.replace + (original.endsWith('\r') ? '\r' : ''));
    else out.push(original);
  }
  return out.join('\n');
}

/** The line without a trailing `\r`. */
export function bare(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
