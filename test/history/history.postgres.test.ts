/**
 * The compliance history on PostgreSQL with two replicas of the dockerfile-compliance backend
 * plugin: both run the snapshot task on the real scheduler (scope global) against one real
 * database, every second; the day's snapshot is written exactly once, and both serve it.
 * The catalog is Backstage's catalog service mock with fixed entities: what is under test is
 * the database, the scheduler and the plugin, not the processor (covered elsewhere).
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { complianceReplicasOnPostgres } from '../support/complianceReplicas';

const ENTITIES: Entity[] = ['payments-api', 'legacy-billing', 'orders-worker'].map((name, i) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', labels: { 'hardened-go.io/dockerfile-compliance': i === 0 ? 'compliant' : 'drifted' }, annotations: { 'hardened-go.io/standard-version': 'v1' } },
  spec: { type: 'service', owner: i === 2 ? 'team-orders' : 'team-payments' },
}));

const replicas = complianceReplicasOnPostgres();

async function startReplica(): Promise<string> {
  const base = await replicas.start({
    entities: ENTITIES,
    config: { hardenedGo: { history: { schedule: { frequency: { seconds: 1 }, timeout: { seconds: 30 }, initialDelay: { seconds: 0 } } } } },
  });
  return `${base}/history`;
}

describe('compliance history on PostgreSQL, two replicas', () => {
  it('writes one snapshot per day, not two, and both replicas serve it', async () => {
    // one after the other, as a rolling deployment starts them (two first-ever starts at the same
    // instant race on creating knex's own migration lock table, in Backstage's scheduler too)
    const first = await startReplica();
    const second = await startReplica();
    // several runs of the task on each replica (every second, one at a time across both)
    await new Promise(resolve => setTimeout(resolve, 6_000));

    const client = await replicas.pg.connect('backstage_plugin_dockerfile-compliance');
    try {
      const rows = await client.query('SELECT day, services FROM compliance_snapshots');
      expect(rows.rows).toEqual([{ day: new Date().toISOString().slice(0, 10), services: 3 }]);
      const owners = await client.query('SELECT owner, status, services FROM compliance_snapshot_owners ORDER BY owner, status');
      expect(owners.rows).toEqual([
        { owner: 'group:default/team-orders', status: 'drifted', services: 1 },
        { owner: 'group:default/team-payments', status: 'compliant', services: 1 },
        { owner: 'group:default/team-payments', status: 'drifted', services: 1 },
      ]);
    } finally {
      await client.end();
    }

    for (const url of [first, second]) {
      const res = await fetch(`${url}?days=7`, { headers: { Authorization: mockCredentials.user.header() } });
      expect(res.status).toBe(200);
      const body = JSON.parse(await res.text());
      expect(body.retentionDays).toBe(400);
      expect(body.deadlines).toEqual([]);
      expect(body.days.map((d: { day: string; services: number }) => [d.day, d.services])).toEqual([[new Date().toISOString().slice(0, 10), 3]]);
    }
    // the API refuses anonymous callers and a window beyond the retention
    expect((await fetch(first)).status).toBe(401);
    expect((await fetch(`${first}?days=401`, { headers: { Authorization: mockCredentials.user.header() } })).status).toBe(400);
  }, 120_000);
});
