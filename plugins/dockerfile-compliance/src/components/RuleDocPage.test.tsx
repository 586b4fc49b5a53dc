/** @jest-environment jsdom */
import '../__testUtils__/jsdomSetup';
import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { ruleById } from '@hardened-go/plugin-dockerfile-compliance-common';
import { RuleDoc } from './RuleDocPage';

describe('RuleDoc', () => {
  it("shows a rule's title, why and how to fix, from the standard's rule metadata", async () => {
    const rule = ruleById('GDS007')!;
    await renderInTestApp(<RuleDoc ruleId="GDS007" backTo="/dockerfile-compliance" />);
    expect(screen.getByText(`GDS007: ${rule.title}`)).toBeTruthy();
    expect(screen.getByText(rule.rationale)).toBeTruthy();
    expect(screen.getByText(rule.fixHint)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to the compliance overview' }).getAttribute('href')).toBe('/dockerfile-compliance');
  });

  it('says so for an ID the standard does not have', async () => {
    await renderInTestApp(<RuleDoc ruleId="GDS999" />);
    expect(screen.getByText('Unknown rule GDS999')).toBeTruthy();
  });
});
