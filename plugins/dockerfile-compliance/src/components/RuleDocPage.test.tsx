/** @jest-environment jsdom */
import '../__testUtils__/jsdomSetup';
import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { ruleById } from '@hardened-go/plugin-dockerfile-compliance-common';
import { compliantFile, driftedFile, serviceEntity } from '../__testUtils__/entities';
import { RuleDoc } from './RuleDocPage';

const entities = [
  serviceEntity('legacy-billing', { owner: 'team-payments', outcomes: [driftedFile([['GDS007', 'warning', 3], ['GDS007', 'warning', 8]])] }),
  serviceEntity('orders-worker', { owner: 'team-orders', outcomes: [driftedFile([['GDS009', 'error', 3]])] }),
  serviceEntity('payments-api', { owner: 'team-payments', outcomes: [compliantFile()] }),
];

function renderRule(ruleId: string, backTo?: string) {
  return renderInTestApp(
    <TestApiProvider apis={[[catalogApiRef, catalogApiMock({ entities })]]}>
      <RuleDoc ruleId={ruleId} backTo={backTo} />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('RuleDoc', () => {
  it("shows a rule's title, why and how to fix, from the standard's rule metadata", async () => {
    const rule = ruleById('GDS007')!;
    await renderRule('GDS007', '/dockerfile-compliance');
    expect(screen.getByText(`GDS007: ${rule.title}`)).toBeTruthy();
    const plain = (text: string) => text.replaceAll('`', '');
    expect(screen.getByText((_, el) => el?.tagName === 'P' && el.textContent === plain(rule.rationale))).toBeTruthy();
    expect(screen.getByText((_, el) => el?.tagName === 'P' && el.textContent === plain(rule.fixHint))).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to the compliance overview' }).getAttribute('href')).toBe('/dockerfile-compliance');
    // the full page is a link, to the project's rule docs when the adopter publishes none
    const docs = screen.getByTestId('rule-docs-link');
    expect(docs.getAttribute('href')).toBe('https://github.com/hardened-go/hardened-go/blob/main/plugins/dockerfile-compliance-common/docs/rules/GDS007.md');
    expect(docs.getAttribute('target')).toBe('_blank');
  });

  it('lists the services that break the rule, with their finding counts, and links to the filtered overview', async () => {
    await renderRule('GDS007', '/dockerfile-compliance');
    const rows = await screen.findAllByTestId('breaking-service');
    expect(rows.map(r => r.getAttribute('data-entity'))).toEqual(['component:default/legacy-billing']);
    expect(rows[0]!.textContent).toContain('2');
    expect(screen.getByText('Services breaking GDS007 (1)')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open the organisation page filtered by GDS007' }).getAttribute('href')).toBe('/dockerfile-compliance?rule=GDS007');
  });

  it('says so for an ID the standard does not have', async () => {
    await renderRule('GDS999');
    expect(screen.getByText('Unknown rule GDS999')).toBeTruthy();
  });
});
