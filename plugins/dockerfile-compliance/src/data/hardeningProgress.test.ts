import type { HardeningTaskSummary } from '@hardened-go/plugin-dockerfile-compliance-common';
import { toServiceRows } from './aggregate';
import {
  hardeningByEntity,
  hardeningCounts,
  hardeningCountsText,
  hardeningDisplay,
  hardeningOf,
  readHardeningProgress,
  scaffolderTaskPath,
} from './hardeningProgress';
import { sortServiceRows } from './sorting';
import { viewStateFromSearch } from './viewState';
import { driftedFile, serviceEntity } from '../__testUtils__/entities';

const task = (entityRef: string, extra: Partial<HardeningTaskSummary> = {}): HardeningTaskSummary => ({
  entityRef,
  taskId: `task-${entityRef.split('/')[1]}`,
  taskStatus: 'completed',
  createdAt: '2026-12-02T10:00:00.000Z',
  ...extra,
});

const pr = (state: 'open' | 'merged' | 'closed' | 'unknown', stateReason?: string) => ({
  pullRequest: { url: 'https://github.com/acme/orders/pull/12', state, ...(stateReason ? { stateReason } : {}) },
});

describe('hardeningDisplay: one display state per service', () => {
  it.each([
    [pr('open'), 'open', 'PR open', 'Open', 'open', true],
    [pr('merged'), 'merged', 'PR merged', 'Merged', 'merged', false],
    [pr('closed'), 'closed', 'PR closed', 'Closed', 'closed', false],
  ] as const)('a completed task with its pull request %#: %s', (extra, state, text, label, linkState, inFlight) => {
    const display = hardeningDisplay(task('component:default/orders', extra));
    expect(display).toMatchObject({ state, text, label, linkState, inFlight, url: 'https://github.com/acme/orders/pull/12', taskId: 'task-orders' });
    expect(display.detail).toBeUndefined();
  });

  it('says why a state is unknown, still links the pull request, and counts it in flight (rollout apply opens no second one)', () => {
    const display = hardeningDisplay(task('component:default/orders', pr('unknown', 'rate limited by github.com until 2026-12-02T11:00:00Z')));
    expect(display).toMatchObject({
      state: 'unknown',
      text: 'PR state unknown (rate limited by github.com until 2026-12-02T11:00:00Z)',
      label: 'Unknown',
      linkState: 'state unknown',
      detail: 'rate limited by github.com until 2026-12-02T11:00:00Z',
      url: 'https://github.com/acme/orders/pull/12',
      inFlight: true,
    });
    expect(hardeningDisplay(task('component:default/orders', pr('unknown'))).text).toBe('PR state unknown');
  });

  it('shows a task in flight as queued or running, a failed one with its error, and the other task states', () => {
    expect(hardeningDisplay(task('component:default/a', { taskStatus: 'open' }))).toMatchObject({ state: 'queued', text: 'task queued', inFlight: true });
    expect(hardeningDisplay(task('component:default/a', { taskStatus: 'processing' }))).toMatchObject({ state: 'running', text: 'task running', label: 'Running', inFlight: true });
    expect(hardeningDisplay(task('component:default/a', { taskStatus: 'failed', error: 'the Git host answered 500\n  at publish' }))).toMatchObject({
      state: 'failed',
      text: 'task failed (the Git host answered 500 at publish)',
      detail: 'the Git host answered 500 at publish',
      label: 'Failed',
      inFlight: false,
    });
    expect(hardeningDisplay(task('component:default/a', { taskStatus: 'failed' }))).toMatchObject({ state: 'failed', text: 'task failed' });
    expect(hardeningDisplay(task('component:default/a', { taskStatus: 'cancelled' }))).toMatchObject({ state: 'cancelled', text: 'task cancelled', inFlight: false });
    expect(hardeningDisplay(task('component:default/a', { taskStatus: 'skipped' }))).toMatchObject({ state: 'skipped', text: 'task skipped' });
    expect(hardeningDisplay(task('component:default/a'))).toMatchObject({ state: 'completed', text: 'task completed, no pull request recorded', label: 'No PR' });
  });

  it('cuts a very long error and links only http(s) pull request URLs', () => {
    const long = hardeningDisplay(task('component:default/a', { taskStatus: 'failed', error: 'x'.repeat(1000) }));
    expect(long.detail).toHaveLength(300);
    expect(long.detail!.endsWith('…')).toBe(true);
    // a script URL (spelt in two parts: lint rightly refuses the literal)
    const script = hardeningDisplay(task('component:default/a', { pullRequest: { url: ['javascript', 'alert(1)'].join(':'), state: 'open' } }));
    expect(script.state).toBe('open');
    expect(script.url).toBeUndefined();
  });
});

describe('readHardeningProgress: the body read as data', () => {
  it('keeps well-formed items, drops the rest, and reads an unknown pull request state as unknown', () => {
    const progress = readHardeningProgress({
      templateRef: 'template:default/harden-dockerfile',
      tasksLastHour: 3,
      oldestTaskLastHour: '2026-12-02T09:12:00.000Z',
      items: [
        task('component:default/Orders', pr('open')),
        { ...task('component:default/billing'), pullRequest: { url: 'https://github.com/acme/billing/pull/7', state: 'draft' } },
        { entityRef: 'component:default/x', taskStatus: 'completed' }, // no task ID
        { ...task('component:default/y'), taskStatus: 'exploded' },
        null,
        'nonsense',
      ],
    });
    expect(progress.templateRef).toBe('template:default/harden-dockerfile');
    expect(progress.tasksLastHour).toBe(3);
    expect(progress.oldestTaskLastHour).toBe('2026-12-02T09:12:00.000Z');
    expect(progress.items.map(i => [i.entityRef, i.pullRequest?.state])).toEqual([
      ['component:default/orders', 'open'],
      ['component:default/billing', 'unknown'],
    ]);
  });

  it('reads anything else as no progress', () => {
    for (const body of [undefined, null, 'x', 42, { items: 'no' }]) expect(readHardeningProgress(body)).toEqual({ templateRef: '', tasksLastHour: 0, items: [] });
  });
});

describe('by service, counted and sorted', () => {
  const progress = readHardeningProgress({
    templateRef: 't',
    tasksLastHour: 0,
    items: [
      task('component:default/orders', pr('open')),
      task('component:default/billing', { ...pr('merged'), createdAt: '2026-12-01T10:00:00.000Z' }),
      // an older run of billing: the newer one counts
      task('component:default/billing', { ...pr('closed'), createdAt: '2026-11-01T10:00:00.000Z' }),
      task('component:default/search', pr('closed')),
      task('component:default/reports', { taskStatus: 'failed', error: 'boom' }),
      task('component:default/inventory', { taskStatus: 'processing' }),
      task('component:default/other-team', pr('open')),
    ],
  });
  const byEntity = hardeningByEntity(progress);

  it('indexes by entity ref, case-insensitively, the newest run per service', () => {
    expect(hardeningOf(byEntity, 'component:default/Billing')?.state).toBe('merged');
    expect(hardeningOf(byEntity, 'component:default/orders')?.state).toBe('open');
    expect(hardeningOf(byEntity, 'component:default/payments')).toBeUndefined();
    expect(hardeningOf(undefined, 'component:default/orders')).toBeUndefined();
  });

  it('counts the listed services per state, and says it in words', () => {
    const listed = ['orders', 'billing', 'search', 'reports', 'inventory', 'payments'].map(n => `component:default/${n}`);
    const counts = hardeningCounts(listed, byEntity);
    expect(counts).toMatchObject({ open: 1, merged: 1, closed: 1, failed: 1, running: 1, unknown: 0, queued: 0 });
    expect(hardeningCountsText(counts)).toBe('1 open, 1 merged, 1 closed, 1 running, 1 failed');
    expect(hardeningCountsText(hardeningCounts(['component:default/orders'], byEntity))).toBe('1 open, 0 merged, 0 closed');
    expect(hardeningCountsText(hardeningCounts(['component:default/payments'], byEntity))).toBeUndefined();
  });

  it('sorts by the pull request column: merged first, failed last (the reverse descending), no task always last; the column is in the URL', () => {
    const rows = toServiceRows(['orders', 'billing', 'search', 'reports', 'inventory', 'payments'].map(n => serviceEntity(n, { outcomes: [driftedFile([['GDS001', 'error', 1]])] })));
    const ascending = sortServiceRows(rows, { column: 'pullRequest', direction: 'ascending' }, byEntity).map(r => r.name);
    expect(ascending).toEqual(['billing', 'orders', 'inventory', 'search', 'reports', 'payments']);
    const descending = sortServiceRows(rows, { column: 'pullRequest', direction: 'descending' }, byEntity).map(r => r.name);
    expect(descending).toEqual(['reports', 'search', 'inventory', 'orders', 'billing', 'payments']);
    // without the progress (the backend plugin absent) the order falls back to the entity ref
    expect(sortServiceRows(rows, { column: 'pullRequest', direction: 'descending' }).map(r => r.name)).toEqual(['billing', 'inventory', 'orders', 'payments', 'reports', 'search']);
    expect(viewStateFromSearch(new URLSearchParams('sort=pullRequest&dir=descending')).sort).toEqual({ column: 'pullRequest', direction: 'descending' });
  });
});

describe('scaffolderTaskPath', () => {
  it("is the scaffolder's task page, the ID encoded", () => {
    expect(scaffolderTaskPath('a1b2')).toBe('/create/tasks/a1b2');
    expect(scaffolderTaskPath('a/b?c', '/portal/')).toBe('/portal/create/tasks/a%2Fb%3Fc');
  });
});
