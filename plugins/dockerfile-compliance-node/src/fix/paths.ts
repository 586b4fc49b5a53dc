/** POSIX path helpers for paths inside images (never the host's path module: Windows hosts exist). */

export function normalize(path: string): string {
  const abs = path.startsWith('/');
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
      continue;
    }
    out.push(seg);
  }
  const joined = out.join('/');
  return abs ? `/${joined}` : joined === '' ? '.' : joined;
}

/** `p` resolved against the directory `cwd` (absolute). */
export function resolveIn(cwd: string, p: string): string {
  return normalize(p.startsWith('/') ? p : `${cwd}/${p}`);
}

export function dirname(p: string): string {
  const n = normalize(p);
  const i = n.lastIndexOf('/');
  if (i <= 0) return n.startsWith('/') ? '/' : '.';
  return n.slice(0, i);
}

export function basename(p: string): string {
  const n = normalize(p);
  return n.slice(n.lastIndexOf('/') + 1);
}

/** `child` relative to `root` ('' when equal), or null when it is outside. */
export function relativeTo(root: string, child: string): string | null {
  const r = normalize(root);
  const c = normalize(child);
  if (c === r) return '';
  const prefix = r === '/' ? '/' : `${r}/`;
  return c.startsWith(prefix) ? c.slice(prefix.length) : null;
}

/** Linux's NAME_MAX: no path segment is longer, so a longer one matches nothing. */
const NAME_MAX = 255;

/**
 * Matches a path against a Dockerfile source pattern with `*` and `?` (no `**`), as Go's
 * filepath.Match does for one path: segment by segment, `*` and `?` never crossing `/`,
 * `?` one code point. No regular expression: each segment's pattern is split at `*` into
 * pieces placed leftmost in turn (the first at the start, the last at the end), which is
 * O(segment × pattern) with segments bounded by NAME_MAX, so it never backtracks.
 */
export function globMatches(pattern: string, path: string): boolean {
  const patternSegments = normalize(pattern).split('/');
  const pathSegments = normalize(path).split('/');
  if (patternSegments.length !== pathSegments.length) return false;
  return patternSegments.every((p, i) => segmentMatches(p, pathSegments[i]!));
}

function segmentMatches(pattern: string, name: string): boolean {
  if (!pattern.includes('*') && !pattern.includes('?')) return pattern === name;
  if (name.length > NAME_MAX) return false; // each UTF-16 unit is at least one byte: longer than NAME_MAX
  const text = Array.from(name);
  const pieces = pattern.split('*').map((piece) => Array.from(piece));
  const first = pieces[0]!;
  if (pieces.length === 1) return first.length === text.length && pieceAt(first, text, 0);
  const last = pieces[pieces.length - 1]!;
  if (first.length + last.length > text.length) return false;
  if (!pieceAt(first, text, 0) || !pieceAt(last, text, text.length - last.length)) return false;
  let from = first.length;
  const end = text.length - last.length;
  for (let k = 1; k < pieces.length - 1; k++) {
    const piece = pieces[k]!;
    if (piece.length === 0) continue;
    let at = from;
    while (at + piece.length <= end && !pieceAt(piece, text, at)) at++;
    if (at + piece.length > end) return false;
    from = at + piece.length;
  }
  return true;
}

/** Whether `piece` (code points; `?` is any one) matches `text` at `at`. */
function pieceAt(piece: string[], text: string[], at: number): boolean {
  for (let i = 0; i < piece.length; i++) {
    if (piece[i] !== '?' && piece[i] !== text[at + i]) return false;
  }
  return true;
}
