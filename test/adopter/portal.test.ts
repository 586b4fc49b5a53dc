/**
 * hardened-go installed the way a platform team installs it into its own Backstage: every
 * package `npm pack`ed (what would be published), installed from the tarballs plus
 * Backstage 1.55's packages from the registry into a fresh repository outside this
 * workspace (test/adopter/support/adopterProject.ts), then
 *
 * - backend: started with `backend.add(import(...))` for each module on PostgreSQL; both
 *   actions are registered, the sample services get their labels, the template dry-runs,
 *   and the service the dry-run generated is labelled compliant once it is in the catalog;
 * - frontend: the app is built with `backstage-cli package build` (hardened-go found by
 *   feature discovery, not imported), rendered in headless Chromium against that backend
 *   (organisation page and entity card), and `backstage-cli package test` runs a test that
 *   imports the installed package with Backstage's own Jest config.
 *
 * The two adopter configs differ from a production one in what a test needs: a loopback
 * repository server, a fast processing loop, and no sign-in (the default auth policy is
 * disabled because the browser has no identity to present).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { parse, stringify } from 'yaml';
import { checkDockerfile, DEFAULT_POLICY } from '@hardened-go/plugin-dockerfile-compliance-common';
import { readPolicyDocument } from '@hardened-go/plugin-dockerfile-compliance-node';
import { startExampleRepositoryServer, type ExampleRepositoryServer } from '../../packages/backend/src/demo/exampleRepositoryServer';
import { DEMO_SERVICE_VALUES } from '../../packages/backend/src/demo/dryRunRequest';
import { copyExamples } from '../e2e/harness/backendProcess';
import { fetchOutcomes } from '../e2e/harness/catalog';
import { EXAMPLE_NAMES, EXPECTED_EXAMPLES } from '../e2e/harness/expectedExamples';
import { postJson, readTemplate } from '../e2e/harness/scaffolder';
import { eventually } from '../support/catalogBackend';
import { runCommand, startLoggedProcess, type LoggedProcess } from '../support/childProcess';
import { freePort } from '../support/freePort';
import { startPostgres, type PostgresServer } from '../support/postgres';
import { startDevAppServer, type DevAppServer } from '../ui/devApp';
import { createAdopterPortal, packedPackages, REPO_ROOT, type AdopterPortal } from './support/adopterProject';

const CHROMIUM = '/usr/bin/chromium';
const GENERATED = 'adopter-generated';
const ADOPTER_CI_TOKEN = 'adopter-ci-token-for-the-policy';

jest.setTimeout(30 * 60_000);

describe('adopter portal: the packed packages in a fresh Backstage repository', () => {
  let portal: AdopterPortal;
  let postgres: PostgresServer;
  let repos: ExampleRepositoryServer;
  let reposDir: string;
  let backend: LoggedProcess;
  let backendUrl: string;
  let uiPort: number;

  beforeAll(async () => {
    const [packed, pg] = await Promise.all([packedPackages(), startPostgres()]);
    postgres = pg;
    portal = await createAdopterPortal(packed);

    // The services' repositories: the sample services, served over HTTP like a Git host's raw files.
    reposDir = await copyExamples();
    repos = await startExampleRepositoryServer({ rootDir: reposDir, port: 0 });

    const backendPort = await freePort();
    uiPort = await freePort();
    backendUrl = `http://127.0.0.1:${backendPort}`;
    await fs.writeFile(
      path.join(portal.dir, 'app-config.yaml'),
      stringify({
        app: {
          title: 'Adopter portal',
          baseUrl: `http://localhost:${uiPort}`,
          // Feature discovery: every frontend plugin in packages/app's dependencies.
          packages: 'all',
          extensions: [{ 'sign-in-page:app': false }],
        },
        organization: { name: 'Adopter' },
        backend: {
          baseUrl: backendUrl,
          listen: { host: '127.0.0.1', port: backendPort },
          database: { client: 'pg', connection: postgres.connection },
          auth: {
            dangerouslyDisableDefaultAuthPolicy: true,
            // CI's token for the policy endpoint, as docs/shift-left.md tells an adopter to add
            externalAccess: [{ type: 'static', options: { token: ADOPTER_CI_TOKEN, subject: 'ci' }, accessRestrictions: [{ plugin: 'dockerfile-compliance' }] }],
          },
          reading: { allow: [{ host: new URL(repos.url).host }] },
        },
        catalog: {
          processingInterval: { seconds: 2 },
          rules: [{ allow: ['Component', 'System', 'API', 'Resource', 'Location', 'Template', 'Group', 'User', 'Domain'] }],
          locations: [{ type: 'url', target: `${repos.url}/catalog-info.yaml` }],
        },
      }),
    );

    // `yarn start` in an adopter's packages/backend: backstage-cli package start.
    backend = await startLoggedProcess({
      name: 'adopter backend',
      command: process.execPath,
      args: [path.join(portal.dir, 'node_modules', '@backstage', 'cli', 'bin', 'backstage-cli'), 'package', 'start', '--config', '../../app-config.yaml'],
      cwd: portal.backendDir,
      env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'info' },
      logFile: 'adopter-backend.log',
    });
    await backend.waitForOutput(/Plugin initialization complete/, 180_000);
  });

  afterAll(async () => {
    await backend?.stop();
    await repos?.close();
    await postgres?.stop();
    if (reposDir) await fs.rm(reposDir, { recursive: true, force: true });
    await portal?.remove();
  });

  it('resolves hardened-go from the tarballs only, and Backstage from the registry', async () => {
    const lock = JSON.parse(await fs.readFile(path.join(portal.dir, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string; resolved?: string; integrity?: string; link?: boolean }>;
    };
    const ours = Object.entries(lock.packages).filter(([key]) => key.includes('node_modules/@hardened-go/'));
    expect(ours.map(([key]) => key.replace(/^.*node_modules\//, '')).sort()).toEqual([
      '@hardened-go/plugin-catalog-backend-module-dockerfile-drift',
      '@hardened-go/plugin-dockerfile-compliance',
      '@hardened-go/plugin-dockerfile-compliance-backend',
      '@hardened-go/plugin-dockerfile-compliance-common',
      '@hardened-go/plugin-dockerfile-compliance-node',
      '@hardened-go/plugin-scaffolder-backend-module-go-service',
    ]);
    for (const [, entry] of ours) expect(entry.resolved).toMatch(/^file:.*\.tgz$/);
    // Backstage's packages come from the registry: an integrity hash, no file: or link.
    const backendDefaults = lock.packages['node_modules/@backstage/backend-defaults'];
    expect(backendDefaults.integrity).toMatch(/^sha512-/);
    expect(backendDefaults.link).toBeUndefined();
    expect(backendDefaults.resolved ?? 'https://registry').toMatch(/^https:\/\//);
    // hardened-go's caret ranges fit the app's Backstage release: one copy of each package.
    const versionsByName = new Map<string, Set<string>>();
    for (const [key, entry] of Object.entries(lock.packages)) {
      const name = /node_modules\/(@backstage\/[^/]+)$/.exec(key)?.[1];
      if (name && entry.version) versionsByName.set(name, (versionsByName.get(name) ?? new Set()).add(entry.version));
    }
    expect([...versionsByName].filter(([, v]) => v.size > 1).map(([name, v]) => `${name}: ${[...v].join(', ')}`)).toEqual([]);
    // Nothing of the workspace is reachable from there.
    expect(portal.dir.startsWith(REPO_ROOT)).toBe(false);
  });

  it('serves the policy to a CI token, and to nobody without one', async () => {
    const url = `${backendUrl}/api/dockerfile-compliance/policy`;
    expect((await fetch(url)).status).toBe(401);
    const res = await fetch(url, { headers: { Authorization: `Bearer ${ADOPTER_CI_TOKEN}` } });
    expect(res.status).toBe(200);
    const { policy } = readPolicyDocument(JSON.parse(await res.text()));
    expect(policy).toEqual(DEFAULT_POLICY);
  });

  it('registers both scaffolder actions', async () => {
    const actions = (await (await fetch(`${backendUrl}/api/scaffolder/v2/actions`)).json()) as { id: string }[];
    expect(actions.map(a => a.id)).toEqual(expect.arrayContaining(['hardened-go:service:create', 'hardened-go:dockerfile:harden']));
  });

  it('labels the compliant and the drifted services', async () => {
    const outcomes = await eventually(
      'a label on every sample service',
      async () => {
        const o = await fetchOutcomes(backendUrl);
        return EXAMPLE_NAMES.every(name => o[name]?.label) ? o : undefined;
      },
      120_000,
      500,
    );
    for (const name of EXAMPLE_NAMES) {
      expect({ name, label: outcomes[name].label }).toEqual({ name, label: EXPECTED_EXAMPLES[name].status });
      expect(outcomes[name].rules).toEqual(expect.arrayContaining(EXPECTED_EXAMPLES[name].rules));
    }
  });

  it('dry-runs the "Create new Go service" template, and the generated service is labelled compliant', async () => {
    const { status, body } = await postJson(`${backendUrl}/api/scaffolder/v2/dry-run`, {
      template: await readTemplate(),
      values: { ...DEMO_SERVICE_VALUES, name: GENERATED, repoUrl: `github.com?owner=acme&repo=${GENERATED}` },
      secrets: {},
      directoryContents: [],
    });
    expect(status).toBe(200);
    const files = (body.directoryContents as { path: string; base64Content: string }[]).map(f => ({
      path: f.path,
      content: Buffer.from(f.base64Content, 'base64'),
    }));
    expect(files.map(f => f.path)).toEqual(expect.arrayContaining(['Dockerfile', 'go.mod', 'main.go', 'catalog-info.yaml']));
    const dockerfile = files.find(f => f.path === 'Dockerfile')!.content.toString('utf8');
    expect(checkDockerfile(dockerfile, DEFAULT_POLICY)).toMatchObject({ status: 'compliant', findings: [] });

    // Publish it to the loopback repository server (GitHub does not exist here) and register
    // it. Its catalog-info.yaml names its GitHub repository as source location; without that
    // annotation the processor reads the Dockerfile next to the catalog-info.yaml it came from.
    for (const file of files) {
      const content =
        file.path === 'catalog-info.yaml' ? withoutSourceLocation(file.content.toString('utf8')) : file.content;
      await fs.mkdir(path.dirname(path.join(reposDir, GENERATED, file.path)), { recursive: true });
      await fs.writeFile(path.join(reposDir, GENERATED, file.path), content);
    }
    const registered = await postJson(`${backendUrl}/api/catalog/locations`, { type: 'url', target: `${repos.url}/${GENERATED}/catalog-info.yaml` });
    expect(registered.status).toBe(201);
    const label = await eventually(
      'a label on the generated service',
      async () => (await fetchOutcomes(backendUrl, [GENERATED]))[GENERATED]?.label,
      120_000,
      500,
    );
    expect(label).toBe('compliant');
  });

  describe('frontend', () => {
    let app: DevAppServer;
    let browser: Browser;
    let page: Page;

    beforeAll(async () => {
      await fs.access(CHROMIUM).catch(() => {
        throw new Error(`${CHROMIUM} is missing: run scripts/test-prerequisites.sh (installs Debian's chromium)`);
      });
      // The app talks to the backend through the server in front of it (one origin).
      const uiConfig = path.join(portal.dir, 'app-config.ui.yaml');
      await fs.writeFile(uiConfig, stringify({ backend: { baseUrl: `http://localhost:${uiPort}` } }));
      await runCommand(
        process.execPath,
        [path.join(portal.dir, 'node_modules', '@backstage', 'cli', 'bin', 'backstage-cli'), 'package', 'build', '--config', '../../app-config.yaml', '--config', uiConfig],
        { cwd: portal.appDir, env: { ...process.env, NODE_ENV: 'production' }, timeoutMs: 15 * 60_000, logFile: 'adopter-app-build.log' },
      );
      app = await startDevAppServer(backendUrl, { port: uiPort, distDir: path.join(portal.appDir, 'dist') });
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
      page = await browser.newPage();
    });

    afterAll(async () => {
      await browser?.close();
      await app?.stop();
    });

    it('shows the organisation page with every service and its status', async () => {
      await page.goto(`${app.url}/dockerfile-compliance`);
      const rows = page.locator('[data-testid="service-row"]');
      await rows.first().waitFor({ timeout: 60_000 });
      await eventually('every service listed', async () => ((await rows.count()) >= EXAMPLE_NAMES.length + 1 ? true : undefined), 60_000, 500);
      for (const name of EXAMPLE_NAMES) {
        const row = page.locator(`[data-testid="service-row"][data-entity="component:default/${name}"]`);
        expect(await row.getAttribute('data-status')).toBe(EXPECTED_EXAMPLES[name].status);
      }
      await page.screenshot({ path: path.join(REPO_ROOT, 'test', '.artifacts', 'adopter-organisation-page.png'), fullPage: true });
    });

    it("shows the compliance card on a drifted service's entity page, and its findings on the Dockerfile tab", async () => {
      await page.goto(`${app.url}/catalog/default/component/legacy-billing`);
      const card = page.locator('[data-testid="dockerfile-compliance"]');
      await card.waitFor({ timeout: 60_000 });
      expect(await card.locator('[data-testid="compliance-status"]').first().getAttribute('data-status')).toBe('drifted');
      expect(await card.locator('[data-testid="harden-button"]').count()).toBe(1);
      await page.screenshot({ path: path.join(REPO_ROOT, 'test', '.artifacts', 'adopter-entity-card.png'), fullPage: true });
      await page.goto(`${app.url}/catalog/default/component/legacy-billing/dockerfile`);
      const tab = page.locator('[data-testid="dockerfile-compliance"]');
      await tab.locator('[data-testid="finding-row"]').first().waitFor({ timeout: 60_000 });
      const rules = await tab.locator('[data-testid="finding-row"]').evaluateAll(rows => rows.map(r => r.getAttribute('data-rule')));
      expect(rules).toEqual(expect.arrayContaining(EXPECTED_EXAMPLES['legacy-billing'].rules));
    });

    it("runs the adopter's own Jest test of the installed package (backstage-cli package test)", async () => {
      // A real drifted entity from the adopter's catalog, as the test's fixture.
      const entity = await (await fetch(`${backendUrl}/api/catalog/entities/by-name/component/default/legacy-billing`)).json();
      await fs.writeFile(path.join(portal.appDir, 'src', 'drifted-entity.json'), JSON.stringify(entity, null, 2));
      await fs.writeFile(path.join(portal.appDir, 'src', 'hardenedGo.test.tsx'), ADOPTER_APP_TEST);
      const output = await runCommand(
        process.execPath,
        [path.join(portal.dir, 'node_modules', '@backstage', 'cli', 'bin', 'backstage-cli'), 'package', 'test', '--ci', '--watchAll=false'],
        { cwd: portal.appDir, env: { ...process.env, CI: 'true', NODE_ENV: 'test' }, timeoutMs: 10 * 60_000, logFile: 'adopter-app-test.log' },
      );
      expect(output).toMatch(/Tests:\s+3 passed, 3 total/);
    });
  });
});

function withoutSourceLocation(catalogInfo: string): string {
  const entity = parse(catalogInfo) as { metadata: { annotations?: Record<string, string> } };
  expect(entity.metadata.annotations?.['backstage.io/source-location']).toMatch(/github\.com\/acme\//);
  delete entity.metadata.annotations!['backstage.io/source-location'];
  return stringify(entity);
}

/** The test an adopter writes next to their app: the installed package under Backstage's Jest config. */
const ADOPTER_APP_TEST = `import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import {
  EntityDockerfileComplianceCard,
  EntityDockerfileComplianceContent,
  isDockerfileComplianceAvailable,
} from '@hardened-go/plugin-dockerfile-compliance';
import dockerfileCompliancePlugin from '@hardened-go/plugin-dockerfile-compliance/alpha';
import driftedEntity from './drifted-entity.json';

const entity = driftedEntity as unknown as Entity;

describe('hardened-go in this app', () => {
  it('covers the drifted service', () => {
    expect(isDockerfileComplianceAvailable(entity)).toBe(true);
  });

  it('renders the compliance card and the tab with the findings', async () => {
    await renderInTestApp(
      <EntityProvider entity={entity}>
        <EntityDockerfileComplianceCard />
        <EntityDockerfileComplianceContent />
      </EntityProvider>,
    );
    expect((await screen.findAllByText('Drifted')).length).toBeGreaterThan(0);
    expect(screen.getAllByTestId('finding-row').length).toBeGreaterThan(0);
  });

  it('offers the plugin for the new frontend system', () => {
    expect(dockerfileCompliancePlugin).toMatchObject({ $$type: '@backstage/FrontendPlugin', id: 'dockerfile-compliance' });
  });
});
`;
