import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { HistoryStore } from './HistoryStore';
import { dayBefore, readHistoryConfig, takeDailySnapshot } from './history';
import { snapshotOf } from './snapshot';

function service(name: string, status: string | undefined, owner?: string, rules: string[] = []): Entity {
  const findings = JSON.stringify([
    { path: 'Dockerfile', status: rules.length ? 'drifted' : 'compliant', counts: { error: rules.length, warning: 0, info: 0 }, more: 0, findings: rules.map((rule, i) => ({ rule, severity: 'error', line: i + 1, message: 'm' })) },
  ]);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      ...(status ? { labels: { 'hardened-go.io/dockerfile-compliance': status } } : {}),
      annotations: { 'hardened-go.io/dockerfile-findings': findings, 'hardened-go.io/standard-version': 'v2' },
    },
    spec: { type: 'service', ...(owner ? { owner } : {}) },
  };
}

const ENTITIES = [
  service('a', 'drifted', 'team-a', ['GDS001', 'GDS002', 'GDS001']),
  service('b', 'drifted', 'group:default/team-a', ['GDS002']),
  service('c', 'compliant', 'team-b'),
  service('d', 'made-up-status'),
  service('not-covered', undefined, 'team-b', ['GDS009']),
];

describe('snapshotOf', () => {
  it('counts covered services per owner x status and per rule (a service once per rule)', () => {
    const snapshot = snapshotOf(ENTITIES, new Date('2026-12-02T10:00:00Z'));
    expect(snapshot).toEqual({
      day: '2026-12-02',
      takenAt: '2026-12-02T10:00:00.000Z',
      services: 4,
      standardVersion: 'v2',
      byOwner: [
        // an unrecognised label counts as unknown, never as compliant
        { owner: '', status: 'unknown', services: 1 },
        { owner: 'group:default/team-a', status: 'drifted', services: 2 },
        { owner: 'group:default/team-b', status: 'compliant', services: 1 },
      ],
      byRule: [
        { rule: 'GDS001', services: 1 },
        { rule: 'GDS002', services: 2 },
      ],
    });
  });
});

describe('readHistoryConfig', () => {
  it('defaults to on, 400 days, hourly; refuses a bad retention naming the key', () => {
    expect(readHistoryConfig(mockServices.rootConfig())).toMatchObject({ enabled: true, retentionDays: 400, schedule: { frequency: { hours: 1 } } });
    expect(() => readHistoryConfig(mockServices.rootConfig({ data: { hardenedGo: { history: { retentionDays: 0 } } } }))).toThrow(/hardenedGo\.history\.retentionDays/);
    expect(readHistoryConfig(mockServices.rootConfig({ data: { hardenedGo: { history: { schedule: { frequency: { minutes: 5 }, timeout: { minutes: 1 } } } } } })).schedule).toMatchObject({
      frequency: { minutes: 5 },
    });
  });
});

describe('the history store and the daily snapshot (SQLite, the real knex client)', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function store(): Promise<HistoryStore> {
    const knex = await databases.init('SQLITE_3');
    return HistoryStore.create({ getClient: async () => knex });
  }

  it('writes one snapshot per day: a second writer of the same day, even at the same moment, writes nothing', async () => {
    const history = await store();
    const snapshot = snapshotOf(ENTITIES, new Date('2026-12-02T10:00:00Z'));
    const results = await Promise.all([history.write(snapshot), history.write({ ...snapshot, services: 99 })]);
    expect(results.sort()).toEqual(['exists', 'written']);
    const days = await history.read('2026-01-01');
    expect(days).toHaveLength(1);
    expect(days[0]).toEqual(snapshot.services === days[0]!.services ? snapshot : { ...snapshot, services: 99 });
  });

  it('takes today\'s snapshot once, again the next day, and keeps retentionDays days', async () => {
    const history = await store();
    const catalog = catalogServiceMock({ entities: ENTITIES });
    let now = new Date('2026-12-01T23:30:00Z');
    const deps = { store: history, catalog, auth: mockServices.auth(), logger: mockServices.logger.mock(), retentionDays: 2, now: () => now };
    expect(await takeDailySnapshot(deps)).toBe('written');
    expect(await takeDailySnapshot(deps)).toBe('exists');
    now = new Date('2026-12-02T00:10:00Z');
    expect(await takeDailySnapshot(deps)).toBe('written');
    expect((await history.read('2026-01-01')).map(d => d.day)).toEqual(['2026-12-01', '2026-12-02']);
    now = new Date('2026-12-03T08:00:00Z');
    expect(await takeDailySnapshot(deps)).toBe('written');
    // two days kept, today included
    expect((await history.read('2026-01-01')).map(d => d.day)).toEqual(['2026-12-02', '2026-12-03']);
    const last = (await history.read('2026-12-03'))[0]!;
    expect(last.byRule).toEqual([{ rule: 'GDS001', services: 1 }, { rule: 'GDS002', services: 2 }]);
  });

  it('dayBefore counts UTC days', () => {
    expect(dayBefore('2026-03-01', 1)).toBe('2026-02-28');
    expect(dayBefore('2026-12-02', 399)).toBe('2025-10-29');
  });
});
