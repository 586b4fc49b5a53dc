/**
 * End to end: a real catalog backend (createBackend, catalog plugin, this module, SQLite)
 * reads fixture repositories from real HTTP servers on loopback (test/support/repoServer.ts:
 * ETag/If-None-Match, request counting, down/500 modes) and every assertion goes through
 * the catalog REST API, as the compliance view and scripts will.
 */
// AlphaEntity: the catalog's entity with its processing `status` (errors), which these tests read
import type { AlphaEntity } from '@backstage/catalog-model/alpha';
import { parseFindingsAnnotation, type FileOutcome } from '@hardened-go/plugin-dockerfile-compliance-common';
import { startCatalogBackend, eventually, CatalogBackend } from '../support/catalogBackend';
import { startRepoServer, RepoServer } from '../support/repoServer';
import {
  binaryFile,
  compliantDockerfile,
  component,
  hugeDockerfile,
  locationOf,
  naiveDockerfile,
  noTrimpathDockerfile,
  rootShellDockerfile,
  unterminatedHeredocDockerfile,
} from './fixtures';

jest.setTimeout(180_000);

const LABEL = 'hardened-go.io/dockerfile-compliance';
const A_SERVICES = {
  'svc-compliant': 'compliant',
  'svc-naive': 'drifted',
  'svc-root-shell': 'drifted',
  'svc-custom-path': 'compliant',
  'svc-multi': 'drifted',
  'svc-no-dockerfile': 'unknown',
  'svc-source-location': 'compliant',
  'svc-huge': 'error',
  'svc-binary': 'error',
  'svc-heredoc': 'error',
} as const;
const UNCHECKED = ['svc-opted-out', 'web-frontend'];

let hostA: RepoServer;
let hostB: RepoServer;
let backend: CatalogBackend;

function repoFiles(): Record<string, string | Buffer> {
  const names = [...Object.keys(A_SERVICES), ...UNCHECKED].filter(n => n !== 'svc-source-location');
  return {
    'catalog.yaml': locationOf('host-a', [...names.map(n => `./repos/${n}/catalog-info.yaml`), './meta/catalog-info.yaml']),
    'repos/svc-compliant/catalog-info.yaml': component('svc-compliant'),
    'repos/svc-compliant/Dockerfile': compliantDockerfile(),
    'repos/svc-naive/catalog-info.yaml': component('svc-naive'),
    'repos/svc-naive/Dockerfile': naiveDockerfile,
    'repos/svc-root-shell/catalog-info.yaml': component('svc-root-shell'),
    'repos/svc-root-shell/Dockerfile': rootShellDockerfile,
    // The root Dockerfile drifts; the one the annotation names is the one that counts.
    'repos/svc-custom-path/catalog-info.yaml': component('svc-custom-path', { annotations: { 'hardened-go.io/dockerfile-path': 'build/Dockerfile.prod' } }),
    'repos/svc-custom-path/Dockerfile': naiveDockerfile,
    'repos/svc-custom-path/build/Dockerfile.prod': compliantDockerfile('api'),
    'repos/svc-multi/catalog-info.yaml': component('svc-multi', { annotations: { 'hardened-go.io/dockerfile-path': 'Dockerfile, deploy/worker.Dockerfile' } }),
    'repos/svc-multi/Dockerfile': compliantDockerfile('api'),
    'repos/svc-multi/deploy/worker.Dockerfile': noTrimpathDockerfile,
    'repos/svc-no-dockerfile/catalog-info.yaml': component('svc-no-dockerfile'),
    // The catalog file lives elsewhere; backstage.io/source-location (without a trailing slash) names the code.
    'meta/catalog-info.yaml': component('svc-source-location', {
      annotations: { 'backstage.io/source-location': 'url:__A__/code/svc-source-location' },
    }),
    'code/svc-source-location/Dockerfile': compliantDockerfile('sl'),
    'repos/svc-huge/catalog-info.yaml': component('svc-huge'),
    'repos/svc-huge/Dockerfile': hugeDockerfile(),
    'repos/svc-binary/catalog-info.yaml': component('svc-binary'),
    'repos/svc-binary/Dockerfile': binaryFile(),
    'repos/svc-heredoc/catalog-info.yaml': component('svc-heredoc'),
    'repos/svc-heredoc/Dockerfile': unterminatedHeredocDockerfile,
    // Opted out, and carrying a hand-written label that must not survive.
    'repos/svc-opted-out/catalog-info.yaml': component('svc-opted-out', {
      annotations: { 'hardened-go.io/dockerfile-check': 'disabled' },
      labels: { [LABEL]: 'compliant' },
    }),
    'repos/svc-opted-out/Dockerfile': naiveDockerfile,
    'repos/web-frontend/catalog-info.yaml': component('web-frontend', { type: 'website' }),
    'repos/web-frontend/Dockerfile': naiveDockerfile,
  };
}

async function entity(name: string): Promise<AlphaEntity> {
  return backend.get<AlphaEntity>(`/entities/by-name/component/default/${name}`);
}

async function labelOf(name: string): Promise<string | undefined> {
  return (await entity(name)).metadata.labels?.[LABEL];
}

/** The findings annotation, read with the one parser every consumer uses (the library's compliance contract). */
function findings(e: AlphaEntity): FileOutcome[] {
  const parsed = parseFindingsAnnotation(e.metadata.annotations?.['hardened-go.io/dockerfile-findings']);
  if (!parsed.ok) throw new Error(`${e.metadata.name}: ${parsed.error}`);
  return parsed.files;
}

/** Waits until every listed entity shows the expected label (undefined = no label). */
async function waitForLabels(expected: Record<string, string | undefined>, what: string) {
  await eventually(what, async () => {
    const wrong: string[] = [];
    for (const [name, label] of Object.entries(expected)) {
      const actual = await labelOf(name).catch(e => `missing (${(e as Error).message.slice(0, 40)})`);
      if (actual !== label) wrong.push(`${name}=${actual} (want ${label})`);
    }
    return wrong.length === 0 ? true : (() => { throw new Error(wrong.join(', ')); })();
  }, 90_000);
}

/** Dockerfile paths on host A whose content gets an ETag-cached verdict (all that exist). */
const CACHED_PATHS = [
  '/repos/svc-compliant/Dockerfile',
  '/repos/svc-naive/Dockerfile',
  '/repos/svc-root-shell/Dockerfile',
  '/repos/svc-custom-path/build/Dockerfile.prod',
  '/repos/svc-multi/Dockerfile',
  '/repos/svc-multi/deploy/worker.Dockerfile',
  '/code/svc-source-location/Dockerfile',
  '/repos/svc-huge/Dockerfile',
  '/repos/svc-binary/Dockerfile',
  '/repos/svc-heredoc/Dockerfile',
];

beforeAll(async () => {
  hostA = await startRepoServer();
  for (const [p, c] of Object.entries(repoFiles())) hostA.setFile(p, typeof c === 'string' ? c.replace('__A__', hostA.baseUrl) : c);
  hostB = await startRepoServer({
    'catalog-info.yaml': component('svc-other-host'),
    'Dockerfile': compliantDockerfile('other'),
  });
  process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'error';
  backend = await startCatalogBackend({
    config: {
      backend: { reading: { allow: [{ host: hostA.host }, { host: hostB.host }] } },
      catalog: {
        processingInterval: { seconds: 1 },
        rules: [{ allow: ['Component', 'Location'] }],
      },
      hardenedGo: { catalog: { readTimeout: '3s' } },
    },
    features: [import('@backstage/plugin-catalog-backend'), import('@hardened-go/plugin-catalog-backend-module-dockerfile-drift')],
  });
  await backend.post('/locations', { type: 'url', target: hostA.url('catalog.yaml') });
  await backend.post('/locations', { type: 'url', target: hostB.url('catalog-info.yaml') });
  await waitForLabels({ ...A_SERVICES, 'svc-other-host': 'compliant' }, 'the first verdicts');
});

afterAll(async () => {
  await backend?.stop();
  await hostA?.close();
  await hostB?.close();
});

describe('Dockerfile drift in a running catalog', () => {
  it('labels each service and documents why, through the catalog API', async () => {
    const drifted = await backend.entities(`kind=component,metadata.labels.${LABEL}=drifted`);
    expect(drifted.map(e => e.metadata.name).sort()).toEqual(['svc-multi', 'svc-naive', 'svc-root-shell']);
    expect(drifted.every(e => typeof (e.spec as { owner?: string }).owner === 'string')).toBe(true);
    const errors = await backend.entities(`kind=component,metadata.labels.${LABEL}=error`);
    expect(errors.map(e => e.metadata.name).sort()).toEqual(['svc-binary', 'svc-heredoc', 'svc-huge']);
    const compliant = await backend.entities(`kind=component,metadata.labels.${LABEL}=compliant`);
    expect(compliant.map(e => e.metadata.name).sort()).toEqual(['svc-compliant', 'svc-custom-path', 'svc-other-host', 'svc-source-location']);

    const ok = await entity('svc-compliant');
    expect(ok.metadata.annotations).toMatchObject({
      'hardened-go.io/standard-version': 'v1',
      'hardened-go.io/dockerfile-url': hostA.url('repos/svc-compliant/Dockerfile'),
    });
    expect(ok.metadata.annotations!['hardened-go.io/dockerfile-reason']).toBeUndefined();
    expect(findings(ok)).toEqual([
      expect.objectContaining({ path: 'Dockerfile', status: 'compliant', counts: expect.objectContaining({ error: 0, warning: 0 }), more: 0 }),
    ]);

    const naive = findings(await entity('svc-naive'))[0];
    expect(naive.status).toBe('drifted');
    expect(naive.findings.map(f => f.rule)).toEqual(expect.arrayContaining(['GDS001', 'GDS009', 'GDS014']));
    for (const f of naive.findings) {
      expect(f).toEqual({ rule: expect.stringMatching(/^GDS\d{3}$/), severity: expect.stringMatching(/^(error|warning|info)$/), line: expect.any(Number), message: expect.any(String) });
    }
    // Most severe first, so a capped list keeps what matters.
    expect(naive.findings[0].severity).toBe('error');

    const rootShell = findings(await entity('svc-root-shell'))[0];
    expect(rootShell.findings.map(f => f.rule)).toEqual(expect.arrayContaining(['GDS009', 'GDS014']));
    expect(rootShell.findings.find(f => f.rule === 'GDS014')!.line).toBe(13);

    const custom = await entity('svc-custom-path');
    expect(custom.metadata.annotations!['hardened-go.io/dockerfile-url']).toBe(hostA.url('repos/svc-custom-path/build/Dockerfile.prod'));

    const multi = await entity('svc-multi');
    expect(multi.metadata.annotations!['hardened-go.io/dockerfile-url']).toBe(
      `${hostA.url('repos/svc-multi/Dockerfile')},${hostA.url('repos/svc-multi/deploy/worker.Dockerfile')}`,
    );
    expect(findings(multi).map(f => [f.path, f.status])).toEqual([
      ['Dockerfile', 'compliant'],
      ['deploy/worker.Dockerfile', 'drifted'],
    ]);
    expect(findings(multi)[1].findings).toEqual([expect.objectContaining({ rule: 'GDS007', severity: 'warning' })]);

    const missing = await entity('svc-no-dockerfile');
    expect(missing.metadata.annotations!['hardened-go.io/dockerfile-reason']).toMatch(/^Dockerfile: no file at http:\/\/127\.0\.0\.1:\d+\/repos\/svc-no-dockerfile\/Dockerfile/);
    expect(findings(missing)[0]).toMatchObject({ status: 'unknown', reasonCode: 'not-found' });

    const sourceLocated = await entity('svc-source-location');
    expect(sourceLocated.metadata.annotations!['hardened-go.io/dockerfile-url']).toBe(hostA.url('code/svc-source-location/Dockerfile'));

    for (const name of UNCHECKED) {
      const e = await entity(name);
      expect(e.metadata.labels?.[LABEL]).toBeUndefined();
      expect(Object.keys(e.metadata.annotations ?? {}).filter(k => k.startsWith('hardened-go.io/') && k !== 'hardened-go.io/dockerfile-check')).toEqual([]);
    }
    // Drift is information: no entity carries a processing error for it.
    for (const name of Object.keys(A_SERVICES)) {
      expect((await entity(name)).status?.items ?? []).toEqual([]);
    }
  });

  it('revalidates unchanged Dockerfiles with one conditional request each and downloads nothing', async () => {
    hostA.resetRequests();
    await eventually('two more passes over every Dockerfile', async () => (CACHED_PATHS.every(p => hostA.count(p) >= 2) ? true : undefined), 60_000);
    for (const p of CACHED_PATHS) {
      const reqs = hostA.requests.filter(r => r.path === p);
      expect({ path: p, statuses: [...new Set(reqs.map(r => r.status))], conditional: reqs.every(r => r.conditional) }).toEqual({
        path: p,
        statuses: [304],
        conditional: true,
      });
    }
    // Nothing moved while nothing changed.
    expect(await labelOf('svc-compliant')).toBe('compliant');
    expect(await labelOf('svc-naive')).toBe('drifted');
  });

  it('flips an entity on the next pass after its Dockerfile changes', async () => {
    hostA.setFile('repos/svc-naive/Dockerfile', compliantDockerfile());
    hostA.setFile('repos/svc-compliant/Dockerfile', rootShellDockerfile);
    await waitForLabels({ 'svc-naive': 'compliant', 'svc-compliant': 'drifted' }, 'the changed verdicts');
    const e = await entity('svc-compliant');
    expect(findings(e)[0].findings.map(f => f.rule)).toEqual(expect.arrayContaining(['GDS009', 'GDS014']));
  });

  it('reports unknown with a reason while the repository host is down or failing, and keeps every entity', async () => {
    const before = (await backend.entities('kind=component')).map(e => e.metadata.name).sort();
    const checkedOnA = Object.keys(A_SERVICES);

    await hostA.setMode('down');
    await waitForLabels(Object.fromEntries(checkedOnA.map(n => [n, 'unknown'])), 'unknown while host A is down');
    for (const name of checkedOnA) {
      const e = await entity(name);
      expect(e.metadata.annotations!['hardened-go.io/dockerfile-reason']).toMatch(/Unable to read|fetch failed|ECONNREFUSED/);
      expect(e.status?.items ?? []).toEqual([]);
    }
    expect(await labelOf('svc-other-host')).toBe('compliant');
    expect((await backend.entities('kind=component')).map(e => e.metadata.name).sort()).toEqual(before);

    await hostA.setMode('error500');
    await eventually('500 reasons', async () => {
      const reason = (await entity('svc-compliant')).metadata.annotations!['hardened-go.io/dockerfile-reason'];
      return /500/.test(reason ?? '') ? true : undefined;
    });
    expect(await labelOf('svc-compliant')).toBe('unknown');
    expect(await labelOf('svc-other-host')).toBe('compliant');
    expect((await backend.entities('kind=component')).map(e => e.metadata.name).sort()).toEqual(before);

    // Recovery: the last good verdicts come back, revalidated with 304s (no downloads).
    hostA.resetRequests();
    await hostA.setMode('up');
    await waitForLabels({ ...A_SERVICES, 'svc-naive': 'compliant', 'svc-compliant': 'drifted' }, 'verdicts after recovery');
    expect(hostA.count('/repos/svc-root-shell/Dockerfile', 200)).toBe(0);
    expect(hostA.count('/repos/svc-root-shell/Dockerfile', 304)).toBeGreaterThan(0);
  });

  it('reports a 5 MiB file, a binary file and an unterminated heredoc as error with a reason, without crashing', async () => {
    for (const name of ['svc-huge', 'svc-binary', 'svc-heredoc']) {
      const e = await entity(name);
      expect(e.metadata.labels?.[LABEL]).toBe('error');
      expect(e.metadata.annotations!['hardened-go.io/dockerfile-reason']).toMatch(/^Dockerfile: .{10,}/);
      expect(findings(e)[0]).toMatchObject({ status: 'error', reasonCode: 'not-checkable' });
      expect(e.status?.items ?? []).toEqual([]);
    }
    expect((await entity('svc-huge')).metadata.annotations!['hardened-go.io/dockerfile-reason']).toMatch(/larger than 1048576 bytes/);
    expect(findings(await entity('svc-heredoc'))[0].reason).toMatch(/heredoc/i);
    // The backend is still serving.
    expect((await backend.entities('kind=component')).length).toBe(Object.keys(A_SERVICES).length + UNCHECKED.length + 1);
  });
});
