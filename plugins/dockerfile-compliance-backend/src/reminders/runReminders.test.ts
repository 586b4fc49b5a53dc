import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { ReminderStore } from './ReminderStore';
import { runReminders, type ReminderDeps } from './scheduleReminders';

// The store on SQLite through the real knex client and the plugin's migrations; the catalog
// and the notifications service are Backstage's mocks (the real ones: test/notifications).

function service(name: string, status: string, owner = 'team-a', rules = status === 'drifted' ? ['GDS007'] : []): Entity {
  const findings = JSON.stringify([
    { path: 'Dockerfile', status, counts: { error: 0, warning: rules.length, info: 0 }, more: 0, findings: rules.map((rule, i) => ({ rule, severity: 'warning', line: i + 1, message: 'm' })) },
  ]);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', labels: { 'hardened-go.io/dockerfile-compliance': status }, annotations: { 'hardened-go.io/dockerfile-findings': findings } },
    spec: { type: 'service', owner },
  };
}

describe('runReminders on SQLite', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setup() {
    const knex = await databases.init('SQLITE_3');
    const store = await ReminderStore.create({ getClient: async () => knex });
    const sent: NotificationSendOptions[] = [];
    let failing = false;
    const deps: ReminderDeps = {
      store,
      catalog: catalogServiceMock({ entities: [] }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      notifications: {
        async send(options) {
          if (failing) throw new Error('Failed to send notifications: Error: Request failed with status 404');
          sent.push(options);
        },
      },
      deadlines: () => [{ day: '2026-12-13', rules: ['GDS007'] }],
      deadlineWarningDays: 14,
      appBaseUrl: 'http://portal.example.test',
      now: () => new Date('2026-12-10T08:00:00Z'),
    };
    const withCatalog = (entities: Entity[]): ReminderDeps => ({ ...deps, catalog: catalogServiceMock({ entities }) });
    return { knex, store, sent, deps, withCatalog, fail: (value: boolean) => (failing = value) };
  }

  it('takes a silent baseline, then sends once per state change and once per deadline', async () => {
    const { sent, withCatalog } = await setup();
    // nothing covered yet: no baseline is taken from an empty catalog
    expect(await runReminders(withCatalog([]))).toMatchObject({ outcome: 'done', sent: 0 });
    const first = await runReminders(withCatalog([service('old', 'drifted'), service('orders', 'compliant')]));
    // the baseline silences old's drift, not the coming deadline
    expect(first).toEqual({ outcome: 'baseline', sent: 1, silenced: 1, pending: 0 });
    expect(sent.map(s => s.payload.scope)).toEqual(['deadline:group:default/team-a:2026-12-13']);
    expect(sent[0]!.recipients).toEqual({ type: 'entity', entityRef: 'group:default/team-a' });
    expect(sent[0]!.payload.link).toBe('http://portal.example.test/dockerfile-compliance?owner=group%3Adefault%2Fteam-a&status=drifted&rule=GDS007');

    const drifted = [service('old', 'drifted'), service('orders', 'drifted')];
    for (let i = 0; i < 3; i++) await runReminders(withCatalog(drifted));
    expect(sent.map(s => s.payload.scope)).toEqual(['deadline:group:default/team-a:2026-12-13', 'state:component:default/orders:drifted:1']);
    expect(sent[1]!.payload).toMatchObject({ title: 'orders: Dockerfile drifted from the hardened Go standard', link: 'http://portal.example.test/catalog/default/component/orders/dockerfile', topic: 'hardened-go' });

    await runReminders(withCatalog([service('old', 'drifted'), service('orders', 'compliant')]));
    await runReminders(withCatalog(drifted));
    await runReminders(withCatalog(drifted));
    expect(sent.map(s => s.payload.scope).slice(2)).toEqual(['state:component:default/orders:drifted:2']);
  });

  it('gives a failed send back for the next run, and stops sending for this one', async () => {
    const { sent, withCatalog, fail } = await setup();
    await runReminders(withCatalog([service('a', 'compliant'), service('b', 'compliant')]));
    fail(true);
    const drifted = [service('a', 'drifted', 'team-x', []), service('b', 'drifted', 'team-y', [])];
    expect(await runReminders(withCatalog(drifted))).toEqual({ outcome: 'done', sent: 0, silenced: 0, pending: 2 });
    fail(false);
    expect(await runReminders(withCatalog(drifted))).toMatchObject({ sent: 2, pending: 0 });
    expect(await runReminders(withCatalog(drifted))).toMatchObject({ sent: 0 });
    expect(sent.map(s => s.payload.scope).sort()).toEqual(['state:component:default/a:drifted:1', 'state:component:default/b:drifted:1']);
  });

  it('two replicas running at the same moment send each reminder once', async () => {
    const { sent, withCatalog, knex } = await setup();
    // each replica has its own store over the same database
    const other = await ReminderStore.create({ getClient: async () => knex });
    await runReminders(withCatalog([service('a', 'compliant')]));
    const drifted = [service('a', 'drifted')];
    const results = await Promise.all([runReminders(withCatalog(drifted)), runReminders({ ...withCatalog(drifted), store: other })]);
    expect(results.map(r => r.sent).sort()).toEqual([0, 2]);
    // the claim itself: one of two simultaneous claims of a key wins
    const key = { key: 'state:component:default/z:drifted:1', entityRef: 'component:default/z' };
    expect((await Promise.all([other.claim(key, 'now'), (await ReminderStore.create({ getClient: async () => knex })).claim(key, 'now')])).sort()).toEqual([false, true]);
    expect(sent.map(s => s.payload.scope).sort()).toEqual(['deadline:group:default/team-a:2026-12-13', 'state:component:default/a:drifted:1']);
  });

  it('two replicas taking the first run at the same moment take one baseline', async () => {
    const { withCatalog, knex } = await setup();
    const other = await ReminderStore.create({ getClient: async () => knex });
    const entities = [service('a', 'drifted')];
    const results = await Promise.all([runReminders(withCatalog(entities)), runReminders({ ...withCatalog(entities), store: other })]);
    expect(results.map(r => r.outcome).sort()).toEqual(['baseline', 'skipped']);
    expect(await knex('compliance_reminder_states').count({ n: '*' })).toEqual([{ n: 1 }]);
  });
});
