/**
 * The demo's campaign mode (`HARDENED_GO_GIT_HOST=github npm start`): the example services
 * served by the loopback GitHub host (./githubServer.ts) instead of plain HTTP, so that the
 * whole rollout works locally: the harden template reads a service through Backstage's GitHub
 * integration and opens its pull request with publish:github:pull-request, `hardened-go
 * rollout apply` runs campaigns, and the view shows the pull requests' states.
 *
 * Each example service becomes its own repository `examples/<dir>` (one hardening branch and
 * pull request per service, as on GitHub), its catalog-info.yaml given the
 * `github.com/project-slug` annotation GitHub-hosted services carry; a repository
 * `examples/catalog` holds org.yaml and the Location that lists them. The repositories are a
 * snapshot of examples/ at start: from then on the host is the source of truth (a merged pull
 * request changes what the catalog reads).
 */
import type { JsonObject, JsonValue } from '@backstage/config';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { startGitHubServer, type GitHubServer } from './githubServer';

/** The owner of the demo's repositories on the loopback host. */
export const DEMO_GITHUB_OWNER = 'examples';
/** The integration's token: the host accepts only it (the demo host is on loopback, with no other secret). */
export const DEMO_GITHUB_TOKEN = 'hardened-go-demo-github-token';
/** A Backstage static token with no access restriction, for `hardened-go rollout apply` against the demo. */
export const DEMO_CAMPAIGN_TOKEN = 'hardened-go-demo-campaign-token';

const MAX_FILE_BYTES = 1024 * 1024;

export interface DemoGitHub {
  server: GitHubServer;
  /** The Location the catalog reads (examples/catalog's catalog-info.yaml). */
  catalogTarget: string;
  /** Repositories published, by service directory. */
  repositories: string[];
}

interface LocationLike {
  kind?: unknown;
  spec?: { targets?: unknown; target?: unknown };
}

/** The regular files of a directory, recursively, as repository paths (no dot-directories). */
async function filesOf(dir: string, prefix = ''): Promise<Record<string, Buffer>> {
  const out: Record<string, Buffer> = {};
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(out, await filesOf(full, `${prefix}${entry.name}/`));
    else if (entry.isFile() && (await fs.stat(full)).size <= MAX_FILE_BYTES) out[`${prefix}${entry.name}`] = await fs.readFile(full);
  }
  return out;
}

/** catalog-info.yaml with `github.com/project-slug` on each entity that has none. */
export function withProjectSlug(catalogInfo: string, slug: string): string {
  return parseAllDocuments(catalogInfo)
    .map(doc => {
      const entity = doc.toJS() as { metadata?: { annotations?: Record<string, string> } } | null;
      if (!entity || typeof entity !== 'object') return '';
      entity.metadata = { ...entity.metadata, annotations: { 'github.com/project-slug': slug, ...entity.metadata?.annotations } };
      return stringify(entity);
    })
    .filter(Boolean)
    .join('---\n');
}

/** Starts the host and publishes examples/ on it as described above. */
export async function startDemoGitHub(options: { examplesDir: string; port: number }): Promise<DemoGitHub> {
  const rootFile = path.join(options.examplesDir, 'catalog-info.yaml');
  const root = parseAllDocuments(await fs.readFile(rootFile, 'utf8')).map(doc => doc.toJS() as LocationLike);
  const targets = root.flatMap(entity => (String(entity?.kind).toLowerCase() === 'location' && Array.isArray(entity.spec?.targets) ? (entity.spec!.targets as unknown[]) : []));
  const relative = targets.filter((t): t is string => typeof t === 'string' && !/^[a-z]+:/i.test(t)).map(t => path.posix.normalize(t));

  const server = await startGitHubServer({ token: DEMO_GITHUB_TOKEN, port: options.port, rateLimit: Number.MAX_SAFE_INTEGER });
  const repositories: string[] = [];
  const catalogTargets: string[] = [];
  const catalogFiles: Record<string, string | Buffer> = {};
  for (const target of relative) {
    if (target.startsWith('..')) continue;
    const dir = path.posix.dirname(target);
    if (dir === '.') {
      // a file at the root (org.yaml): it goes to the catalog repository as it is
      catalogFiles[target] = await fs.readFile(path.join(options.examplesDir, target));
      catalogTargets.push(`./${target}`);
      continue;
    }
    const repo = `${DEMO_GITHUB_OWNER}/${dir.replace(/\//g, '-')}`;
    const files: Record<string, string | Buffer> = await filesOf(path.join(options.examplesDir, dir));
    const catalogInfo = path.posix.basename(target);
    files[catalogInfo] = withProjectSlug(String(files[catalogInfo] ?? ''), repo);
    server.setFiles(repo, files, { message: `Import ${dir} from the hardened-go examples` });
    repositories.push(repo);
    catalogTargets.push(server.webUrl(repo, catalogInfo));
  }
  catalogFiles['catalog-info.yaml'] = stringify({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Location',
    metadata: { name: 'hardened-go-examples', description: 'The hardened-go example services, one repository each' },
    spec: { targets: catalogTargets },
  });
  const catalogRepo = `${DEMO_GITHUB_OWNER}/catalog`;
  server.setFiles(catalogRepo, catalogFiles, { message: 'The example catalog' });
  return { server, catalogTarget: server.webUrl(catalogRepo, 'catalog-info.yaml'), repositories };
}

/**
 * The configuration the campaign mode lays over app-config.yaml: the GitHub integration for the
 * host, the catalog reading the examples from it (the template locations kept), and a static
 * token for the CLI. Arrays replace, as Backstage config does: the caller passes the base ones.
 */
export function demoGitHubConfig(input: {
  demo: DemoGitHub;
  baseLocations: JsonValue[];
  baseExternalAccess: JsonValue[];
}): JsonObject {
  const fileLocations = input.baseLocations.filter(l => (l as { type?: unknown } | null)?.type === 'file');
  return {
    integrations: { github: [{ ...input.demo.server.integration(DEMO_GITHUB_TOKEN) }] },
    catalog: { locations: [...fileLocations, { type: 'url', target: input.demo.catalogTarget }] },
    backend: {
      auth: {
        externalAccess: [...input.baseExternalAccess, { type: 'static', options: { token: DEMO_CAMPAIGN_TOKEN, subject: 'hardened-go-campaign' } }],
      },
    },
  };
}
