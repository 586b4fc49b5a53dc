import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { readReminderConfig } from './reminderConfig';
import { coveredServiceOf, daysBetween, deadlineKey, planReminders, stateKey, type CoveredService, type HandledKey, type ReminderPlanInput, type ReminderState } from './reminders';

function entity(name: string, status: string | undefined, options: { owner?: string; rules?: string[]; severity?: 'error' | 'warning' } = {}): Entity {
  const rules = options.rules ?? [];
  const severity = options.severity ?? 'error';
  const findings = JSON.stringify([
    {
      path: 'Dockerfile',
      status: rules.length ? 'drifted' : 'compliant',
      counts: { error: severity === 'error' ? rules.length : 0, warning: severity === 'warning' ? rules.length : 0, info: 0 },
      more: 0,
      findings: rules.map((rule, i) => ({ rule, severity, line: i + 1, message: 'm' })),
    },
  ]);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', ...(status ? { labels: { 'hardened-go.io/dockerfile-compliance': status } } : {}), annotations: { 'hardened-go.io/dockerfile-findings': findings } },
    spec: { type: 'service', ...(options.owner ? { owner: options.owner } : {}) },
  };
}

const service = (name: string, status: string, options: Parameters<typeof entity>[2] = { owner: 'team-a', rules: status === 'drifted' ? ['GDS001'] : [] }) =>
  coveredServiceOf(entity(name, status, options))!;

const NOW = new Date('2026-12-10T08:00:00Z');

function plan(services: CoveredService[], more: Partial<ReminderPlanInput> = {}) {
  return planReminders({ services, previous: new Map(), baselineTaken: true, handled: [], deadlines: [], deadlineWarningDays: 14, now: NOW, ...more });
}

/** Applies a plan the way the store does: the next run's input. */
function remember(p: ReturnType<typeof plan>, previous: ReadonlyMap<string, ReminderState>, handled: readonly HandledKey[]) {
  const states = new Map(previous);
  for (const s of p.states) states.set(s.entityRef, s);
  for (const ref of p.gone) states.delete(ref);
  const keys = [...handled, ...p.silenced, ...p.reminders.map(r => ({ key: r.key, ...(r.entityRef ? { entityRef: r.entityRef } : {}), ...(r.day ? { day: r.day } : {}) }))].filter(
    h => !p.forget.includes(h.key),
  );
  return { previous: states, handled: keys };
}

describe('coveredServiceOf', () => {
  it('reads the label, the owner as a ref, the rules and the counts; skips what is not covered', () => {
    expect(coveredServiceOf(entity('a', 'drifted', { owner: 'team-a', rules: ['GDS005', 'GDS001', 'GDS005'] }))).toEqual({
      entityRef: 'component:default/a',
      kind: 'component',
      namespace: 'default',
      name: 'a',
      ownerRef: 'group:default/team-a',
      status: 'drifted',
      rules: ['GDS001', 'GDS005'],
      counts: { error: 3, warning: 0, info: 0 },
    });
    expect(coveredServiceOf(entity('b', undefined))).toBeUndefined();
    // an unrecognised label is never compliant
    expect(coveredServiceOf(entity('c', 'made-up'))!.status).toBe('unknown');
  });
});

describe('planReminders: a service that becomes drifted', () => {
  it('tells the owner once per drifted episode: compliant -> drifted, again after compliant, not after unknown', () => {
    let memory = { previous: new Map<string, ReminderState>(), handled: [] as HandledKey[] };
    const run = (status: string) => {
      const p = plan([service('orders', status)], memory);
      memory = remember(p, memory.previous, memory.handled);
      return p.reminders;
    };
    expect(run('compliant')).toEqual([]);
    const first = run('drifted');
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      key: 'state:component:default/orders:drifted:1',
      kind: 'state',
      recipient: 'group:default/team-a',
      entityRef: 'component:default/orders',
      payload: { title: 'orders: Dockerfile drifted from the hardened Go standard', severity: 'high', topic: 'hardened-go', scope: 'state:component:default/orders:drifted:1', link: '/catalog/default/component/orders/dockerfile' },
    });
    expect(first[0]!.payload.description).toContain('1 error (GDS001)');
    // still drifted, a read failure in between, drifted again: the same episode
    expect(run('drifted')).toEqual([]);
    expect(run('unknown')).toEqual([]);
    expect(run('error')).toEqual([]);
    expect(run('drifted')).toEqual([]);
    // fixed, then drifted again: a new episode, a new reminder
    expect(run('compliant')).toEqual([]);
    expect(run('drifted').map(r => r.key)).toEqual(['state:component:default/orders:drifted:2']);
    // the first episode's key is forgotten once it can never come up again
    expect(memory.handled.map(h => h.key)).toEqual(['state:component:default/orders:drifted:2']);
  });

  it('takes a silent baseline on the first run, then tells of services first seen drifted after it', () => {
    const first = plan([service('old', 'drifted'), service('fine', 'compliant')], { baselineTaken: false });
    expect(first.reminders).toEqual([]);
    expect(first.silenced).toEqual([{ key: 'state:component:default/old:drifted:1', entityRef: 'component:default/old' }]);
    expect(first.states.map(s => [s.entityRef, s.status, s.episode])).toEqual([
      ['component:default/old', 'drifted', 1],
      ['component:default/fine', 'compliant', 0],
    ]);
    const memory = remember(first, new Map(), []);
    const next = plan([service('old', 'drifted'), service('fine', 'compliant'), service('new', 'drifted')], memory);
    expect(next.reminders.map(r => r.key)).toEqual(['state:component:default/new:drifted:1']);
    expect(next.states.map(s => s.entityRef)).toEqual(['component:default/new']);
  });

  it('skips services with no owner (listed), and a service the owner has no warning about', () => {
    const p = plan([service('orphan', 'drifted', { rules: ['GDS001'] }), service('warned', 'drifted', { owner: 'user:default/ann', rules: ['GDS013'], severity: 'warning' })]);
    expect(p.unowned).toEqual(['component:default/orphan']);
    expect(p.reminders).toHaveLength(1);
    expect(p.reminders[0]).toMatchObject({ recipient: 'user:default/ann', payload: { severity: 'normal' } });
    expect(p.reminders[0]!.payload.description).toContain('1 warning (GDS013)');
  });

  it('forgets the states and keys of services gone from the catalog, but not when the catalog answers empty', () => {
    const previous = new Map<string, ReminderState>([['component:default/gone', { entityRef: 'component:default/gone', status: 'drifted', episode: 1, driftedSince: 'x' }]]);
    const handled = [{ key: 'state:component:default/gone:drifted:1', entityRef: 'component:default/gone' }];
    const p = plan([service('here', 'compliant')], { previous, handled });
    expect(p.gone).toEqual(['component:default/gone']);
    expect(p.forget).toEqual(['state:component:default/gone:drifted:1']);
    expect(plan([], { previous, handled })).toEqual({ states: [], gone: [], forget: [], silenced: [], reminders: [], unowned: [] });
  });

  it('uses app.baseUrl for absolute links', () => {
    const p = plan([service('orders', 'drifted')], { appBaseUrl: 'https://portal.example.com/' });
    expect(p.reminders[0]!.payload.link).toBe('https://portal.example.com/catalog/default/component/orders/dockerfile');
  });
});

describe('planReminders: enforceAfter deadlines', () => {
  const deadlines = [
    { day: '2026-12-13', rules: ['GDS007', 'GDS009'] },
    { day: '2026-12-10', rules: ['GDS001'] },
    { day: '2027-06-01', rules: ['GDS002'] },
  ];
  const services = [
    service('orders', 'drifted', { owner: 'team-a', rules: ['GDS007', 'GDS001'] }),
    service('billing', 'drifted', { owner: 'group:default/team-a', rules: ['GDS007', 'GDS009', 'GDS002'] }),
    service('search', 'compliant', { owner: 'team-a' }),
    service('inventory', 'drifted', { owner: 'team-b', rules: ['GDS009'] }),
    service('legacy', 'drifted', { owner: 'team-c', rules: ['GDS002'] }),
    service('orphan', 'drifted', { rules: ['GDS007'] }),
  ];

  it('tells each owner with drifted services breaking a rule due within the window once per deadline day', () => {
    const p = plan(services, { deadlines });
    const deadline = p.reminders.filter(r => r.kind === 'deadline');
    // the deadline of today is already in force, the one in June outside the 14 days
    expect(deadline.map(r => [r.key, r.recipient, r.day])).toEqual([
      ['deadline:group:default/team-a:2026-12-13', 'group:default/team-a', '2026-12-13'],
      ['deadline:group:default/team-b:2026-12-13', 'group:default/team-b', '2026-12-13'],
    ]);
    expect(deadline[0]!.payload).toMatchObject({
      title: 'team-a: GDS007, GDS009 are enforced from 2026-12-13; 2 services break them',
      severity: 'high',
      topic: 'hardened-go',
      scope: 'deadline:group:default/team-a:2026-12-13',
      link: '/dockerfile-compliance?owner=group%3Adefault%2Fteam-a&status=drifted',
    });
    expect(deadline[0]!.payload.description).toContain('From 2026-12-13 (in 3 days) GDS007 (2 services), GDS009 (1 service) are enforced: their findings, warnings until then, become errors.');
    expect(deadline[0]!.payload.description).toContain('billing, orders');
    expect(deadline[1]!.payload.title).toBe('team-b: GDS009 is enforced from 2026-12-13; 1 service breaks it');
    expect(deadline[1]!.payload.link).toBe('/dockerfile-compliance?owner=group%3Adefault%2Fteam-b&status=drifted&rule=GDS009');
    expect(p.unowned).toEqual(['component:default/orphan']);

    // handled: not again, however many runs; the key is forgotten once the day has come
    const memory = remember(p, new Map(), []);
    expect(plan(services, { deadlines, ...memory }).reminders).toEqual([]);
    const onTheDay = plan(services, { deadlines, ...memory, now: new Date('2026-12-13T00:00:00Z') });
    expect(onTheDay.reminders.filter(r => r.kind === 'deadline')).toEqual([]);
    expect(onTheDay.forget.filter(k => k.startsWith('deadline:'))).toEqual(['deadline:group:default/team-a:2026-12-13', 'deadline:group:default/team-b:2026-12-13']);
  });

  it('follows deadlineWarningDays and is not silenced by the baseline', () => {
    expect(plan(services, { deadlines, deadlineWarningDays: 2 }).reminders.filter(r => r.kind === 'deadline')).toEqual([]);
    const wide = plan(services, { deadlines, deadlineWarningDays: 365, baselineTaken: false });
    expect(wide.reminders.map(r => r.key)).toEqual([
      'deadline:group:default/team-a:2026-12-13',
      'deadline:group:default/team-b:2026-12-13',
      'deadline:group:default/team-a:2027-06-01',
      'deadline:group:default/team-c:2027-06-01',
    ]);
  });
});

describe('keys and days', () => {
  it('keeps keys within the 255 characters of a notification scope', () => {
    expect(stateKey('component:default/x', 3)).toBe('state:component:default/x:drifted:3');
    const long = stateKey(`component:default/${'x'.repeat(300)}`, 1);
    expect(long).toMatch(/^state:sha256-[0-9a-f]{64}:drifted:1$/);
    expect(deadlineKey('group:default/a', '2027-01-01')).toBe('deadline:group:default/a:2027-01-01');
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
  });
});

describe('readReminderConfig', () => {
  it('is off by default, 14 days, every 30 minutes; refuses a bad value naming the key', () => {
    expect(readReminderConfig(mockServices.rootConfig())).toEqual({
      enabled: false,
      deadlineWarningDays: 14,
      schedule: { frequency: { minutes: 30 }, timeout: { minutes: 10 }, initialDelay: { minutes: 1 } },
    });
    const read = (notifications: object) => readReminderConfig(mockServices.rootConfig({ data: { hardenedGo: { notifications } } }));
    expect(read({ enabled: true, deadlineWarningDays: 30, schedule: { frequency: { seconds: 1 }, timeout: { seconds: 30 } } })).toMatchObject({
      enabled: true,
      deadlineWarningDays: 30,
      schedule: { frequency: { seconds: 1 } },
    });
    for (const bad of [0, 366, 1.5]) expect(() => read({ deadlineWarningDays: bad })).toThrow(/hardenedGo\.notifications\.deadlineWarningDays/);
    expect(() => read({ deadlineWarningDays: 'soon' })).toThrow(/hardenedGo\.notifications\.deadlineWarningDays/);
    expect(read({ enabled: 'yes' }).enabled).toBe(true); // Backstage's own reading of booleans
    expect(() => read({ enabled: 'sometimes' })).toThrow(/hardenedGo\.notifications\.enabled/);
    expect(() => read({ schedule: { frequency: 'often' } })).toThrow(/hardenedGo\.notifications\.schedule/);
  });
});
