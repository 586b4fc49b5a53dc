/** @jest-environment jsdom */
import '../__testUtils__/jsdomSetup';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router-dom';
import { renderInTestApp, TestApiProvider, mockApis } from '@backstage/test-utils';
import { configApiRef, discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import { ruleById, type HardeningProgress, type HardeningTaskSummary } from '@hardened-go/plugin-dockerfile-compliance-common';
import { driftedFile, serviceEntity, unknownFile, compliantFile } from '../__testUtils__/entities';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { EntityDockerfileComplianceCard as LegacyCard, EntityDockerfileComplianceContent as LegacyContent, rootRouteRef } from '../legacy/extensions';
import { RuleDocRoute } from './RuleDocPage';
import { RulePagesProvider } from './ruleLinks';

async function renderCard(entity: Entity, config: Record<string, unknown> = {}, shape: 'card' | 'tab' = 'card') {
  return renderInTestApp(
    <TestApiProvider apis={[[configApiRef, mockApis.config({ data: config as never })], [catalogApiRef, catalogApiMock({ entities: [entity] })]]}>
      <EntityProvider entity={entity}>
        {shape === 'card' ? <LegacyCard tabPath="dockerfile" /> : <LegacyContent />}
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/dockerfile-compliance': rootRouteRef, '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

/** Where the app's router is: shows that a link navigated inside the app (a page load would not render it). */
function LocationProbe() {
  const location = useLocation();
  return <p data-testid="location">{`${location.pathname}${location.search}`}</p>;
}

describe('EntityDockerfileComplianceCard (legacy frontend system)', () => {
  it('the tab shows status, standard version and each finding with rule link and title, source line link, message and fix hint', async () => {
    const entity = serviceEntity('legacy-billing', {
      outcomes: [driftedFile([['GDS001', 'error', 1], ['GDS007', 'warning', 9]])],
    });
    await renderCard(entity, {}, 'tab');
    const status = screen.getByTestId('compliance-status');
    // Words and colour: the status reads "Drifted" and is tinted with the theme's warning colour.
    expect(status.textContent).toBe('Drifted');
    expect(status.getAttribute('data-status')).toBe('drifted');
    expect(status.getAttribute('style')).toContain('var(--bui-warning-bg-subdued)');
    expect(screen.getByTestId('standard-version').textContent).toContain('Standard v1');
    // the counts once, not once more per Dockerfile
    expect(screen.getByTestId('finding-counts').textContent).toMatch(/^1 error, 1 warning, 0 info · checked /);
    expect(screen.queryAllByText(/1 error, 1 warning, 0 info/)).toHaveLength(1);

    const rows = screen.getAllByTestId('finding-row');
    expect(rows).toHaveLength(2);
    const first = within(rows[0]!);
    expect(first.getByText('error')).toBeTruthy();
    expect(first.getByRole('link', { name: 'GDS001' }).getAttribute('href')).toBe('/dockerfile-compliance/rules/GDS001');
    expect(first.getByTestId('rule-title').textContent).toBe(ruleById('GDS001')!.title.replaceAll('`', ''));
    // the accessible name starts with the visible text (WCAG 2.5.3 label in name)
    const line = first.getByRole('link', { name: /^Dockerfile:1 \(opens the source/ });
    expect(line.getAttribute('href')).toBe('http://git.example/repo/Dockerfile#L1');
    expect(line.textContent).toBe('Dockerfile:1');
    expect(line.getAttribute('target')).toBe('_blank');
    expect(line.getAttribute('rel')).toBe('noopener noreferrer');
    expect(first.getByRole('link', { name: 'GDS001' }).getAttribute('target')).toBeNull();
    expect(first.getByText('GDS001 finding on line 1')).toBeTruthy();
    // the hint's backtick spans render as code, not as raw backticks
    const fix = first.getByText((_, el) => el?.tagName === 'P' && el.textContent === `Fix: ${ruleById('GDS001')!.fixHint.replaceAll('`', '')}`);
    expect(fix.querySelector('code')?.textContent).toBe('FROM scratch');
    expect(within(rows[1]!).getByText('Dockerfile:9')).toBeTruthy();

    // A link (it navigates), styled as a button, next to the status.
    const harden = screen.getByRole('link', { name: 'Harden via pull request' });
    expect(harden.getAttribute('data-testid')).toBe('harden-button');
    expect(harden.getAttribute('href')).toBe(
      `/create/templates/default/harden-dockerfile?formData=${encodeURIComponent('{"entity":"component:default/legacy-billing"}')}`,
    );
  });

  it('the card is a compact summary: status, Harden, counts, last check, the rules broken and a link to the tab', async () => {
    const entity = serviceEntity('legacy-billing', {
      outcomes: [driftedFile([['GDS007', 'warning', 9], ['GDS001', 'error', 1], ['GDS002', 'error', 2], ['GDS009', 'warning', 4]])],
    });
    entity.metadata.annotations!['hardened-go.io/last-checked'] = new Date(Date.now() - 5 * 60_000).toISOString();
    await renderCard(entity);
    expect(screen.getByTestId('compliance-status').textContent).toBe('Drifted');
    expect(screen.getByTestId('harden-button')).toBeTruthy();
    expect(screen.getByTestId('finding-counts').textContent).toBe('2 errors, 2 warnings, 0 info · checked 5 minutes ago');
    // no findings table on the card: the worst rules (errors first), then how many more
    expect(screen.queryByTestId('finding-row')).toBeNull();
    const rules = within(screen.getByTestId('broken-rules')).getAllByRole('listitem');
    expect(rules.map(r => within(r).getAllByRole('link')[0]!.textContent)).toEqual(['GDS001', 'GDS002', 'GDS007']);
    expect(screen.getByText('and 1 more rule')).toBeTruthy();
    expect(screen.getByTestId('all-findings-link').textContent).toBe('See all 4 findings with lines and fixes');
    expect(screen.getByTestId('all-findings-link').getAttribute('href')).toMatch(/\/dockerfile$/);
  });

  it('a compliant card says "No open findings" once', async () => {
    await renderCard(serviceEntity('payments-api', { outcomes: [compliantFile()] }));
    expect(screen.getByTestId('finding-counts').textContent).toMatch(/^No open findings · checked never$/);
    expect(screen.queryByText(/0 errors/)).toBeNull();
  });

  it('links rule IDs to the published docs when hardenedGo.ruleDocsBaseUrl is configured', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const entity = serviceEntity('x', { outcomes: [driftedFile([['GDS009', 'warning', 4]])] });
      await renderCard(entity, { hardenedGo: { ruleDocsBaseUrl: 'https://git.example/acme/hg/blob/main/plugins/dockerfile-compliance-common' } });
      const rule = screen.getByRole('link', { name: /^GDS009/ });
      expect(rule.getAttribute('href')).toBe('https://git.example/acme/hg/blob/main/plugins/dockerfile-compliance-common/docs/rules/GDS009.md');
      // Leaves the app: a new tab, without giving the other site a handle on this one.
      expect(rule.getAttribute('target')).toBe('_blank');
      expect(rule.getAttribute('rel')).toBe('noopener noreferrer');
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('still reads the 0.2.0 key hardenedGo.complianceView.ruleDocsBaseUrl, warning once that it is deprecated', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const entity = serviceEntity('x', { outcomes: [driftedFile([['GDS009', 'warning', 4], ['GDS007', 'warning', 6]])] });
      await renderCard(entity, { hardenedGo: { complianceView: { ruleDocsBaseUrl: 'https://git.example/acme/hg/blob/main/plugins/dockerfile-standard/' } } });
      const rule = screen.getByRole('link', { name: /^GDS009/ });
      expect(rule.getAttribute('href')).toBe('https://git.example/acme/hg/blob/main/plugins/dockerfile-standard/docs/rules/GDS009.md');
      const deprecations = warn.mock.calls.filter(([m]) => String(m).includes('hardenedGo.complianceView.ruleDocsBaseUrl is deprecated'));
      // once, although two rule links (and several renders) read it
      expect(deprecations).toHaveLength(1);
      expect(String(deprecations[0]![0])).toContain('rename it to hardenedGo.ruleDocsBaseUrl');
    } finally {
      warn.mockRestore();
    }
  });

  it('links to its own rule pages, with a warning, when the configured docs URL is not an http(s) URL', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const entity = serviceEntity('x', { outcomes: [driftedFile([['GDS009', 'warning', 4]])] });
      await renderCard(entity, { hardenedGo: { ruleDocsBaseUrl: 'data:text/html,x' } });
      expect(screen.getByRole('link', { name: /^GDS009/ }).getAttribute('href')).toBe('/dockerfile-compliance/rules/GDS009');
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('hardenedGo.ruleDocsBaseUrl must be an absolute http(s) URL'));
    } finally {
      warn.mockRestore();
    }
  });

  it('opens the harden template and the rule page inside the app (router navigation, no page load)', async () => {
    const user = userEvent.setup();
    const entity = serviceEntity('legacy-billing', { outcomes: [driftedFile([['GDS001', 'error', 1]])] });
    await renderInTestApp(
      <TestApiProvider apis={[[configApiRef, mockApis.config()], [catalogApiRef, catalogApiMock({ entities: [entity] })]]}>
        <Routes>
          <Route
            path="/"
            element={
              <EntityProvider entity={entity}>
                <LegacyCard />
              </EntityProvider>
            }
          />
          {/* The rule page as the plugin's page mounts it, knowing its base path. */}
          <Route
            path="/dockerfile-compliance/rules/:ruleId"
            element={
              <RulePagesProvider basePath="/dockerfile-compliance">
                <RuleDocRoute />
              </RulePagesProvider>
            }
          />
          <Route path="*" element={<LocationProbe />} />
        </Routes>
      </TestApiProvider>,
      { mountedRoutes: { '/dockerfile-compliance': rootRouteRef, '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    await user.click(screen.getByRole('link', { name: 'GDS001' }));
    expect(await screen.findByText(`GDS001: ${ruleById('GDS001')!.title}`)).toBeTruthy();

    await user.click(screen.getByRole('link', { name: 'Back to the compliance overview' }));
    expect((await screen.findByTestId('location')).textContent).toBe('/dockerfile-compliance');
  });

  it('the harden button opens the scaffolder page in the app', async () => {
    const user = userEvent.setup();
    const entity = serviceEntity('legacy-billing', { outcomes: [driftedFile([['GDS001', 'error', 1]])] });
    await renderInTestApp(
      <TestApiProvider apis={[[configApiRef, mockApis.config()]]}>
        <Routes>
          <Route
            path="/"
            element={
              <EntityProvider entity={entity}>
                <LegacyCard />
              </EntityProvider>
            }
          />
          <Route path="*" element={<LocationProbe />} />
        </Routes>
      </TestApiProvider>,
      { mountedRoutes: { '/dockerfile-compliance': rootRouteRef, '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    await user.click(screen.getByRole('link', { name: 'Harden via pull request' }));
    expect((await screen.findByTestId('location')).textContent).toBe(
      `/create/templates/default/harden-dockerfile?formData=${encodeURIComponent('{"entity":"component:default/legacy-billing"}')}`,
    );
  });

  it('shows the reason for an unknown service and still offers the harden button', async () => {
    await renderCard(serviceEntity('lost', { outcomes: [unknownFile()] }));
    expect(screen.getByTestId('compliance-status').textContent).toContain('Unknown');
    expect(screen.getByTestId('file-reason').textContent).toContain('Reason: no Dockerfile at this location (HTTP 404)');
    expect(screen.queryByTestId('finding-row')).toBeNull();
    expect(screen.getByRole('link', { name: 'Harden via pull request' })).toBeTruthy();
  });

  it('shows why a Dockerfile is not checkable (error)', async () => {
    const notCheckable = {
      path: 'Dockerfile',
      url: 'http://git.example/repo/Dockerfile',
      status: 'error' as const,
      counts: { error: 1, warning: 0, info: 0 },
      findings: [{ rule: 'GDS000', severity: 'error' as const, line: 1, message: 'unterminated heredoc' }],
      more: 0,
      reasonCode: 'not-checkable' as const,
      reason: 'unterminated heredoc',
    };
    await renderCard(serviceEntity('broken', { outcomes: [notCheckable] }));
    expect(screen.getByTestId('compliance-status').textContent).toContain('Not checkable');
    expect(screen.getByTestId('file-reason').textContent).toContain('Reason: unterminated heredoc');
    expect(screen.getByText('The Dockerfile was read but is not a checkable Dockerfile.')).toBeTruthy();
  });

  it('shows no harden button for a compliant service', async () => {
    await renderCard(serviceEntity('payments-api', { outcomes: [compliantFile()] }));
    expect(screen.getByTestId('compliance-status').textContent).toContain('Compliant');
    expect(screen.queryByRole('link', { name: 'Harden via pull request' })).toBeNull();
    expect(screen.queryByTestId('harden-button')).toBeNull();
  });

  it('explains an entity the processor does not cover instead of showing an empty card', async () => {
    await renderCard(serviceEntity('not-go'));
    expect(screen.getByText('This entity is not checked against the hardened Go standard')).toBeTruthy();
  });
});

/** The dockerfile-compliance backend's /pull-requests, answering `reply` and recording what was asked. */
function pullRequestsBackend(reply: { status: number; body: unknown }) {
  const asked: string[] = [];
  const fetchApi = {
    fetch: async (url: string) => {
      asked.push(url);
      const u = new URL(url);
      if (u.pathname !== '/api/dockerfile-compliance/pull-requests') return { ok: false, status: 404, statusText: 'Not Found', json: async () => ({}) };
      return {
        ok: reply.status < 400,
        status: reply.status,
        statusText: String(reply.status),
        json: async () => reply.body,
      };
    },
  };
  return { asked, fetchApi };
}

function progressOf(...items: HardeningTaskSummary[]): HardeningProgress {
  return { templateRef: 'template:default/harden-dockerfile', tasksLastHour: 1, items };
}

const BILLING = 'component:default/legacy-billing';
const PR_URL = 'https://github.com/acme/legacy-billing/pull/12';
const completed = (state: 'open' | 'merged' | 'closed' | 'unknown', stateReason?: string): HardeningTaskSummary => ({
  entityRef: BILLING,
  taskId: 'task-1',
  taskStatus: 'completed',
  createdAt: '2026-12-02T10:00:00.000Z',
  pullRequest: { url: PR_URL, state, ...(stateReason ? { stateReason } : {}) },
});

async function renderWithBackend(entity: Entity, reply: { status: number; body: unknown }, shape: 'card' | 'tab' = 'card') {
  const backend = pullRequestsBackend(reply);
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [configApiRef, mockApis.config()],
        [catalogApiRef, catalogApiMock({ entities: [entity] })],
        [discoveryApiRef, mockApis.discovery({ baseUrl: 'http://backend.test' })],
        [fetchApiRef, backend.fetchApi as never],
      ]}
    >
      <EntityProvider entity={entity}>{shape === 'card' ? <LegacyCard tabPath="dockerfile" /> : <LegacyContent />}</EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/dockerfile-compliance': rootRouteRef, '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return backend;
}

const drifted = () => serviceEntity('legacy-billing', { outcomes: [driftedFile([['GDS001', 'error', 1]])] });

describe('the hardening pull request on the card and the tab', () => {
  it.each([
    ['open', 'Hardening pull request: open', true],
    ['merged', 'Hardening pull request: merged', false],
    ['closed', 'Hardening pull request: closed', false],
  ] as const)("pull request %s: the line, linked to the pull request, asking only for this service", async (state, line, inFlight) => {
    const backend = await renderWithBackend(drifted(), { status: 200, body: progressOf(completed(state)) });
    const pr = await screen.findByTestId('hardening-pr');
    expect(pr.textContent).toBe(line);
    expect(pr.getAttribute('data-state')).toBe(state);
    const link = within(pr).getByRole('link', { name: `Pull request for legacy-billing: ${state} (opens in a new tab)` });
    expect(link.getAttribute('href')).toBe(PR_URL);
    expect(link.textContent).toBe(state);
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    // an open pull request still stands: the card says so under Harden; a settled one does not
    expect(screen.queryByTestId('hardening-in-flight') !== null).toBe(inFlight);
    expect(backend.asked).toEqual([`http://backend.test/api/dockerfile-compliance/pull-requests?entityRef=${encodeURIComponent(BILLING)}`]);
    // the rest of the card as before
    expect(screen.getByTestId('compliance-status').textContent).toBe('Drifted');
    expect(screen.getByTestId('harden-button')).toBeTruthy();
  });

  it('a pull request whose state cannot be read: "state unknown" with the reason, still linked', async () => {
    await renderWithBackend(drifted(), { status: 200, body: progressOf(completed('unknown', 'no GitHub integration for git.example')) });
    const pr = await screen.findByTestId('hardening-pr');
    expect(pr.textContent).toBe('Hardening pull request: state unknown (no GitHub integration for git.example)');
    expect(within(pr).getByRole('link', { name: 'Pull request for legacy-billing: state unknown (opens in a new tab)' }).getAttribute('href')).toBe(PR_URL);
    expect(screen.getByTestId('hardening-in-flight')).toBeTruthy();
  });

  it("a failed task: the scaffolder's error and a link to the task's log, no pull request link", async () => {
    const failed: HardeningTaskSummary = { entityRef: BILLING, taskId: 'f00d', taskStatus: 'failed', createdAt: '2026-12-02T10:00:00.000Z', error: 'the Git host answered 500' };
    await renderWithBackend(drifted(), { status: 200, body: progressOf(failed) });
    const pr = await screen.findByTestId('hardening-pr');
    expect(pr.textContent).toBe('Hardening pull request: task failed (the Git host answered 500) · Task log');
    expect(pr.getAttribute('data-state')).toBe('failed');
    expect(within(pr).queryByRole('link', { name: /^Pull request/ })).toBeNull();
    expect(within(pr).getByRole('link', { name: 'Task log for legacy-billing (task failed)' }).getAttribute('href')).toBe('/create/tasks/f00d');
    expect(screen.queryByTestId('hardening-in-flight')).toBeNull();
  });

  it('a task in flight: "task running", no link yet', async () => {
    const running: HardeningTaskSummary = { entityRef: BILLING, taskId: 'r1', taskStatus: 'processing', createdAt: '2026-12-02T10:00:00.000Z' };
    await renderWithBackend(drifted(), { status: 200, body: progressOf(running) });
    const pr = await screen.findByTestId('hardening-pr');
    expect(pr.textContent).toBe('Hardening pull request: task running');
    expect(within(pr).queryByRole('link')).toBeNull();
    expect(screen.getByTestId('hardening-in-flight')).toBeTruthy();
  });

  it('the tab shows the line too', async () => {
    await renderWithBackend(drifted(), { status: 200, body: progressOf(completed('merged')) }, 'tab');
    expect((await screen.findByTestId('hardening-pr')).textContent).toBe('Hardening pull request: merged');
    expect(screen.getAllByTestId('finding-row')).toHaveLength(1);
  });

  it('nothing when the service has no hardening task', async () => {
    const backend = await renderWithBackend(drifted(), { status: 200, body: progressOf() });
    await waitFor(() => expect(backend.asked).toHaveLength(1));
    // the answer has been rendered: give React its turn, then nothing is there
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(screen.queryByTestId('hardening-pr')).toBeNull();
    expect(screen.queryByTestId('hardening-pr-unavailable')).toBeNull();
    expect(screen.getByTestId('compliance-status').textContent).toBe('Drifted');
  });

  it.each([404, 401, 403])('HTTP %s from /pull-requests (backend plugin absent, not allowed) leaves the card as it was, saying nothing', async status => {
    const backend = await renderWithBackend(drifted(), { status, body: { error: { name: 'NotFoundError', message: 'nope' } } });
    await waitFor(() => expect(backend.asked).toHaveLength(1));
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(screen.queryByTestId('hardening-pr')).toBeNull();
    expect(screen.queryByTestId('hardening-pr-unavailable')).toBeNull();
    expect(screen.getByTestId('compliance-status').textContent).toBe('Drifted');
    expect(screen.getAllByTestId('broken-rules')).toHaveLength(1);
    expect(screen.queryByText(/Error in/)).toBeNull();
  });

  it('another failure (500, not JSON) is a quiet note, not an error page', async () => {
    const backend = pullRequestsBackend({ status: 500, body: undefined });
    const fetchApi = {
      fetch: async (url: string) => {
        await backend.fetchApi.fetch(url);
        return { ok: false, status: 500, statusText: 'Internal Server Error', json: async () => JSON.parse('<html>') };
      },
    };
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [configApiRef, mockApis.config()],
          [discoveryApiRef, mockApis.discovery({ baseUrl: 'http://backend.test' })],
          [fetchApiRef, fetchApi as never],
        ]}
      >
        <EntityProvider entity={drifted()}>
          <LegacyCard />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/dockerfile-compliance': rootRouteRef, '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect((await screen.findByTestId('hardening-pr-unavailable')).textContent).toBe("The hardening pull request's state could not be read: HTTP 500.");
    expect(screen.getByTestId('compliance-status').textContent).toBe('Drifted');
  });

  it("in an app whose discovery API cannot be built (an adopter's test app without backend.baseUrl) the card says nothing more", async () => {
    await renderCard(drifted());
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(screen.getByTestId('compliance-status').textContent).toBe('Drifted');
    expect(screen.queryByTestId('hardening-pr')).toBeNull();
    expect(screen.queryByTestId('hardening-pr-unavailable')).toBeNull();
  });

  it('a compliant service asks nothing', async () => {
    const backend = await renderWithBackend(serviceEntity('payments-api', { outcomes: [compliantFile()] }), { status: 200, body: progressOf(completed('merged')) });
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(backend.asked).toEqual([]);
    expect(screen.queryByTestId('hardening-pr')).toBeNull();
  });
});
