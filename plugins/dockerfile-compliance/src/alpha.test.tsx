/** @jest-environment jsdom */
import './__testUtils__/jsdomSetup';
import { screen, waitFor } from '@testing-library/react';
import { renderTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock, createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { compliantFile, driftedFile, serviceEntity } from './__testUtils__/entities';
import dockerfileCompliancePlugin, { dockerfileComplianceEntityCard, dockerfileCompliancePage } from './alpha';

describe('new frontend system (createFrontendPlugin)', () => {
  it('declares the page, the entity card and the entity tab', () => {
    expect(dockerfileCompliancePlugin.id).toBe('dockerfile-compliance');
    const kinds = [dockerfileCompliancePage, dockerfileComplianceEntityCard].map(e => (e as unknown as { kind: string }).kind);
    expect(kinds).toEqual(['page', 'entity-card']);
    // The IDs docs/compliance-view.md tells adopters to configure (app.extensions).
    for (const id of ['page:dockerfile-compliance', 'entity-card:dockerfile-compliance', 'entity-content:dockerfile-compliance']) {
      expect(dockerfileCompliancePlugin.getExtension(id as never)).toBeDefined();
    }
  });

  it('mounts the organisation page at /dockerfile-compliance', async () => {
    const entities = [
      serviceEntity('payments-api', { outcomes: [compliantFile()] }),
      serviceEntity('orders-worker', { outcomes: [driftedFile([['GDS009', 'error', 3]])] }),
    ];
    renderTestApp({
      features: [dockerfileCompliancePlugin],
      initialRouteEntries: ['/dockerfile-compliance'],
      apis: [[catalogApiRef, catalogApiMock({ entities })]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    await waitFor(() => expect(screen.getAllByTestId('service-row')).toHaveLength(2));
    expect(screen.getByTestId('adoption-overall').getAttribute('data-percent')).toBe('50');
  });

  it("shows the card on a covered entity's page, rule IDs linked to the plugin's rule pages", async () => {
    const entity = serviceEntity('orders-worker', { outcomes: [driftedFile([['GDS009', 'error', 3]])] });
    renderTestApp({
      features: [dockerfileCompliancePlugin],
      extensions: [createTestEntityPage({ entity })],
      apis: [[catalogApiRef, catalogApiMock({ entities: [entity] })]],
    });
    // The test entity page renders both the card (overview) and the tab content.
    const statuses = await screen.findAllByTestId('compliance-status');
    expect(statuses.map(s => s.textContent)).toContain('Drifted');
    expect(screen.getAllByRole('link', { name: 'GDS009' })[0]!.getAttribute('href')).toBe('/dockerfile-compliance/rules/GDS009');
  });

  it('does not show the card on an entity the drift processor does not cover', async () => {
    const entity = serviceEntity('website');
    renderTestApp({
      features: [dockerfileCompliancePlugin],
      extensions: [createTestEntityPage({ entity })],
      apis: [[catalogApiRef, catalogApiMock({ entities: [entity] })]],
    });
    // Same page as above, where the card appears within a second; here it must not.
    await new Promise(resolve => setTimeout(resolve, 1500));
    expect(screen.queryByTestId('dockerfile-compliance')).toBeNull();
    expect(screen.queryByText('This entity is not checked against the hardened Go standard')).toBeNull();
  });
});
