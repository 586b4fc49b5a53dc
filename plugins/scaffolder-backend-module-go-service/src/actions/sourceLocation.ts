/**
 * Where inside its repository a fetched directory lives, read from the entity's source
 * location URL. The harden template fetches `backstage.io/source-location` (often a
 * sub-directory of a monorepo) and the pull request must put the rewritten Dockerfile back
 * at the same place, so the action reports that path (`repoPath`) for the PR's targetPath.
 * Only URL shapes whose path part is unambiguous are understood; anything else is
 * `undefined` and the action says so rather than guessing a location.
 */

export interface SourceLocationPath {
  /** The directory inside the repository, `/`-separated, no leading or trailing slash; '' for the root. */
  repoPath: string;
}

function clean(segments: string[]): string {
  return segments
    .filter((s) => s.length > 0)
    .map((s) => decodeURIComponent(s))
    .join('/');
}

/**
 * Understands, after an optional `url:` prefix:
 * - GitHub, GitHub Enterprise: `https://host/owner/repo/tree|blob/<ref>/<path>`
 * - GitLab: `https://host/group/.../repo/-/tree|blob/<ref>/<path>`
 * - Gitea / Forgejo: `https://host/owner/repo/src/branch|commit|tag/<ref>/<path>`
 * - a repository root: `https://host/owner/repo` (with or without a trailing slash or `.git`).
 * A ref is one path segment (as Backstage's own parseGitUrl reads these URLs).
 */
export function sourceLocationPath(sourceLocation: string): SourceLocationPath | undefined {
  const raw = sourceLocation.trim().replace(/^url:/, '');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  let segments: string[];
  try {
    segments = url.pathname.split('/').filter((s) => s.length > 0);
    segments.forEach((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
  const gitlab = segments.indexOf('-');
  if (gitlab >= 2 && (segments[gitlab + 1] === 'tree' || segments[gitlab + 1] === 'blob') && segments.length >= gitlab + 3) {
    return { repoPath: clean(segments.slice(gitlab + 3)) };
  }
  if (segments.length >= 4 && (segments[2] === 'tree' || segments[2] === 'blob')) {
    return { repoPath: clean(segments.slice(4)) };
  }
  if (segments.length >= 5 && segments[2] === 'src' && ['branch', 'commit', 'tag'].includes(segments[3]!)) {
    return { repoPath: clean(segments.slice(5)) };
  }
  if (segments.length === 2 && url.search === '') return { repoPath: '' };
  return undefined;
}
