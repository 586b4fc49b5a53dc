/** The entity tab: the same details as the card, with room for long finding lists. */
import { Content } from '@backstage/core-components';
import { Grid } from '@material-ui/core';
import { EntityDockerfileComplianceCard } from './EntityComplianceCard';

export function EntityComplianceContent() {
  return (
    <Content>
      <Grid container>
        <Grid item xs={12}>
          <EntityDockerfileComplianceCard />
        </Grid>
      </Grid>
    </Content>
  );
}
