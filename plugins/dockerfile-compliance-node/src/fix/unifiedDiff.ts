/**
 * Unified diffs (the format of `diff -u` / `git diff`) for `hardened-go fix` and the harden
 * action. The edit script is jsdiff's (`diff`), bounded by MAX_EDIT_LINES: Myers' algorithm
 * costs O(size × edits), so beyond that bound the changed region (after the common first
 * and last lines) becomes one hunk that replaces it, which is linear. Path names are quoted
 * the way git quotes them, so a name with a newline or a quote cannot break the patch.
 */
import { structuredPatch, type StructuredPatchHunk } from 'diff';

/**
 * More changed lines than this and the diff is one replacing hunk instead of a minimal one.
 *
 * @public
 */
export const MAX_EDIT_LINES = 500;

const NO_NEWLINE = '\\ No newline at end of file';

/**
 * git's quote_c_style: `"..."` with C escapes when the name has a control character, `"` or `\`.
 *
 * @public
 */
export function quotePathForDiff(name: string): string {
  if (!/[\u0000-\u001f\u007f"\\]/.test(name)) return name;
  const escapes: Record<string, string> = { '\u0007': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\v': '\\v', '\f': '\\f', '\r': '\\r', '"': '\\"', '\\': '\\\\' };
  let out = '"';
  for (const ch of name) {
    const code = ch.charCodeAt(0);
    out += escapes[ch] ?? (code < 0x20 || code === 0x7f ? `\\${code.toString(8).padStart(3, '0')}` : ch);
  }
  return out + '"';
}

function range(start: number, count: number): string {
  // diff -u writes an empty range as "start,0" where start is the line before it, and a one-line range without a count
  if (count === 0) return `${start},0`;
  return count === 1 ? `${start + 1}` : `${start + 1},${count}`;
}

/** Lines of `text` with their ends, as jsdiff tokenises them (the last may lack "\n"). */
function lines(text: string): string[] {
  const out = text.split('\n').map((l) => `${l}\n`);
  const last = out.pop()!;
  if (last !== '\n') out.push(last.slice(0, -1));
  return out;
}

function diffLine(op: string, line: string): string[] {
  return line.endsWith('\n') ? [op + line.slice(0, -1)] : [op + line, NO_NEWLINE];
}

/** The fallback for large edits: common first and last lines kept as context, everything between replaced. */
function replacingHunk(oldText: string, newText: string, context: number): StructuredPatchHunk {
  const a = lines(oldText);
  const b = lines(newText);
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const before = Math.min(context, pre);
  const after = Math.min(context, suf);
  const hunkLines = [
    ...a.slice(pre - before, pre).flatMap((l) => diffLine(' ', l)),
    ...a.slice(pre, a.length - suf).flatMap((l) => diffLine('-', l)),
    ...b.slice(pre, b.length - suf).flatMap((l) => diffLine('+', l)),
    ...a.slice(a.length - suf, a.length - suf + after).flatMap((l) => diffLine(' ', l)),
  ];
  const oldLines = a.length - pre - suf + before + after;
  const newLines = b.length - pre - suf + before + after;
  return { oldStart: pre - before + 1, oldLines, newStart: pre - before + 1, newLines, lines: hunkLines };
}

/**
 * Unified diff of two texts with `context` lines around each change; '' when they are equal.
 * Headers are `--- a/<path>` and `+++ b/<path>`, as git writes them (quoted when needed).
 *
 * @public
 */
export function unifiedDiff(oldText: string, newText: string, path: string, context = 3): string {
  if (oldText === newText) return '';
  const patch = structuredPatch('a', 'b', oldText, newText, undefined, undefined, { context, maxEditLength: MAX_EDIT_LINES });
  const hunks = patch ? patch.hunks : [replacingHunk(oldText, newText, context)];
  const out: string[] = [`--- ${quotePathForDiff(`a/${path}`)}`, `+++ ${quotePathForDiff(`b/${path}`)}`];
  for (const h of hunks) {
    // jsdiff's starts are 1-based, also for an empty range (which diff -u numbers from the line before)
    out.push(`@@ -${range(h.oldStart - 1, h.oldLines)} +${range(h.newStart - 1, h.newLines)} @@`, ...h.lines);
  }
  return out.join('\n') + '\n';
}
