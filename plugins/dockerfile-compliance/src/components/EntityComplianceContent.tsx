/** The entity tab: the same details as the card, in a page-width container, with room for long finding lists. */
import { Container } from '@backstage/ui';
import { EntityDockerfileComplianceCard } from './EntityComplianceCard';

export function EntityComplianceContent() {
  return (
    <Container>
      <EntityDockerfileComplianceCard />
    </Container>
  );
}
