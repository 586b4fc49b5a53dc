/**
 * The rollout campaign's world, for real: a Gitea-API loopback host with four Go service
 * repositories (two teams, one monorepo, one refusal, one compliant), and a real Backstage
 * backend (test/support/catalogBackend.ts: createBackend, config from YAML, SQLite, static
 * token) with the catalog, the drift processor, the scaffolder with the GitHub module and
 * this project's scaffolder module, and the harden template. The catalog reads every
 * repository through Backstage's Gitea integration (readUrl) and the scaffolder's
 * fetch:plain reads them the same way (readTree).
 */
import * as path from 'node:path';
import { DEFAULT_POLICY } from '@hardened-go/plugin-dockerfile-compliance-common';
import { renderDockerfile } from '@hardened-go/plugin-dockerfile-compliance-node';
import type { Entity } from '@backstage/catalog-model';
import { stringify } from 'yaml';
import { eventually, startCatalogBackend, type CatalogBackend } from '../../support/catalogBackend';
import { startGiteaServer, type GiteaServer } from './giteaServer';

export const TOKEN = 'rollout-e2e-static-token-0123456789';
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

interface Service {
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

export function publishRepositories(gitea: GiteaServer): string {
  const targets: string[] = [];
  for (const s of SERVICES) {
    const at = (p: string) => (s.dir ? `${s.dir}/${p}` : p);
    gitea.setFile(s.repo, at('catalog-info.yaml'), component(s));
    gitea.setFile(s.repo, at('Dockerfile'), s.dockerfile);
    gitea.setFile(s.repo, at('go.mod'), `module example.com/${s.name}\n\ngo 1.26.0\n`);
    gitea.setFile(s.repo, at(`cmd/${s.name}/main.go`), 'package main\n\nfunc main() {}\n');
    targets.push(gitea.webUrl(s.repo, at('catalog-info.yaml')));
  }
  gitea.setFile('acme/mono', 'README.md', 'A monorepo.\n');
  gitea.setFile('acme/catalog', 'all.yaml', stringify({ apiVersion: 'backstage.io/v1alpha1', kind: 'Location', metadata: { name: 'acme' }, spec: { targets } }));
  return gitea.webUrl('acme/catalog', 'all.yaml');
}

export interface Portal {
  gitea: GiteaServer;
  catalog: CatalogBackend;
  baseUrl: string;
  /** Authenticated JSON request against any plugin's API. */
  request<T = unknown>(method: 'GET' | 'POST', apiPath: string, body?: unknown): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
}

export async function startPortal(): Promise<Portal> {
  const gitea = await startGiteaServer();
  const catalogLocation = publishRepositories(gitea);
  // info, not less: the scaffolder's task log (which the dry-run response returns, with each step's
  // rendered inputs) goes through the same logger level.
  process.env.LOG_LEVEL = 'info';
  const catalog = await startCatalogBackend({
    config: {
      app: { baseUrl: APP_BASE_URL },
      backend: { auth: { externalAccess: [{ type: 'static', options: { token: TOKEN, subject: 'rollout-e2e' } }] } },
      integrations: {
        gitea: [{ host: gitea.host, baseUrl: gitea.baseUrl }],
        // publish:github:pull-request builds its client (which needs a token) before its dry-run branch;
        // the dry run returns before any request, so this token is never sent anywhere.
        github: [{ host: 'github.com', token: 'dry-run-only-never-sent' }],
      },
      catalog: {
        processingInterval: { seconds: 1 },
        rules: [{ allow: ['Component', 'Location', 'Template', 'Group', 'User'] }],
        locations: [
          { type: 'file', target: HARDEN_TEMPLATE, rules: [{ allow: ['Template'] }] },
          { type: 'url', target: catalogLocation },
        ],
      },
      hardenedGo: { standard: STANDARD, catalog: { readTimeout: '5s' } },
    },
    features: [
      import('@backstage/plugin-catalog-backend'),
      import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
      import('@backstage/plugin-scaffolder-backend'),
      import('@backstage/plugin-scaffolder-backend-module-github'),
      import('@hardened-go/plugin-scaffolder-backend-module-go-service'),
      import('@hardened-go/plugin-catalog-backend-module-dockerfile-drift'),
    ],
    closeDatabasesOf: ['catalog', 'scaffolder'],
  });
  const request = async <T>(method: 'GET' | 'POST', apiPath: string, body?: unknown) => {
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
    gitea,
    catalog,
    baseUrl: catalog.baseUrl,
    request,
    async stop() {
      await catalog.stop();
      await gitea.close();
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
