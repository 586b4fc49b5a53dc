/**
 * Push events from GitHub and GitLab (through Backstage's events system, whose modules
 * validate the webhook's signature or token) make the drift label fresh within seconds: a
 * push to a repository's default branch that touches a file an entity is checked from (its
 * Dockerfile, go.mod, or the path its hardened-go.io/dockerfile-path names) marks that
 * entity for a forced check and asks the catalog to refresh it. Everything else is ignored.
 */
import type { Entity } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { trimTrailing } from '@hardened-go/plugin-dockerfile-compliance-common';
import type { DockerfileTarget } from '../processor/dockerfileTargets';

/** What a push says, whichever host sent it. */
export interface Push {
  /** The repository's web URL, e.g. https://github.com/acme/payments. */
  repoUrl: string;
  /** True when the push went to the repository's default branch. */
  toDefaultBranch: boolean;
  /** Paths the pushed commits touched; undefined when the event does not list them all. */
  paths?: string[];
}

/** GitHub lists at most 20 commits in a push event; beyond that the paths are not all known. */
const GITHUB_MAX_LISTED_COMMITS = 20;
/** Paths looked at per push: a push touching more is treated as touching everything. */
const MAX_PATHS = 10_000;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function changedPaths(commits: unknown, maxListed: number | undefined): string[] | undefined {
  if (!Array.isArray(commits) || (maxListed !== undefined && commits.length >= maxListed)) return undefined;
  const paths = new Set<string>();
  for (const commit of commits) {
    if (!isRecord(commit)) return undefined;
    for (const key of ['added', 'modified', 'removed']) {
      const list = commit[key];
      if (list === undefined) continue;
      if (!Array.isArray(list)) return undefined;
      for (const p of list) {
        if (typeof p !== 'string') return undefined;
        paths.add(p);
        if (paths.size > MAX_PATHS) return undefined;
      }
    }
  }
  return [...paths];
}

/** A GitHub `push` webhook payload, or undefined when it is not one. */
export function parseGithubPush(payload: unknown): Push | undefined {
  if (!isRecord(payload) || typeof payload.ref !== 'string' || !isRecord(payload.repository)) return undefined;
  const { html_url: repoUrl, default_branch: defaultBranch } = payload.repository;
  if (typeof repoUrl !== 'string' || typeof defaultBranch !== 'string') return undefined;
  const paths = changedPaths(payload.commits, GITHUB_MAX_LISTED_COMMITS);
  return { repoUrl, toDefaultBranch: payload.ref === `refs/heads/${defaultBranch}`, ...(paths ? { paths } : {}) };
}

/** A GitLab `push` webhook payload (object_kind push), or undefined when it is not one. */
export function parseGitlabPush(payload: unknown): Push | undefined {
  if (!isRecord(payload) || payload.object_kind !== 'push' || typeof payload.ref !== 'string' || !isRecord(payload.project)) return undefined;
  const { web_url: repoUrl, default_branch: defaultBranch } = payload.project;
  if (typeof repoUrl !== 'string' || typeof defaultBranch !== 'string') return undefined;
  // GitLab lists at most 20 commits too, and says how many there were
  const total = typeof payload.total_commits_count === 'number' ? payload.total_commits_count : undefined;
  const listed = Array.isArray(payload.commits) ? payload.commits.length : 0;
  const paths = total !== undefined && total > listed ? undefined : changedPaths(payload.commits, undefined);
  return { repoUrl, toDefaultBranch: payload.ref === `refs/heads/${defaultBranch}`, ...(paths ? { paths } : {}) };
}

/** Whether the part of `url` after `from` ends with one of `paths` that starts after a "/". */
function endsWithTouchedPath(url: string, from: number, paths: ReadonlySet<string>): boolean {
  for (let slash = url.indexOf('/', from); slash !== -1; slash = url.indexOf('/', slash + 1)) {
    if (paths.has(url.slice(slash + 1))) return true;
  }
  return false;
}

/**
 * The entities a push concerns: those with a file in the pushed repository, and (when the
 * push lists its paths) a touched path among their files. One set lookup per "/" of each
 * file URL, however many paths the push lists.
 */
export function entitiesTouchedBy(push: Push, entities: readonly Entity[], targetsOf: (entity: Entity) => readonly DockerfileTarget[]): string[] {
  if (!push.toDefaultBranch) return [];
  const repo = `${trimTrailing(push.repoUrl, '/')}/`;
  // each path as the push lists it and as it appears in a URL
  const paths = push.paths && new Set(push.paths.flatMap(p => [p, encodeURI(p)]));
  const touched: string[] = [];
  for (const entity of entities) {
    const files = targetsOf(entity).flatMap(t => (t.readable ? [t.url, t.goModUrl] : []));
    const inRepo = files.filter(url => url.startsWith(repo));
    if (inRepo.length === 0) continue;
    if (!paths || inRepo.some(url => endsWithTouchedPath(url, repo.length - 1, paths))) touched.push(stringifyEntityRef(entity));
  }
  return touched;
}
