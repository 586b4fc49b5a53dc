/** @jest-environment jsdom */
import '../__testUtils__/jsdomSetup';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApis, renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import type { CatalogApi } from '@backstage/plugin-catalog-react';
import { compliantFile, driftedFile, serviceEntity, unknownFile } from '../__testUtils__/entities';
import { rootRouteRef } from '../legacy/extensions';
import { LegacyCompliancePage } from '../legacy/LegacyCompliancePage';

const entities = [
  serviceEntity('payments-api', { owner: 'team-payments', outcomes: [compliantFile()] }),
  serviceEntity('legacy-billing', { owner: 'team-payments', system: 'billing', outcomes: [driftedFile([['GDS001', 'error', 2], ['GDS009', 'error', 2], ['GDS007', 'warning', 5]])] }),
  serviceEntity('orders-worker', { owner: 'team-orders', outcomes: [driftedFile([['GDS009', 'error', 3], ['GDS011', 'info', 4]])] }),
  serviceEntity('lost-service', { owner: 'team-orders', outcomes: [unknownFile()] }),
  // Not covered by the drift processor (no label): never listed.
  serviceEntity('website'),
];

const routes = { mountedRoutes: { '/dockerfile-compliance': rootRouteRef, '/catalog/:namespace/:kind/:name': entityRouteRef } };

/** The dockerfile-compliance backend's answers: two days of history and a policy with a deadline. */
const HISTORY = {
  retentionDays: 400,
  deadlines: [{ day: '2026-12-24', rules: ['GDS007'] }],
  days: [
    { day: '2026-11-30', takenAt: '2026-11-30T10:00:00Z', services: 4, byOwner: [{ owner: 'group:default/team-payments', status: 'drifted', services: 2 }, { owner: 'group:default/team-orders', status: 'drifted', services: 1 }], byRule: [] },
    { day: '2026-12-01', takenAt: '2026-12-01T10:00:00Z', services: 4, byOwner: [{ owner: 'group:default/team-payments', status: 'drifted', services: 1 }, { owner: 'group:default/team-orders', status: 'drifted', services: 1 }], byRule: [] },
  ],
};

/** The campaign's progress: legacy-billing's pull request open, orders-worker's task failed, lost-service's PR merged. */
const PROGRESS = {
  templateRef: 'template:default/harden-dockerfile',
  tasksLastHour: 2,
  items: [
    {
      entityRef: 'component:default/legacy-billing',
      taskId: 't1',
      taskStatus: 'completed',
      createdAt: '2026-12-02T10:00:00.000Z',
      pullRequest: { url: 'https://github.com/acme/legacy-billing/pull/12', state: 'open' },
    },
    { entityRef: 'component:default/orders-worker', taskId: 't2', taskStatus: 'failed', createdAt: '2026-12-02T09:00:00.000Z', error: 'the fixer refused: the build uses cgo' },
    {
      entityRef: 'component:default/lost-service',
      taskId: 't3',
      taskStatus: 'completed',
      createdAt: '2026-12-01T09:00:00.000Z',
      pullRequest: { url: 'https://github.com/acme/lost-service/pull/3', state: 'merged' },
    },
  ],
};

function backendFetch(answers: Record<string, unknown>) {
  return {
    fetch: async (url: string) => {
      const path = new URL(url).pathname;
      const body = answers[path];
      return { ok: body !== undefined, status: body === undefined ? 404 : 200, statusText: body === undefined ? 'Not Found' : 'OK', json: async () => body ?? { error: { message: `no ${path}` } } };
    },
  };
}

function renderPage(api: CatalogApi, answers: Record<string, unknown> = {}) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [catalogApiRef, api],
        [discoveryApiRef, mockApis.discovery({ baseUrl: 'http://backend.test' })],
        [fetchApiRef, backendFetch(answers) as never],
      ]}
    >
      <LegacyCompliancePage />
    </TestApiProvider>,
    routes,
  );
}

/** A filter's Select trigger: a button named by its value and its label ("All Owner"). */
const filter = (label: string) => screen.getByRole('button', { name: new RegExp(`\\b${label}$`) });

/** Opens a filter with the pointer and picks an option, as a mouse user does. */
async function choose(user: ReturnType<typeof userEvent.setup>, label: string, option: string | RegExp) {
  await user.click(filter(label));
  await user.click(await screen.findByRole('option', { name: option }));
}

const listedEntities = () => screen.queryAllByTestId('service-row').map(r => r.getAttribute('data-entity'));

const rowFor = (name: string) => screen.getAllByTestId('service-row').find(r => r.getAttribute('data-entity') === `component:default/${name}`)!;

describe('organisation page (legacy frontend system, in-memory catalog)', () => {
  it('lists every covered service with owner, system, status, counts and standard version', async () => {
    await renderPage(catalogApiMock({ entities }));
    await waitFor(() => expect(screen.getAllByTestId('service-row')).toHaveLength(4));
    const billing = within(rowFor('legacy-billing'));
    expect(rowFor('legacy-billing').getAttribute('data-status')).toBe('drifted');
    expect(billing.getByRole('link', { name: 'legacy-billing' }).getAttribute('href')).toBe('/catalog/default/component/legacy-billing');
    expect(billing.getByText('team-payments')).toBeTruthy();
    expect(billing.getByText('billing')).toBeTruthy();
    expect(billing.getByTestId('count-error').textContent).toBe('2');
    expect(billing.getByTestId('count-warning').textContent).toBe('1');
    expect(billing.getByTestId('count-info').textContent).toBe('0');
    expect(billing.getByText('v1')).toBeTruthy();
    expect(rowFor('lost-service').getAttribute('data-status')).toBe('unknown');
    expect(screen.queryByText('website')).toBeNull();

    expect(screen.getByTestId('adoption-overall').getAttribute('data-percent')).toBe('25');
    expect(screen.getByText('1 of 4 services compliant with standard v1')).toBeTruthy();
    const owners = screen.getAllByTestId('owner-row').map(r => [r.getAttribute('data-owner'), r.getAttribute('data-percent')]);
    expect(owners).toEqual([
      ['group:default/team-orders', '0'],
      ['group:default/team-payments', '50'],
    ]);
    const bars = screen.getAllByTestId('rule-bar').map(b => [b.getAttribute('data-rule'), b.getAttribute('data-services')]);
    expect(bars).toEqual([
      ['GDS009', '2'],
      ['GDS001', '1'],
      ['GDS007', '1'],
      ['GDS011', '1'],
    ]);
  });

  it('filters by owner, status and rule (every panel follows and says what it covers), and clears', async () => {
    const user = userEvent.setup();
    await renderPage(catalogApiMock({ entities }));
    await waitFor(() => expect(screen.getAllByTestId('service-row')).toHaveLength(4));
    // mounted but disabled while nothing filters: never removed from under the keyboard
    const clear = screen.getByRole('button', { name: 'Clear filters' });
    expect(clear.hasAttribute('disabled')).toBe(true);
    expect(screen.getByTestId('result-count').textContent).toBe('Showing all 4 services.');
    expect(screen.getByTestId('result-count').getAttribute('aria-live')).toBe('polite');

    await choose(user, 'Owner', 'team-orders');
    expect(listedEntities()).toEqual(['component:default/lost-service', 'component:default/orders-worker']);
    expect(filter('Owner').textContent).toContain('team-orders');
    expect(screen.getByTestId('adoption-overall').getAttribute('data-percent')).toBe('0');
    expect(screen.getByTestId('result-count').textContent).toBe('Showing 2 of 4 services: owner team-orders.');
    expect(screen.getAllByText('2 of 4 services (owner team-orders)', { exact: false }).length).toBeGreaterThan(0);
    expect(screen.getAllByTestId('owner-row').map(r => r.getAttribute('data-owner'))).toEqual(['group:default/team-orders']);
    expect(screen.getAllByTestId('rule-bar').map(b => b.getAttribute('data-rule'))).toEqual(['GDS009', 'GDS011']);

    await choose(user, 'Status', 'Drifted');
    expect(listedEntities()).toEqual(['component:default/orders-worker']);
    expect(screen.getByText('Services (1 of 4)')).toBeTruthy();
    // status narrows the chart too, not only the list
    expect(screen.getAllByTestId('rule-bar').map(b => b.getAttribute('data-services'))).toEqual(['1', '1']);

    await choose(user, 'Rule', /^GDS001 · /);
    expect(listedEntities()).toEqual([]);
    expect(screen.getByText('No service matches these filters.')).toBeTruthy();

    // "All" switches one filter off again.
    await choose(user, 'Rule', 'All');
    expect(listedEntities()).toEqual(['component:default/orders-worker']);

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(listedEntities()).toHaveLength(4);
    expect(filter('Status').textContent).toContain('All');
    expect(screen.getByRole('button', { name: 'Clear filters' }).hasAttribute('disabled')).toBe(true);
    // focus moved to the first filter instead of falling to the page's top
    expect(document.activeElement).toBe(filter('Owner'));
  });

  it('filters with the keyboard only: Tab to a filter, arrows or typing to an option, Enter', async () => {
    const user = userEvent.setup();
    await renderPage(catalogApiMock({ entities }));
    await waitFor(() => expect(screen.getAllByTestId('service-row')).toHaveLength(4));
    const status = filter('Status');
    for (let i = 0; i < 20 && document.activeElement !== status; i++) await user.tab();
    expect(document.activeElement).toBe(status);

    // Opens the list on the current option (All); the statuses follow in order: Compliant, Drifted.
    await user.keyboard('{ArrowDown}');
    await screen.findByRole('listbox');
    await waitFor(() => expect(document.activeElement?.textContent).toBe('All'));
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(document.activeElement?.textContent).toBe('Drifted');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('listbox')).toBeNull());
    expect(listedEntities()).toEqual(['component:default/legacy-billing', 'component:default/orders-worker']);

    // The clear button is reachable and works from the keyboard too.
    const clear = screen.getByRole('button', { name: 'Clear filters' });
    for (let i = 0; i < 20 && document.activeElement !== clear; i++) await user.tab();
    expect(document.activeElement).toBe(clear);
    await user.keyboard('{Enter}');
    expect(listedEntities()).toHaveLength(4);

    // Typing on a focused filter picks the option that starts with what was typed.
    const rule = filter('Rule');
    for (let i = 0; i < 20 && document.activeElement !== rule; i++) await user.tab();
    expect(document.activeElement).toBe(rule);
    await user.keyboard('GDS011');
    expect(filter('Rule').textContent).toContain('GDS011');
    expect(listedEntities()).toEqual(['component:default/orders-worker']);
  });

  it("draws the trend from the backend's history with its deadlines, and each owner's trend", async () => {
    await renderPage(catalogApiMock({ entities }), { '/api/dockerfile-compliance/history': HISTORY });
    const chart = await screen.findByTestId('trend-chart');
    expect(chart.getAttribute('data-points')).toBe('2');
    expect(screen.getByTestId('trend-sentence').textContent).toBe('2 drifted services on 2026-12-01: 1 fewer since 2026-11-30.');
    expect(screen.getByTestId('trend-deadlines').textContent).toBe('Deadlines (enforceAfter): 2026-12-24 GDS007');
    const trends = screen.getAllByTestId('owner-trend').map(t => t.getAttribute('data-values'));
    expect(trends.sort()).toEqual(['1,1', '2,1']);
  });

  it('says when the history is not available, and the rest of the page works', async () => {
    await renderPage(catalogApiMock({ entities }));
    expect((await screen.findByTestId('trend-unavailable')).textContent).toMatch(/^The history is not available: no \/api\/dockerfile-compliance\/history\./);
    expect(screen.getAllByTestId('service-row')).toHaveLength(4);
  });

  it("shows each service's hardening pull request (state chip and link), counts them, and sorts by them", async () => {
    const user = userEvent.setup();
    await renderPage(catalogApiMock({ entities }), { '/api/dockerfile-compliance/pull-requests': PROGRESS });
    await waitFor(() => expect(rowFor('legacy-billing').getAttribute('data-pull-request')).toBe('open'));
    expect(screen.getByRole('columnheader', { name: /^Pull request/ })).toBeTruthy();
    const billing = within(rowFor('legacy-billing'));
    const link = billing.getByRole('link', { name: 'Pull request for legacy-billing: open (opens in a new tab)' });
    expect(link.getAttribute('href')).toBe('https://github.com/acme/legacy-billing/pull/12');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(billing.getByTestId('pr-state').textContent).toBe('Open');
    // a failed task: its chip and the reason, no link
    const orders = within(rowFor('orders-worker'));
    expect(orders.getByTestId('pr-state').textContent).toBe('Failed');
    expect(orders.getByTestId('pr-detail').textContent).toBe('the fixer refused: the build uses cgo');
    expect(orders.queryByRole('link', { name: /^Pull request/ })).toBeNull();
    expect(within(rowFor('lost-service')).getByRole('link', { name: 'Pull request for lost-service: merged (opens in a new tab)' })).toBeTruthy();
    // no task: a dash
    expect(rowFor('payments-api').getAttribute('data-pull-request')).toBe('none');
    expect(within(rowFor('payments-api')).getByTestId('pr-cell').textContent).toBe('—');

    const counts = screen.getByTestId('pr-counts');
    expect(counts.textContent).toBe('Hardening pull requests: 1 open, 1 merged, 0 closed, 1 failed');
    // the counts follow the filters like every panel
    await choose(user, 'Owner', 'team-payments');
    expect(screen.getByTestId('pr-counts').textContent).toBe('Hardening pull requests: 1 open, 0 merged, 0 closed');
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));

    // sortable like the other columns: ascending merged, open, ..., failed; no task last
    await user.click(screen.getByRole('columnheader', { name: /^Pull request/ }));
    expect(listedEntities()).toEqual(['component:default/lost-service', 'component:default/legacy-billing', 'component:default/orders-worker', 'component:default/payments-api']);
    await user.click(screen.getByRole('columnheader', { name: /^Pull request/ }));
    expect(listedEntities()).toEqual(['component:default/orders-worker', 'component:default/legacy-billing', 'component:default/lost-service', 'component:default/payments-api']);
    expect(screen.queryByTestId('pull-requests-unavailable')).toBeNull();
  });

  it('without the pull requests (HTTP 404: the backend plugin absent) there is no column, a quiet note, and the rest works', async () => {
    await renderPage(catalogApiMock({ entities }), { '/api/dockerfile-compliance/history': HISTORY });
    expect((await screen.findByTestId('pull-requests-unavailable')).textContent).toMatch(
      /^The hardening pull requests' states are not available: the dockerfile-compliance backend plugin does not serve it \(HTTP 404\)\. They need the dockerfile-compliance backend plugin/,
    );
    expect(screen.queryByRole('columnheader', { name: /^Pull request/ })).toBeNull();
    expect(screen.queryByTestId('pr-counts')).toBeNull();
    expect(screen.getAllByTestId('service-row')).toHaveLength(4);
    expect(rowFor('legacy-billing').hasAttribute('data-pull-request')).toBe(false);
    expect(await screen.findByTestId('trend-chart')).toBeTruthy();
  });

  it('a campaign that touched no service yet adds nothing', async () => {
    await renderPage(catalogApiMock({ entities }), { '/api/dockerfile-compliance/pull-requests': { ...PROGRESS, items: [] } });
    await waitFor(() => expect(screen.getAllByTestId('service-row')).toHaveLength(4));
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(screen.queryByRole('columnheader', { name: /^Pull request/ })).toBeNull();
    expect(screen.queryByTestId('pr-counts')).toBeNull();
    expect(screen.queryByTestId('pull-requests-unavailable')).toBeNull();
  });

  it('asks the catalog with the compliance label filter', async () => {
    const api = catalogApiMock.mock({
      queryEntities: jest.fn(async () => ({ items: [], totalItems: 0, pageInfo: {} })),
    });
    await renderPage(api);
    await waitFor(() => expect(api.queryEntities).toHaveBeenCalled());
    expect((api.queryEntities as jest.Mock).mock.calls[0][0]).toMatchObject({
      filter: { 'metadata.labels.hardened-go.io/dockerfile-compliance': ['compliant', 'drifted', 'unknown', 'error'] },
    });
  });

  it('says so when no service is covered yet', async () => {
    await renderPage(catalogApiMock({ entities: [serviceEntity('website')] }));
    expect(await screen.findByText('No service has been checked yet')).toBeTruthy();
  });

  it('shows a loading state, then an error the user can retry', async () => {
    let fail = true;
    let release: () => void = () => {};
    const api = catalogApiMock.mock({
      queryEntities: jest.fn(async () => {
        await new Promise<void>(resolve => (release = resolve));
        if (fail) throw new Error('catalog is down');
        return { items: entities, totalItems: entities.length, pageInfo: {} };
      }),
    });
    await renderPage(api);
    expect(screen.getByText(/Loading compliance of all services/)).toBeTruthy();
    release();
    expect(await screen.findByText(/Could not load the services' compliance from the catalog/)).toBeTruthy();
    expect(screen.getAllByText(/catalog is down/).length).toBeGreaterThan(0);
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(api.queryEntities).toHaveBeenCalledTimes(2));
    release();
    await waitFor(() => expect(screen.getAllByTestId('service-row')).toHaveLength(4));
  });
});
