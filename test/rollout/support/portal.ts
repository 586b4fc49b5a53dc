/**
 * The rollout campaign's world, for real: the shared loopback GitHub host
 * (test/support/githubServer.ts: GitHub cannot be reached here, so it stands in, speaking the
 * part of GitHub's API that Backstage's GitHub integration and publish:github:pull-request
 * use) with Go service repositories (by default four services of two teams, one monorepo, one
 * refusal, one compliant), and a real Backstage backend (test/support/catalogBackend.ts:
 * createBackend, config from YAML, SQLite, static token) with the catalog, the drift
 * processor, the scaffolder with the GitHub module and this project's scaffolder module, the
 * dockerfile-compliance backend plugin, and the harden template. The catalog reads every
 * repository through Backstage's GitHub integration (readUrl), the scaffolder's fetch:plain
 * reads them the same way (readTree), and publish:github:pull-request opens real pull requests
 * on the host.
 */
import * as path from 'node:path';
import { DEFAULT_POLICY } from '@hardened-go/plugin-dockerfile-compliance-common';
import { renderDockerfile } from '@hardened-go/plugin-dockerfile-compliance-node';
import type { BackendFeature } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { stringify } from 'yaml';
import { eventually, startCatalogBackend, type CatalogBackend } from '../../support/catalogBackend';
import { startGitHubServer, type GitHubServer } from '../../support/githubServer';

export const TOKEN = 'rollout-e2e-static-token-0123456789';
/** The GitHub integration's token: distinctive, so a leak into output or logs is found. */
export const GITHUB_TOKEN = 'ghp_rolloutLoopbackIntegrationToken000001';
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const HARDEN_TEMPLATE = path.join(REPO_ROOT, 'templates', 'harden-dockerfile', 'template.yaml');
export const LABEL = 'hardened-go.io/dockerfile-compliance';
/** Rule links in PR bodies default to the portal's rule pages under app.baseUrl. */
export const APP_BASE_URL = 'http://portal.example.test';

/** The campaign's policy: GDS007 enforced from a date far ahead, GDS005 from a date long past. */
export const STANDARD = {
  version: 'v1',
  rules: { GDS007: { mode: 'enforce', enforceAfter: '2999-01-01' }, GDS005: { mode: 'enforce', enforceAfter: '2000-01-01' } },
};

/** Drifted and fixable: alpine final base, a floating Go tag, root, no -trimpath, no module verify. */
export const fixableDockerfile = (bin: string) => `FROM golang:1.22-alpine AS build
WORKDIR /app
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -ldflags "-s -w" -o /bin/${bin} ./cmd/${bin}
FROM alpine:3.20
COPY --from=build /bin/${bin} /usr/local/bin/${bin}
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/${bin}"]
`;

/** Drifted, and fixed only in part: the final image runs a shell command (left for a human). */
export const shellDockerfile = fixableDockerfile('billing').replace('ENTRYPOINT ["/usr/local/bin/billing"]', 'CMD /usr/local/bin/billing --migrate && /usr/local/bin/billing');

/** The canonical file, except -trimpath and `go mod verify`: only the two rollout rules report. */
export const rolloutOnlyDockerfile = () =>
  renderDockerfile(DEFAULT_POLICY, { binaryName: 'legacy', mainPackage: './cmd/legacy' })
    .replace(' -trimpath', '')
    .replace('go mod download && go mod verify', 'go mod download');

export interface Service {
  name: string;
  owner: string;
  repo: string;
  /** Directory of the service inside its repository ('' = root). */
  dir: string;
  dockerfile: string;
}

export const SERVICES: Service[] = [
  { name: 'orders', owner: 'group:default/team-a', repo: 'acme/orders', dir: '', dockerfile: fixableDockerfile('orders') },
  { name: 'billing', owner: 'team-a', repo: 'acme/billing', dir: '', dockerfile: shellDockerfile },
  { name: 'inventory', owner: 'group:default/team-b', repo: 'acme/mono', dir: 'services/inventory', dockerfile: fixableDockerfile('inventory') },
  { name: 'legacy', owner: 'group:default/team-b', repo: 'acme/mono', dir: 'services/legacy', dockerfile: rolloutOnlyDockerfile() },
  { name: 'search', owner: 'group:default/team-b', repo: 'acme/search', dir: '', dockerfile: renderDockerfile(DEFAULT_POLICY, { binaryName: 'search', mainPackage: './cmd/search' }) },
];

function component(s: Service): string {
  return stringify({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: s.name, annotations: { 'github.com/project-slug': s.repo } },
    spec: { type: 'service', lifecycle: 'production', owner: s.owner },
  });
}

/**
 * Publishes the services' repositories and the catalog's location file (acme/catalog/all.yaml);
 * `entities` (Groups, Users...) go into acme/catalog/org.yaml, one more target of the location.
 */
export function publishRepositories(github: GitHubServer, services: readonly Service[] = SERVICES, entities: readonly object[] = []): string {
  const targets: string[] = [];
  const byRepo = new Map<string, Record<string, string>>();
  for (const s of services) {
    const at = (p: string) => (s.dir ? `${s.dir}/${p}` : p);
    const files = byRepo.get(s.repo) ?? {};
    files[at('catalog-info.yaml')] = component(s);
    files[at('Dockerfile')] = s.dockerfile;
    files[at('go.mod')] = `module example.com/${s.name}\n\ngo 1.26.0\n`;
    files[at(`cmd/${s.name}/main.go`)] = 'package main\n\nfunc main() {}\n';
    byRepo.set(s.repo, files);
    targets.push(github.webUrl(s.repo, at('catalog-info.yaml')));
  }
  // one commit per repository
  for (const [repo, files] of byRepo) github.setFiles(repo, repo === 'acme/mono' ? { ...files, 'README.md': 'A monorepo.\n' } : files);
  if (entities.length > 0) {
    github.setFile('acme/catalog', 'org.yaml', entities.map(e => stringify(e)).join('---\n'));
    targets.push(github.webUrl('acme/catalog', 'org.yaml'));
  }
  github.setFile('acme/catalog', 'all.yaml', stringify({ apiVersion: 'backstage.io/v1alpha1', kind: 'Location', metadata: { name: 'acme' }, spec: { targets } }));
  return github.webUrl('acme/catalog', 'all.yaml');
}

export interface Portal {
  github: GitHubServer;
  catalog: CatalogBackend;
  baseUrl: string;
  /** Authenticated JSON request against any plugin's API. */
  request<T = unknown>(method: 'GET' | 'POST' | 'DELETE', apiPath: string, body?: unknown): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
}

export interface PortalOptions {
  services?: readonly Service[];
  /** More hardenedGo configuration (merged over the standard and the catalog's read timeout). */
  hardenedGo?: Record<string, unknown>;
  /** More backend features besides the catalog, scaffolder and drift modules. */
  features?: Array<BackendFeature | Promise<{ default: BackendFeature }>>;
  closeDatabasesOf?: string[];
  /** More catalog entities (Groups, Users...), registered through the same location. */
  entities?: readonly object[];
}

export async function startPortal(options: PortalOptions = {}): Promise<Portal> {
  // the catalog re-reads every repository each second: no hourly request budget for this host
  const github = await startGitHubServer({ rateLimit: Number.MAX_SAFE_INTEGER });
  const catalogLocation = publishRepositories(github, options.services, options.entities);
  // info, not less: the scaffolder's task log (which the dry-run response returns, with each step's
  // rendered inputs) goes through the same logger level.
  process.env.LOG_LEVEL = 'info';
  const catalog = await startCatalogBackend({
    config: {
      app: { baseUrl: APP_BASE_URL },
      backend: { auth: { externalAccess: [{ type: 'static', options: { token: TOKEN, subject: 'rollout-e2e' } }] } },
      integrations: { github: [github.integration(GITHUB_TOKEN)] },
      catalog: {
        processingInterval: { seconds: 1 },
        rules: [{ allow: ['Component', 'Location', 'Template', 'Group', 'User'] }],
        locations: [
          { type: 'file', target: HARDEN_TEMPLATE, rules: [{ allow: ['Template'] }] },
          { type: 'url', target: catalogLocation },
        ],
      },
      hardenedGo: { standard: STANDARD, catalog: { readTimeout: '5s' }, ...options.hardenedGo },
    },
    features: [
      import('@backstage/plugin-catalog-backend'),
      import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
      import('@backstage/plugin-scaffolder-backend'),
      import('@backstage/plugin-scaffolder-backend-module-github'),
      import('@hardened-go/plugin-scaffolder-backend-module-go-service'),
      import('@hardened-go/plugin-catalog-backend-module-dockerfile-drift'),
      ...(options.features ?? []),
    ],
    closeDatabasesOf: options.closeDatabasesOf ?? ['catalog', 'scaffolder'],
  });
  const request = async <T>(method: 'GET' | 'POST' | 'DELETE', apiPath: string, body?: unknown) => {
    const res = await fetch(`${catalog.baseUrl}${apiPath}`, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T };
  };
  return {
    github,
    catalog,
    baseUrl: catalog.baseUrl,
    request,
    async stop() {
      await catalog.stop();
      await github.close();
    },
  };
}

/** Waits until the drift processor has labelled every service as expected. */
export async function waitForLabels(portal: Portal, expected: Record<string, string>): Promise<Record<string, Entity>> {
  return eventually(
    'drift labels on every service',
    async () => {
      const out: Record<string, Entity> = {};
      const wrong: string[] = [];
      for (const [name, label] of Object.entries(expected)) {
        const res = await portal.request<Entity>('GET', `/api/catalog/entities/by-name/component/default/${name}`);
        const actual = res.status === 200 ? res.body.metadata.labels?.[LABEL] : `HTTP ${res.status}`;
        if (actual !== label) wrong.push(`${name}=${actual} (want ${label})`);
        else out[name] = res.body;
      }
      if (wrong.length > 0) throw new Error(wrong.join(', '));
      return out;
    },
    120_000,
  );
}
