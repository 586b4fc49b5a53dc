import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { targetResolver } from '../processor/dockerfileTargets';
import { ForcedChecks } from './forcedChecks';
import { entitiesTouchedBy, parseGithubPush, parseGitlabPush } from './pushEvents';
import { startCpuClock } from '../../../../test/support/cpuTime';

const targetsOf = targetResolver(ScmIntegrations.fromConfig(new ConfigReader({})));

function service(name: string, location: string, annotations: Record<string, string> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, annotations: { 'backstage.io/managed-by-location': `url:${location}`, ...annotations } },
    spec: { type: 'service' },
  };
}

const entities = [
  service('api', 'https://github.com/acme/shop/blob/main/services/api/catalog-info.yaml'),
  service('worker', 'https://github.com/acme/shop/blob/main/services/worker/catalog-info.yaml', { 'hardened-go.io/dockerfile-path': 'build/Dockerfile.prod' }),
  service('other', 'https://github.com/acme/shopping/blob/main/catalog-info.yaml'),
];

const githubPush = (paths: unknown[] | undefined, ref = 'refs/heads/main') => ({
  ref,
  repository: { html_url: 'https://github.com/acme/shop', default_branch: 'main' },
  ...(paths === undefined ? {} : { commits: [{ modified: paths }] }),
});

describe('push events', () => {
  it('refresh the entities whose Dockerfile, annotated path or go.mod a default-branch push touched', () => {
    const touched = (paths: string[] | undefined) => entitiesTouchedBy(parseGithubPush(githubPush(paths))!, entities, targetsOf);
    expect(touched(['services/api/Dockerfile'])).toEqual(['component:default/api']);
    expect(touched(['services/worker/build/Dockerfile.prod'])).toEqual(['component:default/worker']);
    expect(touched(['services/api/go.mod'])).toEqual(['component:default/api']);
    expect(touched(['README.md', 'services/api/main.go'])).toEqual([]);
    // not all paths listed: every entity of the repository (and never one of a look-alike repository)
    expect(touched(undefined)).toEqual(['component:default/api', 'component:default/worker']);
  });

  it('stay linear on a hostile push: the most paths it reads, against thousands of entities', () => {
    const many = Array.from({ length: 2000 }, (_, i) => service(`svc-${i}`, `https://github.com/acme/shop/blob/main/services/svc-${i}/catalog-info.yaml`));
    const paths = Array.from({ length: 9999 }, (_, i) => `docs/${'deep/'.repeat(20)}page-${i}.md`).concat('services/svc-1999/Dockerfile');
    const cpuMs = startCpuClock();
    expect(entitiesTouchedBy(parseGithubPush(githubPush(paths))!, many, targetsOf)).toEqual(['component:default/svc-1999']);
    // one set lookup per "/" of each file URL: far from the paths x files comparisons a naive match makes
    expect(cpuMs()).toBeLessThan(2000);
    // one path more than it reads: treated as touching every entity of the repository
    expect(parseGithubPush(githubPush([...paths, 'x', 'y']))!.paths).toBeUndefined();
  });

  it('ignore pushes to other branches and malformed payloads', () => {
    expect(entitiesTouchedBy(parseGithubPush(githubPush(['services/api/Dockerfile'], 'refs/heads/feature'))!, entities, targetsOf)).toEqual([]);
    for (const bad of [null, 'push', {}, { ref: 'refs/heads/main' }, { ref: 1, repository: {} }, { ref: 'refs/heads/main', repository: { html_url: 3, default_branch: 'main' } }]) {
      expect(parseGithubPush(bad)).toBeUndefined();
    }
    // paths that are not strings: treated as unknown paths, not trusted
    expect(parseGithubPush(githubPush([{ evil: true }]))!.paths).toBeUndefined();
    // GitHub lists at most 20 commits: a longer push may touch more than it lists
    expect(parseGithubPush({ ...githubPush([]), commits: Array.from({ length: 20 }, () => ({ modified: ['a'] })) })!.paths).toBeUndefined();
  });

  it('read GitLab pushes, and know when GitLab left commits out', () => {
    const push = { object_kind: 'push', ref: 'refs/heads/trunk', project: { web_url: 'https://gitlab.com/acme/shop', default_branch: 'trunk' }, total_commits_count: 1, commits: [{ added: ['Dockerfile'] }] };
    expect(parseGitlabPush(push)).toEqual({ repoUrl: 'https://gitlab.com/acme/shop', toDefaultBranch: true, paths: ['Dockerfile'] });
    expect(parseGitlabPush({ ...push, total_commits_count: 40 })!.paths).toBeUndefined();
    expect(parseGitlabPush({ ...push, object_kind: 'tag_push' })).toBeUndefined();
  });

  it('keep marks bounded in time: a mark is consumed once, and an old one no longer forces a check', () => {
    let now = 0;
    const forced = new ForcedChecks(() => now);
    forced.mark('component:default/api');
    expect(forced.take('component:default/api')).toBe(true);
    expect(forced.take('component:default/api')).toBe(false);
    forced.mark('component:default/api');
    now += 11 * 60 * 1000;
    expect(forced.take('component:default/api')).toBe(false);
    expect(forced.size).toBe(0);
  });
});
