/**
 * Where an entity's Dockerfile(s) live: the paths it names (annotation
 * `hardened-go.io/dockerfile-path`, default `Dockerfile`) resolved against its source
 * location (`backstage.io/source-location`, else the managed-by location), the same way
 * the CODEOWNERS processor finds CODEOWNERS. A path can never leave the source's host.
 */
import { Entity, getEntitySourceLocation, ANNOTATION_LOCATION, ANNOTATION_SOURCE_LOCATION } from '@backstage/catalog-model';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import { hasUrlScheme, parseDockerfilePaths } from '@hardened-go/plugin-dockerfile-compliance-common';
import { ANNOTATION_DOCKERFILE_PATH } from '../annotations';
import type { ReasonCode } from '../outcome';

export type DockerfileTarget =
  | { readable: true; path: string; url: string }
  | { readable: false; path: string; url?: string; reasonCode: ReasonCode; reason: string };

export function resolveDockerfileTargets(entity: Entity, integrations: ScmIntegrationRegistry): DockerfileTarget[] {
  const named = entity.metadata.annotations?.[ANNOTATION_DOCKERFILE_PATH];
  const listed = parseDockerfilePaths(named);
  if (!listed.ok) {
    return [{ readable: false, path: (named ?? '').slice(0, 200), reasonCode: 'invalid-path', reason: `${ANNOTATION_DOCKERFILE_PATH} ${listed.problem}` }];
  }
  const paths = listed.paths;

  let source: { type: string; target: string };
  try {
    source = getEntitySourceLocation(entity);
  } catch {
    return paths.map(path => ({ readable: false as const, path, reasonCode: 'no-source-location' as const, reason: 'the entity has no source location (backstage.io/source-location or managed-by location)' }));
  }
  if (source.type !== 'url') {
    return paths.map(path => ({
      readable: false as const,
      path,
      reasonCode: 'unsupported-location' as const,
      reason: `the source location has type '${source.type}'; only url locations can be read`,
    }));
  }
  let base = source.target;
  // backstage.io/source-location names a directory; without the slash a relative path would resolve next to it.
  if (entity.metadata.annotations?.[ANNOTATION_SOURCE_LOCATION] !== undefined && !base.endsWith('/') && !base.includes('?')) {
    base = `${base}/`;
  }
  let baseOrigin: string;
  try {
    baseOrigin = new URL(base).origin;
  } catch {
    return paths.map(path => ({ readable: false as const, path, reasonCode: 'unsupported-location' as const, reason: `the source location is not a valid URL: ${base.slice(0, 200)}` }));
  }

  return paths.map((path): DockerfileTarget => {
    if (hasUrlScheme(path) || path.startsWith('//')) {
      return { readable: false, path, reasonCode: 'invalid-path', reason: `${ANNOTATION_DOCKERFILE_PATH} must name repository paths, not URLs: ${path}` };
    }
    let url: string;
    let origin: string;
    try {
      url = integrations.resolveUrl({ url: path, base });
      origin = new URL(url).origin;
    } catch (e) {
      return { readable: false, path, reasonCode: 'invalid-path', reason: `cannot resolve ${path} against ${base}: ${(e as Error).message}` };
    }
    if (origin !== baseOrigin) {
      return { readable: false, path, reasonCode: 'invalid-path', reason: `${path} resolves outside the source location's host` };
    }
    return { readable: true, path, url };
  });
}

/** How many distinct entity locations a resolver remembers; beyond it the oldest are forgotten. */
export const TARGET_MEMO_ENTRIES = 20_000;

/**
 * resolveDockerfileTargets for one fixed integration registry, remembered per entity
 * location. The answer depends only on the three annotations in the key (source location,
 * managed-by location, dockerfile path) and the registry, and resolving is costly
 * (ScmIntegrations.resolveUrl parses the URL once per integration type, and a relative
 * path throws inside it) while an entity's location almost never changes between passes.
 * The returned targets are frozen: they are shared by every later call with the same key.
 */
export function targetResolver(
  integrations: ScmIntegrationRegistry,
  maxEntries: number = TARGET_MEMO_ENTRIES,
): (entity: Entity) => readonly DockerfileTarget[] {
  const memo = new Map<string, readonly DockerfileTarget[]>();
  return entity => {
    const annotations = entity.metadata.annotations;
    // JSON of the three values keeps "absent" and any string apart without a separator that could collide.
    const key = JSON.stringify([annotations?.[ANNOTATION_SOURCE_LOCATION], annotations?.[ANNOTATION_LOCATION], annotations?.[ANNOTATION_DOCKERFILE_PATH]]);
    let targets = memo.get(key);
    if (targets === undefined) {
      targets = Object.freeze(resolveDockerfileTargets(entity, integrations).map(t => Object.freeze(t)));
      if (memo.size >= maxEntries) memo.delete(memo.keys().next().value as string);
      memo.set(key, targets);
    }
    return targets;
  };
}
