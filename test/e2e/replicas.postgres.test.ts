/**
 * Scale-out: two replicas of the portal backend (two processes, `node packages/backend/dist/index.js`
 * from the real app-config.yaml) on ONE PostgreSQL database and the SAME example
 * repositories. Both must converge on the same, correct compliance label for every entity;
 * nothing may end in a conflicting state; and killing one replica mid-run (SIGKILL, no
 * goodbye) must lose nothing: the replica is killed while it provably holds an entity (it
 * is waiting for that entity's Dockerfile, which a proxy holds back and which the test edits
 * meanwhile), and that edit, edits just before and just after the kill all reach their labels
 * through the survivor; a replacement replica serves the same state.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_POLICY } from '@hardened-go/plugin-dockerfile-compliance-common';
import { renderDockerfile } from '@hardened-go/plugin-dockerfile-compliance-node';
import {
  startExampleRepositoryServer,
  type ExampleRepositoryServer,
} from '../../packages/backend/src/demo/exampleRepositoryServer';
import { freePort } from '../support/freePort';
import { startPostgres, type PostgresServer } from '../support/postgres';
import {
  REPO_ROOT,
  copyExamples,
  eventually,
  startBackendProcess,
  testOverrides,
  type BackendProcess,
} from './harness/backendProcess';
import { fetchAllEntities, fetchLabels, fetchOutcomes, sameLabels } from './harness/catalog';
import { EXAMPLE_NAMES, EXPECTED_EXAMPLES, expectedLabels } from './harness/expectedExamples';
import { startHoldingProxy, type HoldingProxy } from './harness/holdingProxy';

let pg: PostgresServer;
let examplesDir: string;
let examples: ExampleRepositoryServer;
/** Between the replicas and the example server: tells who asked, can hold a request. */
let proxy: HoldingProxy;
const replicas: BackendProcess[] = [];

async function startReplica(name: string): Promise<{ replica: BackendProcess; url: string }> {
  const port = await freePort();
  const replica = await startBackendProcess({
    name,
    entry: 'index',
    overrides: testOverrides({ port, database: { client: 'pg', connection: pg.connection }, processingIntervalSeconds: 2 }),
    env: { HARDENED_GO_EXAMPLES_PORT: String(proxy.port) },
  });
  replicas.push(replica);
  proxy.candidates.push(replica.child.pid!);
  const url = `http://localhost:${port}`;
  await eventually(`${name} serving the catalog API`, () => fetch(`${url}/api/catalog/entities?limit=1`).then(r => r.status), s => s === 200, 120_000);
  return { replica, url };
}

let a: { replica: BackendProcess; url: string };
let b: { replica: BackendProcess; url: string };

beforeAll(async () => {
  pg = await startPostgres();
  examplesDir = await copyExamples();
  examples = await startExampleRepositoryServer({ rootDir: examplesDir, port: 0 });
  proxy = await startHoldingProxy(examples.port);
  // A rolling deployment: the second replica starts while the first is already processing.
  a = await startReplica('replica-a');
  b = await startReplica('replica-b');
}, 300_000);

afterAll(async () => {
  await Promise.all(replicas.map(r => r.stop('SIGTERM', 30_000)));
  await proxy?.close();
  await examples?.close();
  await pg?.stop();
  if (examplesDir) await fs.rm(examplesDir, { recursive: true, force: true });
}, 120_000);

describe('two replicas on one PostgreSQL database', () => {
  it('both serve the same, correct label for every example', async () => {
    const expected = expectedLabels();
    await eventually('labels on replica A', () => fetchLabels(a.url), l => sameLabels(l, expected), 120_000);
    await eventually('labels on replica B', () => fetchLabels(b.url), l => sameLabels(l, expected), 60_000);
    // Same rows, same processed output: identical entities (etag included) from both.
    const [fromA, fromB] = await Promise.all([fetchOutcomes(a.url), fetchOutcomes(b.url)]);
    expect(fromB).toEqual(fromA);
    const [allA, allB] = await Promise.all([fetchAllEntities(a.url), fetchAllEntities(b.url)]);
    expect(allB).toEqual(allA);
    // Only the services carry a compliance label; groups, locations and the template do not.
    const labelled = allA.filter(e => 'hardened-go.io/dockerfile-compliance' in e.labels).map(e => e.ref);
    expect(labelled).toEqual(EXAMPLE_NAMES.map(n => `component:default/${n}`));
    // The ETag cache lives in the database, shared by both: later passes are conditional requests.
    await eventually('conditional requests answered 304', async () => examples.requestsByStatus.get(304) ?? 0, n => n > 0, 30_000);
  }, 240_000);

  it('killing one replica mid-run loses nothing: edits around the kill reach every label', async () => {
    const expected: Record<string, string> = { ...expectedLabels() };
    const write = (file: string, content: string) => fs.writeFile(path.join(examplesDir, file), content);
    const naive = await fs.readFile(path.join(REPO_ROOT, 'examples', 'legacy-billing', 'Dockerfile'), 'utf8');
    /** Rewrites a service's Dockerfile so that its label must flip, and records the new expectation. */
    const flip = async (file: string) => {
      const service = file.split('/')[0];
      if (expected[service] === 'compliant') {
        await write(file, naive);
        expected[service] = 'drifted';
      } else {
        await write(file, renderDockerfile(DEFAULT_POLICY, { binaryName: service }));
        expected[service] = 'compliant';
      }
    };

    // Edits just before the kill.
    await flip('orders-worker/Dockerfile');
    await flip('payments-api/Dockerfile');

    // Catch A in the middle of a pass: hold back the first Dockerfile A asks for. A has
    // claimed that entity and is waiting for it when it dies.
    const heldPath = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('replica A read no Dockerfile within 60 s')), 60_000);
      proxy.decide = ({ path: requested, pid }) => {
        if (pid === a.replica.child.pid && /\/Dockerfile$/.test(requested)) {
          clearTimeout(timer);
          proxy.decide = () => 'forward';
          resolve(requested);
          return 'hold';
        }
        return 'forward';
      };
    });
    expect(EXAMPLE_NAMES.map(n => `/${n}/${EXPECTED_EXAMPLES[n].dockerfile}`)).toContain(heldPath);
    // The file A is waiting for changes under it, then A dies without a goodbye.
    await flip(heldPath.slice(1));
    const killed = await a.replica.stop('SIGKILL');
    expect(killed.signal).toBe('SIGKILL');

    // An edit after the kill: only B is left to see it.
    const untouched = EXAMPLE_NAMES.find(n => !['orders-worker', 'payments-api', heldPath.split('/')[1]].includes(n) && n !== 'inventory-service')!;
    await flip(`${untouched}/Dockerfile`);

    await eventually(`labels on the surviving replica (A was killed holding ${heldPath})`, () => fetchLabels(b.url), l => sameLabels(l, expected), 120_000);

    // A replacement replica joins the same database and serves the same state.
    const c = await startReplica('replica-c');
    const [fromB, fromC] = await Promise.all([fetchOutcomes(b.url), fetchOutcomes(c.url)]);
    expect(fromC).toEqual(fromB);
    const [allB, allC] = await Promise.all([fetchAllEntities(b.url), fetchAllEntities(c.url)]);
    expect(allC).toEqual(allB);
    expect(Object.fromEntries(EXAMPLE_NAMES.map(n => [n, fromC[n].label]))).toEqual(expected);
  }, 400_000);

  it('leaves no entity in a conflicting state', async () => {
    const client = await pg.connect('backstage_plugin_catalog');
    try {
      const duplicates = await client.query(`select entity_ref, count(*) from refresh_state group by entity_ref having count(*) > 1`);
      expect(duplicates.rows).toEqual([]);
      // The drift processor's per-entity state (ETags, outcomes) is a database row, shared by
      // every replica, not process memory.
      const caches = await client.query(`select entity_ref, cache from refresh_state where entity_ref like 'component:default/%'`);
      expect(caches.rows).toHaveLength(EXAMPLE_NAMES.length);
      for (const row of caches.rows as { entity_ref: string; cache: string | null }[]) {
        expect({ ref: row.entity_ref, cache: row.cache ?? '' }).toEqual({ ref: row.entity_ref, cache: expect.stringMatching(/"drift".*"etag":"\\?"[0-9a-f]{64}/) });
      }
      const components = await client.query(
        `select r.entity_ref, r.errors, f.final_entity
           from refresh_state r join final_entities f on f.entity_id = r.entity_id
          where r.entity_ref like 'component:default/%' order by r.entity_ref`,
      );
      expect(components.rows.map((r: { entity_ref: string }) => r.entity_ref)).toEqual(EXAMPLE_NAMES.map(n => `component:default/${n}`));
      for (const row of components.rows as { entity_ref: string; errors: string | null; final_entity: string }[]) {
        // No processing errors: drift is information, never a broken entity.
        expect({ ref: row.entity_ref, errors: JSON.parse(row.errors ?? '[]') }).toEqual({ ref: row.entity_ref, errors: [] });
        // The stitched entity in the database says what the API says.
        const entity = JSON.parse(row.final_entity);
        const name = entity.metadata.name as string;
        const fromApi = (await fetchLabels(b.url, [name]))[name];
        expect(entity.metadata.labels?.['hardened-go.io/dockerfile-compliance']).toBe(fromApi);
      }
    } finally {
      await client.end();
    }
    for (const replica of replicas) {
      expect({ replica: replica.name, conflicts: replica.output().match(/Detected conflicting entityRef.*/g) ?? [] }).toEqual({
        replica: replica.name,
        conflicts: [],
      });
    }
  }, 60_000);
});
