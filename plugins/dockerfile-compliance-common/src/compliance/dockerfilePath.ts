/**
 * The format of the `hardened-go.io/dockerfile-path` annotation (ANNOTATION_DOCKERFILE_PATH),
 * read in one place: by the drift processor (which Dockerfiles of an entity it checks) and by
 * the harden action (its `path` input takes the same list, usually straight from the
 * annotation).
 */

/**
 * The Dockerfile checked when an entity has no `hardened-go.io/dockerfile-path` annotation.
 *
 * @public
 */
export const DEFAULT_DOCKERFILE_PATH = 'Dockerfile';

/**
 * At most this many distinct Dockerfiles per entity (and per harden step): more is a mistake,
 * not a service.
 *
 * @public
 */
export const MAX_DOCKERFILES = 10;

/**
 * The paths of a dockerfile-path value, or why there are none.
 *
 * @public
 */
export type DockerfilePathList = { ok: true; paths: string[] } | { ok: false; problem: string };

/**
 * Splits a `hardened-go.io/dockerfile-path` value: comma-separated, each item trimmed, empty
 * items and repeats dropped (the first occurrence keeps its place). An absent value
 * (`undefined`) is the default, `Dockerfile`. A value that names no path, or more than
 * {@link MAX_DOCKERFILES} distinct ones, is `{ok: false}` with a `problem` that reads after the
 * value's name: `names no file`, `names 11 files; at most 10 are supported`. The paths
 * themselves are not judged here: where they may point is each reader's business.
 *
 * @public
 */
export function parseDockerfilePaths(value: string | undefined): DockerfilePathList {
  if (value === undefined) return { ok: true, paths: [DEFAULT_DOCKERFILE_PATH] };
  const paths = [
    ...new Set(
      value
        .split(',')
        .map(p => p.trim())
        .filter(p => p !== ''),
    ),
  ];
  if (paths.length === 0) return { ok: false, problem: 'names no file' };
  if (paths.length > MAX_DOCKERFILES) {
    return { ok: false, problem: `names ${paths.length} files; at most ${MAX_DOCKERFILES} are supported` };
  }
  return { ok: true, paths };
}

const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Whether a dockerfile-path item starts with a URL scheme (`https:`, `file:`, `javascript:`):
 * the annotation names paths inside the repository, never URLs.
 *
 * @public
 */
export function hasUrlScheme(path: string): boolean {
  return URL_SCHEME.test(path);
}
