import { coreServices, createBackendModule, type BackendFeature, type DatabaseService } from '@backstage/backend-plugin-api';

/** The knex pool's tarn counters (knex does not type `client.pool`). */
interface PoolCounters {
  numUsed(): number;
  numPendingAcquires(): number;
  numPendingCreates(): number;
}

/**
 * Waits (up to 10 s) until no query has held or waited for a connection for 600 ms. backend.stop() stops the
 * catalog's processing loop but not an entity already being processed; destroying the pool
 * under it aborts its queries, and their warnings would print after the test file ended,
 * which makes Jest exit 1.
 */
async function untilIdle(knex: Awaited<ReturnType<DatabaseService['getClient']>>): Promise<void> {
  const pool = (knex.client as { pool?: PoolCounters }).pool;
  if (!pool) return;
  const busy = () => pool.numUsed() + pool.numPendingAcquires() + pool.numPendingCreates() > 0;
  const deadline = Date.now() + 10_000;
  let idleChecks = 0;
  while (idleChecks < 12 && Date.now() < deadline) {
    idleChecks = busy() ? 0 : idleChecks + 1;
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}

/**
 * Backstage deliberately leaves SQLite connections open at shutdown (DatabaseManager skips
 * them), and knex's pool timer then keeps the Jest process alive. Add `modules` to a test
 * backend to get hold of the named plugins' databases, and call `closeAll()` after
 * `backend.stop()`.
 */
export function databaseClosers(pluginIds: string[]): { modules: BackendFeature[]; closeAll(): Promise<void> } {
  const databases: DatabaseService[] = [];
  const modules = pluginIds.map(pluginId =>
    createBackendModule({
      pluginId,
      moduleId: 'test-database-closer',
      register(env) {
        env.registerInit({
          deps: { database: coreServices.database },
          async init({ database }) {
            databases.push(database);
          },
        });
      },
    }),
  );
  return {
    modules,
    async closeAll() {
      for (const database of databases) {
        const client = await database.getClient();
        await untilIdle(client);
        await client.destroy();
      }
    },
  };
}

/**
 * A plugin's own database client, as the plugin gets it (one per plugin), for a test that
 * reads or ages what the plugin stored: add `module` to the backend, then call `client()`.
 */
export function databaseProbe(pluginId: string): { module: BackendFeature; client(): Awaited<ReturnType<DatabaseService['getClient']>> } {
  let client: Awaited<ReturnType<DatabaseService['getClient']>> | undefined;
  return {
    module: createBackendModule({
      pluginId,
      moduleId: 'test-database-probe',
      register(env) {
        env.registerInit({
          deps: { database: coreServices.database },
          async init({ database }) {
            client = await database.getClient();
          },
        });
      },
    }),
    client() {
      if (!client) throw new Error(`the ${pluginId} plugin's database is not open: add the probe's module to the backend and start it`);
      return client;
    },
  };
}
