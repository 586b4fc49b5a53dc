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

/** Matches a path against a Dockerfile source pattern with `*` and `?` (no `**`). */
export function globMatches(pattern: string, path: string): boolean {
  const re = new RegExp(
    `^${normalize(pattern)
      .split('')
      .map((ch) => (ch === '*' ? '[^/]*' : ch === '?' ? '[^/]' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('')}$`,
  );
  return re.test(normalize(path));
}
