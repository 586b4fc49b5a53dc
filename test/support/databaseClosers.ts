import { coreServices, createBackendModule, type BackendFeature, type DatabaseService } from '@backstage/backend-plugin-api';

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
      for (const database of databases) await (await database.getClient()).destroy();
    },
  };
}
