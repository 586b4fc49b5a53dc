/**
 * Replicas of the dockerfile-compliance backend plugin on one real PostgreSQL, for the suites
 * that prove a scheduled task runs once across replicas (history.postgres, reminders.postgres).
 * Each replica is a test backend with the plugin, the real database and scheduler services,
 * Backstage's catalog service mock over the given entities (the same array for every replica,
 * so a suite can change it in place between runs) and anonymous HTTP credentials; the suite
 * adds its config and any other feature (a notifications recorder).
 *
 * Call at the top of a test file: it registers the hooks that start PostgreSQL before the
 * suite and stop every replica, then the server, after it.
 */
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import type { BackendFeature } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import dockerfileCompliancePlugin from '@hardened-go/plugin-dockerfile-compliance-backend';
import type { AddressInfo } from 'node:net';
import { databaseClosers } from './databaseClosers';
import { startPostgres, type PostgresServer } from './postgres';

/** What mockServices.rootConfig takes as `data` (@backstage/types' JsonObject). */
type ConfigData = NonNullable<NonNullable<Parameters<typeof mockServices.rootConfig.factory>[0]>['data']>;

export interface ReplicaOptions {
  entities: Entity[];
  /** App config besides `backend.database`, which points at the suite's PostgreSQL. */
  config: ConfigData;
  features?: BackendFeature[];
}

export interface ComplianceReplicas {
  /** The suite's PostgreSQL server (set once beforeAll has run). */
  readonly pg: PostgresServer;
  /** Starts one more replica; resolves to the plugin's base URL (`.../api/dockerfile-compliance`). */
  start(options: ReplicaOptions): Promise<string>;
}

export function complianceReplicasOnPostgres(): ComplianceReplicas {
  let pg: PostgresServer | undefined;
  const stops: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    pg = await startPostgres();
  }, 120_000);

  afterAll(async () => {
    for (const stop of stops) await stop();
    await pg?.stop();
  }, 60_000);

  const server = (): PostgresServer => {
    if (!pg) throw new Error('PostgreSQL is not started yet: start replicas inside tests, not at module level');
    return pg;
  };

  return {
    get pg() {
      return server();
    },
    async start({ entities, config, features = [] }) {
      const closers = databaseClosers(['dockerfile-compliance']);
      const backend = await startTestBackend({
        features: [
          dockerfileCompliancePlugin,
          ...closers.modules,
          catalogServiceMock.factory({ entities }),
          databaseServiceFactory,
          schedulerServiceFactory,
          ...features,
          mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
          mockServices.rootConfig.factory({
            data: { ...config, backend: { database: { client: 'pg', connection: server().connection } } },
          }),
        ],
      });
      stops.push(async () => {
        await backend.stop();
        await closers.closeAll();
      });
      return `http://localhost:${(backend.server.address() as AddressInfo).port}/api/dockerfile-compliance`;
    },
  };
}
