/** The entity tab: the summary and every finding, in a page-width container with room for long finding lists. */
import { Container } from '@backstage/ui';
import { EntityComplianceBody } from './EntityComplianceCard';
import { TitledCard } from './TitledCard';

export function EntityComplianceContent() {
  return (
    <Container>
      <TitledCard title="Dockerfile compliance">
        <EntityComplianceBody />
      </TitledCard>
    </Container>
  );
}
