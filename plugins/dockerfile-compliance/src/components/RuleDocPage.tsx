/** A rule of the standard, from the rule metadata of @hardened-go/plugin-dockerfile-compliance-common. */
import { EmptyState, InfoCard, Link } from '@backstage/core-components';
import { Typography } from '@material-ui/core';
import { useParams } from 'react-router-dom';
import { ruleById } from '@hardened-go/plugin-dockerfile-compliance-common';
import { SeverityChip } from './StatusChip';
import { useRulePagesBase } from './ruleLinks';

export function RuleDoc(props: { ruleId: string; backTo?: string }) {
  const rule = ruleById(props.ruleId);
  if (rule === undefined) {
    return <EmptyState missing="info" title={`Unknown rule ${props.ruleId}`} description="The hardened Go standard has no rule with this ID." />;
  }
  const related = Object.entries(rule.related).filter(([, ids]) => ids.length > 0);
  return (
    <InfoCard title={`${rule.id}: ${rule.title}`} subheader={<span>Default severity <SeverityChip severity={rule.defaultSeverity} /></span>}>
      <Typography variant="h6" component="h3">
        Why
      </Typography>
      <Typography variant="body1" paragraph>
        {rule.rationale}
      </Typography>
      <Typography variant="h6" component="h3">
        How to fix
      </Typography>
      <Typography variant="body1" paragraph>
        {rule.fixHint}
      </Typography>
      {related.length > 0 && (
        <Typography variant="body2" paragraph>
          Related checks: {related.map(([tool, ids]) => `${tool} ${ids.join(', ')}`).join('; ')}
        </Typography>
      )}
      <Typography variant="body2" color="textSecondary" paragraph>
        Full page: {rule.docsPath} in @hardened-go/plugin-dockerfile-compliance-common.
      </Typography>
      {props.backTo && <Link to={props.backTo}>Back to the compliance overview</Link>}
    </InfoCard>
  );
}

export function RuleDocRoute() {
  const { ruleId = '' } = useParams();
  const base = useRulePagesBase();
  return <RuleDoc ruleId={ruleId} backTo={base ?? '..'} />;
}
