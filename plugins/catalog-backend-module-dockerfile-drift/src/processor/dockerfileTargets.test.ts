import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { MAX_DOCKERFILES } from '@hardened-go/plugin-dockerfile-compliance-common';
import { resolveDockerfileTargets, targetResolver } from './dockerfileTargets';

const integrations = ScmIntegrations.fromConfig(new ConfigReader({}));

function entity(annotations: Record<string, string>): Entity {
  return { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'api', annotations }, spec: { type: 'service' } };
}
const MANAGED = 'backstage.io/managed-by-location';
const SOURCE = 'backstage.io/source-location';
const PATH = 'hardened-go.io/dockerfile-path';

describe('resolveDockerfileTargets', () => {
  it('reads Dockerfile next to the catalog file when there is no source location', () => {
    expect(resolveDockerfileTargets(entity({ [MANAGED]: 'url:https://github.com/acme/api/blob/main/catalog-info.yaml' }), integrations)).toEqual([
      // The GitHub integration normalises blob to tree; its UrlReader reads both.
      { readable: true, path: 'Dockerfile', url: 'https://github.com/acme/api/tree/main/Dockerfile', goModUrl: 'https://github.com/acme/api/tree/main/go.mod' },
    ]);
  });

  it('prefers backstage.io/source-location and treats it as a directory', () => {
    const e = entity({ [MANAGED]: 'url:https://git.example/meta/catalog-info.yaml', [SOURCE]: 'url:https://github.com/acme/api/tree/main/services/api' });
    expect(resolveDockerfileTargets(e, integrations)).toEqual([
      { readable: true, path: 'Dockerfile', url: 'https://github.com/acme/api/tree/main/services/api/Dockerfile', goModUrl: 'https://github.com/acme/api/tree/main/services/api/go.mod' },
    ]);
  });

  it('follows the dockerfile-path annotation, several comma-separated, de-duplicated', () => {
    const e = entity({ [SOURCE]: 'url:http://127.0.0.1:9/repos/api/', [PATH]: ' build/Dockerfile.prod , deploy/worker.Dockerfile,build/Dockerfile.prod,' });
    expect(resolveDockerfileTargets(e, integrations).map(t => t.url)).toEqual([
      'http://127.0.0.1:9/repos/api/build/Dockerfile.prod',
      'http://127.0.0.1:9/repos/api/deploy/worker.Dockerfile',
    ]);
  });

  it('refuses paths that are URLs or leave the source host', () => {
    const e = entity({ [SOURCE]: 'url:http://127.0.0.1:9/repos/api/', [PATH]: 'http://169.254.169.254/latest/meta-data,//evil.example/x,ok/Dockerfile' });
    const targets = resolveDockerfileTargets(e, integrations);
    expect(targets.map(t => [t.path, t.readable, 'reasonCode' in t ? t.reasonCode : undefined])).toEqual([
      ['http://169.254.169.254/latest/meta-data', false, 'invalid-path'],
      ['//evil.example/x', false, 'invalid-path'],
      ['ok/Dockerfile', true, undefined],
    ]);
  });

  it('explains a missing or unreadable source location instead of guessing', () => {
    expect(resolveDockerfileTargets(entity({}), integrations)).toEqual([
      expect.objectContaining({ readable: false, path: 'Dockerfile', reasonCode: 'no-source-location' }),
    ]);
    expect(resolveDockerfileTargets(entity({ [MANAGED]: 'file:/srv/catalog/api.yaml' }), integrations)).toEqual([
      expect.objectContaining({ readable: false, reasonCode: 'unsupported-location', reason: expect.stringContaining("'file'") }),
    ]);
  });

  it('rejects an empty or overlong path list', () => {
    expect(resolveDockerfileTargets(entity({ [SOURCE]: 'url:https://x/', [PATH]: ' , ' }), integrations)).toEqual([
      expect.objectContaining({ readable: false, reasonCode: 'invalid-path' }),
    ]);
    const many = Array.from({ length: MAX_DOCKERFILES + 1 }, (_, i) => `d${i}/Dockerfile`).join(',');
    expect(resolveDockerfileTargets(entity({ [SOURCE]: 'url:https://x/', [PATH]: many }), integrations)).toEqual([
      expect.objectContaining({ readable: false, reasonCode: 'invalid-path', reason: expect.stringContaining(`at most ${MAX_DOCKERFILES}`) }),
    ]);
  });
});

describe('targetResolver', () => {
  it('answers like resolveDockerfileTargets and reuses the answer for the same location', () => {
    const resolve = targetResolver(integrations);
    const a = entity({ [SOURCE]: 'url:https://git.example/acme/api/', [PATH]: 'Dockerfile, deploy/worker.Dockerfile' });
    const first = resolve(a);
    expect(first).toEqual(resolveDockerfileTargets(a, integrations));
    expect(Object.isFrozen(first) && Object.isFrozen(first[0])).toBe(true);
    expect(resolve(entity({ ...a.metadata.annotations }))).toBe(first);
  });

  it('keys on every annotation that decides the answer', () => {
    const resolve = targetResolver(integrations);
    const base = { [MANAGED]: 'url:https://git.example/acme/api/catalog-info.yaml' };
    const variants = [
      entity(base),
      entity({ ...base, [SOURCE]: 'url:https://git.example/acme/other/' }),
      entity({ ...base, [PATH]: 'build/Dockerfile' }),
      entity({ [MANAGED]: 'url:https://git.example/acme/web/catalog-info.yaml' }),
      entity({}),
    ];
    for (const e of variants) expect(resolve(e)).toEqual(resolveDockerfileTargets(e, integrations));
    expect(new Set(variants.map(e => (t => (t.readable ? t.url : t.reasonCode))(resolve(e)[0]!))).size).toBe(variants.length);
  });

  it('forgets the oldest locations beyond its bound', () => {
    const resolve = targetResolver(integrations, 2);
    const e = (n: number) => entity({ [SOURCE]: `url:https://git.example/acme/s${n}/` });
    const first = resolve(e(1));
    resolve(e(2));
    expect(resolve(e(1))).toBe(first);
    resolve(e(3));
    const again = resolve(e(1));
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });
});

describe('the go.mod of each Dockerfile', () => {
  const registry = ScmIntegrations.fromConfig(new ConfigReader({}));
  const source = { 'backstage.io/managed-by-location': 'url:https://github.com/acme/mono/blob/main/catalog-info.yaml', 'backstage.io/source-location': 'url:https://github.com/acme/mono/tree/main/services/api' };
  const goModUrls = (annotations: Record<string, string>) =>
    resolveDockerfileTargets(
      { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'api', annotations: { ...source, ...annotations } } },
      registry,
    ).map((t) => (t.readable ? t.goModUrl : t.reason));
  it('is beside each Dockerfile, or in hardened-go.io/build-context (relative to the source location)', () => {
    expect(goModUrls({ 'hardened-go.io/dockerfile-path': 'Dockerfile, deploy/Dockerfile' })).toEqual([
      'https://github.com/acme/mono/tree/main/services/api/go.mod',
      'https://github.com/acme/mono/tree/main/services/api/deploy/go.mod',
    ]);
    expect(goModUrls({ 'hardened-go.io/dockerfile-path': 'deploy/Dockerfile', 'hardened-go.io/build-context': '.' })).toEqual(['https://github.com/acme/mono/tree/main/services/api/go.mod']);
    expect(goModUrls({ 'hardened-go.io/build-context': './mod/' })).toEqual(['https://github.com/acme/mono/tree/main/services/api/mod/go.mod']);
  });
  it('never leaves the repository', () => {
    for (const bad of ['..', 'a/../../x', 'https://evil.example/', '//evil.example/x', 'a\u0000b']) {
      expect(goModUrls({ 'hardened-go.io/build-context': bad })[0]).toMatch(/hardened-go\.io\/build-context must be a repository directory/);
    }
  });
});
