/**
 * The organisation page with the page frame a legacy app does not provide: the plugin header
 * (what the new frontend system's app renders around the same page) and a page-width container.
 */
import { Container, PluginHeader, Text } from '@backstage/ui';
import { ComplianceIcon } from '../components/ComplianceIcon';
import { CompliancePageRoutes } from '../components/CompliancePageRoutes';

export function LegacyCompliancePage() {
  return (
    <>
      <PluginHeader icon={<ComplianceIcon />} title="Dockerfile compliance" />
      <Container>
        <Text as="p" variant="body-medium" style={{ marginBottom: 'var(--bui-space-4)' }}>
          Go services against the hardened Go container standard
        </Text>
        <CompliancePageRoutes />
      </Container>
    </>
  );
}
