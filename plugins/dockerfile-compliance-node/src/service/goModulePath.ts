import { trimLeading, trimTrailing } from '@hardened-go/plugin-dockerfile-compliance-common';
/**
 * Go module paths: validation following golang.org/x/mod/module.CheckPath, and the default
 * module path of a new repository derived from the scaffolder's repoUrl
 * (`github.com?owner=acme&repo=payments` => `github.com/acme/payments`).
 */

/** An element of a module path: letters, digits and `-._~`, not starting or ending with a dot. */
const PATH_ELEMENT = /^[A-Za-z0-9_~-](?:[A-Za-z0-9._~-]*[A-Za-z0-9_~-])?$/;
/** The first element is a host name: lower-case letters, digits, dots and dashes, with a dot. */
const HOST_ELEMENT = /^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$/;
/** Windows reserved file names cannot be path elements (module zips must unpack everywhere). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;
/** Longest module path we accept; real ones are far shorter. */
export const MAX_MODULE_PATH_LENGTH = 200;

/**
 * Why `value` is not a valid Go module path, or undefined when it is.
 *
 * @public
 */
export function goModulePathProblem(value: string): string | undefined {
  const example = 'like github.com/acme/payments';
  if (value.length === 0) return `must not be empty; use a Go module path ${example}`;
  if (value.length > MAX_MODULE_PATH_LENGTH) return `must be at most ${MAX_MODULE_PATH_LENGTH} characters`;
  const elements = value.split('/');
  const [host] = elements;
  if (!host || !HOST_ELEMENT.test(host) || !host.includes('.')) {
    return `must start with a lower-case host name containing a dot, ${example}`;
  }
  for (const element of elements.slice(1)) {
    if (element === '' || element === '.' || element === '..') {
      return `must not contain empty, "." or ".." elements, ${example}`;
    }
    if (!PATH_ELEMENT.test(element)) {
      return `may only contain letters, digits and - . _ ~ between slashes (no spaces, quotes or other symbols), ${example}`;
    }
    if (WINDOWS_RESERVED.test(element)) return `must not contain the reserved name "${element}"`;
    if (/~[0-9]+$/.test(element)) return `must not contain an element ending in ~ and digits ("${element}")`;
  }
  const last = elements[elements.length - 1]!;
  if (elements.length > 1 && /^v[0-9.]+$/.test(last) && (!/^v[1-9][0-9]*$/.test(last) || last === 'v1')) {
    return `must end in a major version suffix of v2 or higher (like /v2) or none at all, got /${last}`;
  }
  return undefined;
}

/**
 * The parts of a scaffolder repoUrl (`host?owner=o&repo=r`, as RepoUrlPicker writes it).
 *
 * @public
 */
export interface RepoLocation {
  host: string;
  owner?: string;
  repo: string;
}

const REPO_PART = /^[A-Za-z0-9_.~-]+(?:\/[A-Za-z0-9_.~-]+)*$/;

/**
 * Parses a RepoUrlPicker value; returns a problem message instead of throwing.
 *
 * @public
 */
export function parseRepoUrl(repoUrl: string): RepoLocation | string {
  const shape = 'must look like github.com?owner=acme&repo=payments (the value of the repository picker)';
  if (/[\s"'`\\<>{}]/.test(repoUrl)) return shape;
  let url: URL;
  try {
    url = new URL(`https://${repoUrl}`);
  } catch {
    return shape;
  }
  const host = url.host.toLowerCase();
  const repo = trimSlashes(url.searchParams.get('repo'));
  const owner = trimSlashes(url.searchParams.get('owner')) || undefined;
  if (url.pathname !== '/' || url.username || url.password || !host || !repo) return shape;
  if (!REPO_PART.test(repo) || (owner !== undefined && !REPO_PART.test(owner))) return shape;
  if ([repo, owner ?? ''].some(part => part.split('/').some(segment => segment === '.' || segment === '..'))) return shape;
  return { host, owner, repo };
}

/**
 * `host/owner/repo`, the conventional module path of a repository.
 *
 * @public
 */
export function modulePathFromRepo(location: RepoLocation): string {
  return [location.host.replace(/:\d+$/, ''), location.owner, location.repo].filter(Boolean).join('/');
}

/** The repository's web URL (`https://host/owner/repo`), the base of the catalog source-location. */
export function repoWebUrl(location: RepoLocation): string {
  return `https://${[location.host, location.owner, location.repo].filter(Boolean).join('/')}`;
}

/** A query value without leading and trailing slashes (undefined stays undefined). */
function trimSlashes(value: string | null): string | undefined {
  return value === null ? undefined : trimTrailing(trimLeading(value, '/'), '/');
}
