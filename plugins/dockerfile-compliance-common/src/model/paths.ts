/** Container paths as WORKDIR, COPY and ADD resolve them (posix, absolute, normalised). */

/**
 * Linux's PATH_MAX: a WORKDIR longer than this cannot be created, so the build fails. It
 * also bounds the memory of per-instruction working directories (90,000 `WORKDIR a` lines
 * would otherwise keep 90,000 ever longer paths).
 *
 * @public
 */
export const PATH_MAX = 4096;

/**
 * A `.` or `..` segment, or an empty one (`//`): the path needs normalizing. The same as
 * `/\/\.\.?(?:\/|$)|\/\//.test(path)`, one scan from slash to slash.
 */
function notNormal(path: string): boolean {
  for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
    const next = path.charCodeAt(i + 1);
    if (next === 47 /* / */) return true;
    if (next !== 46 /* . */) continue;
    let end = i + 2;
    if (path.charCodeAt(end) === 46) end++;
    if (end >= path.length || path.charCodeAt(end) === 47) return true;
  }
  return false;
}

/** Absolute, normal, without a trailing slash (or `/` itself): what WORKDIR tracking produces. */
function isNormalDir(dir: string): boolean {
  if (dir === '/') return true;
  return dir.charCodeAt(0) === 47 && dir.charCodeAt(dir.length - 1) !== 47 && !notNormal(dir);
}

/** posix path join/normalize: absolute, no `.`/`..`, a trailing slash kept (it means "directory"). */
export function resolvePath(workdir: string, path: string): string {
  // fast path: already absolute and normal (no `.`/`..` segments, no `//`)
  if (path.charCodeAt(0) === 47 && !notNormal(path)) return path;
  // fast path: a normal relative path under a normal workdir (`COPY . .`, `COPY go.mod ./`) is a plain join
  if (path.length > 0 && path.charCodeAt(0) !== 47 && isNormalDir(workdir)) {
    if (path === '.' || path === './') return workdir === '/' ? '/' : workdir + '/';
    const joined = (workdir === '/' ? '/' : workdir + '/') + path;
    if (!notNormal(joined)) return joined;
  }
  const trailing = path.endsWith('/') || path.endsWith('/.') || path === '.';
  const full = path.startsWith('/') ? path : `${workdir}/${path}`;
  const parts: string[] = [];
  for (const p of full.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  const joined = '/' + parts.join('/');
  return trailing && joined !== '/' ? joined + '/' : joined;
}

/**
 * `/a/b/` -> `/a/b` (a WORKDIR names a directory); `/` stays `/`. Same as the former
 * `.replace(/(.)\/$/, '$1')`, so a slash after a line terminator is kept.
 */
export function withoutTrailingSlash(path: string): string {
  const n = path.length;
  if (n < 2 || path.charCodeAt(n - 1) !== 47) return path;
  const before = path.charCodeAt(n - 2);
  if (before === 10 || before === 13 || before === 0x2028 || before === 0x2029) return path;
  return path.slice(0, -1);
}
