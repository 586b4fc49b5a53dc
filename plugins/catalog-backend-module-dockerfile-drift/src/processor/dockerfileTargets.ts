/**
 * Where an entity's Dockerfile(s) live: the paths it names (annotation
 * `hardened-go.io/dockerfile-path`, default `Dockerfile`) resolved against its source
 * location (`backstage.io/source-location`, else the managed-by location), the same way
 * the CODEOWNERS processor finds CODEOWNERS, and the go.mod of each one's build context
 * (beside it, or `hardened-go.io/build-context`). A path can never leave the source's host.
 */
import { Entity, getEntitySourceLocation, ANNOTATION_LOCATION, ANNOTATION_SOURCE_LOCATION } from '@backstage/catalog-model';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import { hasUrlScheme, parseDockerfilePaths } from '@hardened-go/plugin-dockerfile-compliance-common';
import { ANNOTATION_BUILD_CONTEXT, ANNOTATION_DOCKERFILE_PATH } from '../annotations';
import type { ReasonCode } from '../outcome';

export type DockerfileTarget =
  /** `goModUrl`: the build context's go.mod, which GDS018 compares with the build image. */
  | { readable: true; path: string; url: string; goModUrl: string }
  | { readable: false; path: string; url?: string; reasonCode: ReasonCode; reason: string };

/** The build-context annotation as a repository path to go.mod, or why it cannot be one. */
function goModPathOf(context: string | undefined): { path?: string } | { problem: string } {
  if (context === undefined) return {};
  const dir = context.trim();
  if (dir.length > 1024 || /[\u0000-\u001f\u007f\\]/.test(dir) || hasUrlScheme(dir) || dir.startsWith('//') || dir.split('/').includes('..')) {
    return { problem: `${ANNOTATION_BUILD_CONTEXT} must be a repository directory without "..", URLs or control characters, got ${JSON.stringify(dir.slice(0, 200))}` };
  }
  const trimmed = dir.replace(/^\.\/?/, '');
  return { path: trimmed === '' ? 'go.mod' : `${trimmed.endsWith('/') ? trimmed : `${trimmed}/`}go.mod` };
}

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

  const goModPath = goModPathOf(entity.metadata.annotations?.[ANNOTATION_BUILD_CONTEXT]);
  if ('problem' in goModPath) return paths.map(path => ({ readable: false as const, path, reasonCode: 'invalid-path' as const, reason: goModPath.problem }));
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
    // beside the Dockerfile, or in the annotated build context (relative to the source location)
    let goModUrl: string;
    try {
      goModUrl = goModPath.path === undefined ? integrations.resolveUrl({ url: 'go.mod', base: url }) : integrations.resolveUrl({ url: goModPath.path, base });
    } catch (e) {
      return { readable: false, path, reasonCode: 'invalid-path', reason: `cannot resolve go.mod for ${path}: ${(e as Error).message}` };
    }
    if (new URL(goModUrl).origin !== baseOrigin) return { readable: false, path, reasonCode: 'invalid-path', reason: `${ANNOTATION_BUILD_CONTEXT} resolves outside the source location's host` };
    return { readable: true, path, url, goModUrl };
  });
}

/** How many distinct entity locations a resolver remembers; beyond it the oldest are forgotten. */
export const TARGET_MEMO_ENTRIES = 20_000;

/**
 * resolveDockerfileTargets for one fixed integration registry, remembered per entity
 * location. The answer depends only on the four annotations in the key (source location,
 * managed-by location, dockerfile path, build context) and the registry, and resolving is costly
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
    const key = JSON.stringify([annotations?.[ANNOTATION_SOURCE_LOCATION], annotations?.[ANNOTATION_LOCATION], annotations?.[ANNOTATION_DOCKERFILE_PATH], annotations?.[ANNOTATION_BUILD_CONTEXT]]);
    let targets = memo.get(key);
    if (targets === undefined) {
      targets = Object.freeze(resolveDockerfileTargets(entity, integrations).map(t => Object.freeze(t)));
      if (memo.size >= maxEntries) memo.delete(memo.keys().next().value as string);
      memo.set(key, targets);
    }
    return targets;
  };
}
