/**
 * The reminders on PostgreSQL with two replicas of the dockerfile-compliance backend plugin:
 * both schedule the reminder task on the real scheduler (scope global, every second) against
 * one real database; each reminder is sent exactly once, and the baseline is taken once. The
 * catalog is Backstage's catalog service mock (its entities changed in place between runs) and
 * the notifications service a recorder shared by both replicas: what is under test is the
 * database, the scheduler and the plugin. The real catalog, drift processor and notifications
 * backend are in reminders.test.ts.
 */
import { createServiceFactory } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { notificationService, type NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { eventually } from '../support/catalogBackend';
import { complianceReplicasOnPostgres } from '../support/complianceReplicas';

const DEADLINE = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);

function findings(rules: string[]): string {
  return JSON.stringify([
    { path: 'Dockerfile', status: rules.length ? 'drifted' : 'compliant', counts: { error: 0, warning: rules.length, info: 0 }, more: 0, findings: rules.map((rule, i) => ({ rule, severity: 'warning', line: i + 1, message: 'm' })) },
  ]);
}

function service(name: string, owner: string, rules: string[]): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      labels: { 'hardened-go.io/dockerfile-compliance': rules.length ? 'drifted' : 'compliant' },
      annotations: { 'hardened-go.io/dockerfile-findings': findings(rules) },
    },
    spec: { type: 'service', owner },
  };
}

// drifted before the first run (the baseline silences it; its owner hears of the deadline), and compliant
const ENTITIES: Entity[] = [service('payments-api', 'team-payments', ['GDS007']), service('orders-worker', 'team-orders', [])];

const sent: NotificationSendOptions[] = [];
const recorder = createServiceFactory({
  service: notificationService,
  deps: {},
  factory: () => ({
    async send(options: NotificationSendOptions) {
      sent.push(options);
    },
  }),
});

const replicas = complianceReplicasOnPostgres();

async function startReplica(): Promise<void> {
  await replicas.start({
    entities: ENTITIES,
    features: [recorder],
    config: {
      app: { baseUrl: 'https://portal.example.com' },
      hardenedGo: {
        standard: { rules: { GDS007: { mode: 'enforce', enforceAfter: DEADLINE } } },
        history: { enabled: false },
        notifications: { enabled: true, schedule: { frequency: { seconds: 1 }, timeout: { seconds: 30 }, initialDelay: { seconds: 0 } } },
      },
    },
  });
}

const scopes = () => sent.map(s => s.payload.scope).sort();
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

describe('reminders on PostgreSQL, two replicas', () => {
  it('takes one baseline and sends each reminder once, whichever replica runs', async () => {
    // one after the other, as a rolling deployment starts them (see history.postgres.test.ts)
    await startReplica();
    await startReplica();
    const deadline = `deadline:group:default/team-payments:${DEADLINE}`;
    await eventually('the deadline reminder', async () => (sent.length > 0 ? true : undefined), 30_000);
    // several runs of the task on each replica (every second, one at a time across both)
    await sleep(5_000);
    expect(scopes()).toEqual([deadline]);
    expect(sent[0]).toMatchObject({
      recipients: { type: 'entity', entityRef: 'group:default/team-payments' },
      payload: { link: 'https://portal.example.com/dockerfile-compliance?owner=group%3Adefault%2Fteam-payments&status=drifted&rule=GDS007', topic: 'hardened-go' },
    });

    // orders-worker drifts (the catalog mock's entity, changed in place)
    const orders = ENTITIES[1]!;
    orders.metadata.labels!['hardened-go.io/dockerfile-compliance'] = 'drifted';
    orders.metadata.annotations!['hardened-go.io/dockerfile-findings'] = findings(['GDS001']);
    await eventually('the drift reminder', async () => (sent.length > 1 ? true : undefined), 30_000);
    await sleep(5_000);
    expect(scopes()).toEqual([deadline, 'state:component:default/orders-worker:drifted:1']);

    const client = await replicas.pg.connect('backstage_plugin_dockerfile-compliance');
    try {
      expect((await client.query('SELECT name FROM compliance_reminder_meta')).rows).toEqual([{ name: 'baseline_at' }]);
      const rows = await client.query('SELECT key, outcome FROM compliance_reminders_sent ORDER BY key');
      expect(rows.rows).toEqual([
        { key: deadline, outcome: 'sent' },
        { key: 'state:component:default/orders-worker:drifted:1', outcome: 'sent' },
        { key: 'state:component:default/payments-api:drifted:1', outcome: 'baseline' },
      ]);
      const states = await client.query('SELECT entity_ref, status, episode FROM compliance_reminder_states ORDER BY entity_ref');
      expect(states.rows).toEqual([
        { entity_ref: 'component:default/orders-worker', status: 'drifted', episode: 1 },
        { entity_ref: 'component:default/payments-api', status: 'drifted', episode: 1 },
      ]);
    } finally {
      await client.end();
    }
  }, 120_000);
});
