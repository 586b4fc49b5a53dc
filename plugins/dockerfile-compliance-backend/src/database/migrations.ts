/**
 * The plugin's own tables (the history's and the reminders'), created and updated by the knex
 * migrations in the package's `migrations/` directory, through Backstage's database service.
 */
import { resolvePackagePath, type DatabaseService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

/** The plugin's database client, its migrations run (unless the backend says to skip them). */
export async function migratedClient(database: Pick<DatabaseService, 'getClient' | 'migrations'>): Promise<Knex> {
  const knex = await database.getClient();
  if (!database.migrations?.skip) {
    await knex.migrate.latest({ directory: resolvePackagePath('@hardened-go/plugin-dockerfile-compliance-backend', 'migrations') });
  }
  return knex;
}
