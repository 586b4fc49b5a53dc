/** Splitting an image reference into repository, tag and digest (distribution/reference rules). */
import type { ImageRef } from './types';

const DOCKER_HUB_PREFIXES = ['docker.io/library/', 'index.docker.io/library/', 'registry-1.docker.io/library/', 'docker.io/', 'index.docker.io/', 'registry-1.docker.io/'];

export function parseImageRef(ref: string, unresolvedArgs: string[] = []): ImageRef {
  const { repository, tag, digest } = splitImageRef(ref);
  return { ref, repository, tag, digest, unresolvedArgs };
}

/** A FROM's external image: `{ kind: 'image', ...parseImageRef(ref, unresolvedArgs) }` without the copy. */
export function imageBase(ref: string, unresolvedArgs: string[]): { kind: 'image' } & ImageRef {
  const { repository, tag, digest } = splitImageRef(ref);
  return { kind: 'image', ref, repository, tag, digest, unresolvedArgs };
}

function splitImageRef(ref: string): { repository: string; tag: string | null; digest: string | null } {
  let rest = ref;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { repository: normalizeRepository(rest), tag, digest };
}

/** `docker.io/library/golang` and `library/golang` are `golang`. */
export function normalizeRepository(repository: string): string {
  let r = repository.toLowerCase();
  for (const p of DOCKER_HUB_PREFIXES) {
    if (r.startsWith(p)) {
      r = r.slice(p.length);
      break;
    }
  }
  if (r.startsWith('library/')) r = r.slice('library/'.length);
  return r;
}
