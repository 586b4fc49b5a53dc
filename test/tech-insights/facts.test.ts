/**
 * The Tech Insights fact retriever on the real Tech Insights backend
 * (@backstage-community/plugin-tech-insights-backend, SQLite) with its JSON rules engine
 * checker, next to the real catalog with the drift module reading services from a loopback
 * repository server: a retrieval run writes the facts, read back through Tech Insights' API,
 * and the default checks (configured as docs/tech-insights.md says) evaluate as expected.
 */
import { parse } from 'yaml';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DOCKERFILE_COMPLIANCE_CHECKS, DOCKERFILE_COMPLIANCE_FACT_RETRIEVER_ID } from '@hardened-go/plugin-tech-insights-backend-module-dockerfile-compliance';
import { compliantDockerfile, component, locationOf, rootShellDockerfile } from '../drift/fixtures';
import { eventually, startCatalogBackend, type CatalogBackend } from '../support/catalogBackend';
import { startRepoServer, type RepoServer } from '../support/repoServer';

const REPO = path.resolve(__dirname, '..', '..');
const ID = DOCKERFILE_COMPLIANCE_FACT_RETRIEVER_ID;

/** The checks exactly as docs/tech-insights.md tells an adopter to configure them. */
function documentedChecks(): Record<string, unknown> {
  const doc = fs.readFileSync(path.join(REPO, 'docs', 'tech-insights.md'), 'utf8');
  const yaml = /```yaml\n(techInsights:[\s\S]*?)```/.exec(doc)?.[1];
  if (!yaml) throw new Error('docs/tech-insights.md has no techInsights YAML block');
  return parse(yaml).techInsights.factChecker.checks;
}

let repo: RepoServer;
let backend: CatalogBackend;

async function techInsights<T>(method: string, route: string, body?: unknown): Promise<T> {
  const res = await fetch(`${backend.baseUrl}/api/tech-insights${route}`, {
    method,
    headers: { authorization: `Bearer ${backend.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${route} -> ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as T;
}

type Facts = Record<string, { facts: Record<string, unknown> }>;
const latest = (name: string) => techInsights<Facts>('GET', `/facts/latest?entity=component:default/${name}&ids[]=${ID}`);

beforeAll(async () => {
  repo = await startRepoServer({
    'catalog.yaml': locationOf('services', ['./svc-ok/catalog-info.yaml', './svc-root/catalog-info.yaml', './svc-old-go/catalog-info.yaml']),
    'svc-ok/catalog-info.yaml': component('svc-ok'),
    'svc-ok/Dockerfile': compliantDockerfile(),
    'svc-root/catalog-info.yaml': component('svc-root'),
    'svc-root/Dockerfile': rootShellDockerfile,
    // a compliant Dockerfile whose build image is older than go.mod needs: GDS018 only
    'svc-old-go/catalog-info.yaml': component('svc-old-go'),
    'svc-old-go/Dockerfile': compliantDockerfile(),
    'svc-old-go/go.mod': 'module example.com/old\n\ngo 1.99.0\n',
  });
  process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'error';
  backend = await startCatalogBackend({
    config: {
      backend: { reading: { allow: [{ host: repo.host }] } },
      catalog: { processingInterval: { seconds: 1 }, rules: [{ allow: ['Component', 'Location'] }] },
      techInsights: {
        factRetrievers: { [ID]: { cadence: '*/2 * * * * *', initialDelay: { seconds: 1 } } },
        factChecker: { checks: documentedChecks() },
      },
    },
    features: [
      import('@backstage/plugin-catalog-backend'),
      import('@hardened-go/plugin-catalog-backend-module-dockerfile-drift'),
      import('@backstage-community/plugin-tech-insights-backend'),
      import('@backstage-community/plugin-tech-insights-backend-module-jsonfc'),
      import('@hardened-go/plugin-tech-insights-backend-module-dockerfile-compliance'),
    ],
    closeDatabasesOf: ['catalog', 'tech-insights'],
  });
  await backend.post('/locations', { type: 'url', target: repo.url('catalog.yaml') });
}, 120_000);

afterAll(async () => {
  await backend?.stop();
  await repo?.close();
});

describe('Tech Insights facts of the hardened Go standard', () => {
  it('documents the checks the module exports, and the demo configures them', () => {
    expect(documentedChecks()).toEqual(DOCKERFILE_COMPLIANCE_CHECKS);
    expect(parse(fs.readFileSync(path.join(REPO, 'app-config.yaml'), 'utf8')).techInsights.factChecker.checks).toEqual(DOCKERFILE_COMPLIANCE_CHECKS);
  });

  it('a retrieval run writes each labelled service\'s facts, read back through the Tech Insights API', async () => {
    const facts = await eventually(
      'facts for the three services',
      async () => {
        const f = { ok: (await latest('svc-ok'))[ID]?.facts, root: (await latest('svc-root'))[ID]?.facts, old: (await latest('svc-old-go'))[ID]?.facts };
        return f.ok?.status === 'compliant' && f.root?.status === 'drifted' && f.old?.status === 'drifted' ? f : undefined;
      },
      60_000,
    );
    expect(facts.ok).toMatchObject({ status: 'compliant', compliant: true, errors: 0, warnings: 0, standardVersion: 'v1', GDS009: true, GDS018: true });
    expect(facts.root).toMatchObject({ status: 'drifted', compliant: false, GDS009: false, GDS018: true });
    expect(facts.root!.errors as number).toBeGreaterThan(0);
    expect(facts.old).toMatchObject({ status: 'drifted', compliant: false, errors: 1, GDS018: false, GDS009: true });
    // the schema, as Tech Insights stores it (its fields beside id and version)
    const schemas = await techInsights<Record<string, unknown>[]>('GET', `/fact-schemas?ids[]=${ID}`);
    expect(schemas[0]).toMatchObject({ id: ID, status: { type: 'string' }, errors: { type: 'integer' }, GDS018: { type: 'boolean' } });
  }, 90_000);

  it('the default checks evaluate to the expected results for a compliant and a drifted service', async () => {
    type Result = { check: { id: string }; result: boolean };
    const run = (name: string) => techInsights<Result[]>('POST', `/checks/run/default/component/${name}`, { checks: Object.keys(DOCKERFILE_COMPLIANCE_CHECKS) });
    const verdicts = async (name: string) => Object.fromEntries((await run(name)).map(r => [r.check.id, r.result]));
    expect(await verdicts('svc-ok')).toEqual({ hardenedGoDockerfileCompliant: true, hardenedGoNoErrorFindings: true, hardenedGoGds018Clean: true });
    expect(await verdicts('svc-root')).toEqual({ hardenedGoDockerfileCompliant: false, hardenedGoNoErrorFindings: false, hardenedGoGds018Clean: true });
    expect(await verdicts('svc-old-go')).toEqual({ hardenedGoDockerfileCompliant: false, hardenedGoNoErrorFindings: false, hardenedGoGds018Clean: false });
  });
});
