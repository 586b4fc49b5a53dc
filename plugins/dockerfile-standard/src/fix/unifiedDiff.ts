/**
 * A small pure unified-diff writer (the format of `diff -u` / `git diff`), so `hardened-go fix`
 * can show what it would change without a dependency. Lines are compared exactly; the edit
 * script is Myers' O((N+M)·D) shortest edit script after trimming the common prefix/suffix,
 * so a small fix of a large file stays cheap.
 */

type Edit = { op: ' ' | '-' | '+'; text: string; oldNo: number; newNo: number };

/** Marks a last line without a newline, so "x" and "x\n" compare as different lines. */
const NO_NEWLINE = '\u0000no-newline';

/** Splits text into lines; a missing final newline becomes part of the last line's identity. */
function splitLines(text: string): string[] {
  if (text === '') return [];
  const finalNewline = text.endsWith('\n');
  const lines = (finalNewline ? text.slice(0, -1) : text).split('\n');
  if (!finalNewline) lines[lines.length - 1] += NO_NEWLINE;
  return lines;
}

/** Myers' greedy forward algorithm; returns the edit script between a and b. */
function myers(a: string[], b: string[]): Array<' ' | '-' | '+'> {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1])) x = v[offset + k + 1];
      else x = v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, a.length, b.length, offset, d);
    }
  }
  return [];
}

function backtrack(trace: Int32Array[], n: number, m: number, offset: number, dEnd: number): Array<' ' | '-' | '+'> {
  const ops: Array<' ' | '-' | '+'> = [];
  let x = n;
  let y = m;
  for (let d = dEnd; d > 0; d--) {
    const v = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = v[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push(' ');
      x--;
      y--;
    }
    ops.push(x === prevX ? '+' : '-');
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    ops.push(' ');
    x--;
    y--;
  }
  return ops.reverse();
}

function editScript(a: string[], b: string[]): Edit[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const midOps = myers(a.slice(pre, a.length - suf), b.slice(pre, b.length - suf));
  const ops: Array<' ' | '-' | '+'> = [...Array(pre).fill(' '), ...midOps, ...Array(suf).fill(' ')];
  const edits: Edit[] = [];
  let i = 0;
  let j = 0;
  for (const op of ops) {
    if (op === ' ') edits.push({ op, text: a[i], oldNo: i++, newNo: j++ });
    else if (op === '-') edits.push({ op, text: a[i], oldNo: i++, newNo: j });
    else edits.push({ op, text: b[j], oldNo: i, newNo: j++ });
  }
  return edits;
}

function range(start: number, count: number): string {
  // diff -u writes an empty range as "start,0" where start is the line before it.
  if (count === 0) return `${start},0`;
  return count === 1 ? `${start + 1}` : `${start + 1},${count}`;
}

/**
 * Unified diff of two texts with `context` lines around each change; '' when they are equal.
 * Headers are `--- a/<path>` and `+++ b/<path>`, as git writes them.
 */
export function unifiedDiff(oldText: string, newText: string, path: string, context = 3): string {
  if (oldText === newText) return '';
  const a = splitLines(oldText);
  const b = splitLines(newText);
  const edits = editScript(a, b);
  const out: string[] = [`--- a/${path}`, `+++ b/${path}`];
  const noNewline = '\\ No newline at end of file';
  let idx = 0;
  while (idx < edits.length) {
    while (idx < edits.length && edits[idx].op === ' ') idx++;
    if (idx >= edits.length) break;
    // A hunk: context before, changes, merged while gaps are <= 2*context.
    const start = Math.max(0, idx - context);
    let end = idx;
    let lastChange = idx;
    while (end < edits.length) {
      if (edits[end].op !== ' ') lastChange = end;
      else if (end - lastChange > 2 * context) break;
      end++;
    }
    end = Math.min(edits.length, lastChange + context + 1);
    const hunk = edits.slice(start, end);
    const oldStart = hunk[0].oldNo;
    const newStart = hunk[0].newNo;
    const oldCount = hunk.filter((e) => e.op !== '+').length;
    const newCount = hunk.filter((e) => e.op !== '-').length;
    out.push(`@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@`);
    for (const e of hunk) {
      if (e.text.endsWith(NO_NEWLINE)) out.push(`${e.op}${e.text.slice(0, -NO_NEWLINE.length)}`, noNewline);
      else out.push(`${e.op}${e.text}`);
    }
    idx = end;
  }
  return out.join('\n') + '\n';
}
