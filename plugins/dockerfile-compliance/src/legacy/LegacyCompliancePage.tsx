/** The organisation page with the page frame a legacy app expects (Page, Header, Content). */
import { Content, Header, Page } from '@backstage/core-components';
import { CompliancePageRoutes } from '../components/CompliancePageRoutes';

export function LegacyCompliancePage() {
  return (
    <Page themeId="tool">
      <Header title="Dockerfile compliance" subtitle="Go services against the hardened Go container standard" />
      <Content>
        <CompliancePageRoutes />
      </Content>
    </Page>
  );
}
