/**
 * `npm start` against a real PostgreSQL server (a throwaway cluster on a free loopback port):
 * the same starter and app-config.yaml, with the database overridden, must label every
 * example exactly as on SQLite, and keep the ETag cache in the database (second passes are
 * conditional requests).
 */
import { promises as fs } from 'node:fs';
import { freePort } from '../support/freePort';
import { startPostgres, type PostgresServer } from '../support/postgres';
import { copyExamples, startBackendProcess, testOverrides, type BackendProcess } from './harness/backendProcess';
import { fetchOutcomes } from './harness/catalog';
import { EXAMPLE_NAMES, EXPECTED_EXAMPLES } from './harness/expectedExamples';

const READY_LINE = /^hardened-go ready in [\d.]+s: .*$/m;

let pg: PostgresServer;
let backend: BackendProcess;
let backendUrl: string;
let examplesDir: string;

beforeAll(async () => {
  pg = await startPostgres();
  examplesDir = await copyExamples();
  const port = await freePort();
  backendUrl = `http://localhost:${port}`;
  backend = await startBackendProcess({
    name: 'postgres-npm-start',
    entry: 'start',
    overrides: testOverrides({ port, database: { client: 'pg', connection: pg.connection } }),
    env: { HARDENED_GO_EXAMPLES_DIR: examplesDir, HARDENED_GO_EXAMPLES_PORT: String(await freePort()) },
  });
  await backend.waitForOutput(READY_LINE, 150_000);
}, 200_000);

afterAll(async () => {
  await backend?.stop('SIGINT', 60_000);
  await pg?.stop();
  if (examplesDir) await fs.rm(examplesDir, { recursive: true, force: true });
}, 90_000);

describe('npm start on PostgreSQL', () => {
  it('labels every example through the catalog API as the standard says', async () => {
    expect(backend.output()).toMatch(
      new RegExp(`${EXAMPLE_NAMES.length} example services: 1 compliant, ${EXAMPLE_NAMES.length - 1} drifted`),
    );
    const outcomes = await fetchOutcomes(backendUrl);
    for (const name of EXAMPLE_NAMES) {
      expect({ name, label: outcomes[name]?.label }).toEqual({ name, label: EXPECTED_EXAMPLES[name].status });
      expect(outcomes[name].rules).toEqual(expect.arrayContaining(EXPECTED_EXAMPLES[name].rules));
    }
  });

  it('keeps the catalog in PostgreSQL: the entities are rows of backstage_plugin_catalog', async () => {
    const client = await pg.connect('backstage_plugin_catalog');
    try {
      const { rows } = await client.query(
        `select entity_ref from refresh_state where entity_ref like 'component:default/%' order by entity_ref`,
      );
      expect(rows.map((r: { entity_ref: string }) => r.entity_ref)).toEqual(EXAMPLE_NAMES.map(n => `component:default/${n}`));
    } finally {
      await client.end();
    }
  });
});
