/** A rule of the standard, from the rule metadata of @hardened-go/plugin-dockerfile-compliance-common. */
import { Alert, Flex, Link, Text } from '@backstage/ui';
import { useParams } from 'react-router-dom';
import { ruleById } from '@hardened-go/plugin-dockerfile-compliance-common';
import { SeverityChip } from './StatusChip';
import { TitledCard } from './TitledCard';
import { useRulePagesBase } from './ruleLinks';

export function RuleDoc(props: { ruleId: string; backTo?: string }) {
  const rule = ruleById(props.ruleId);
  if (rule === undefined) {
    return <Alert status="info" icon title={`Unknown rule ${props.ruleId}`} description="The hardened Go standard has no rule with this ID." />;
  }
  const related = Object.entries(rule.related).filter(([, ids]) => ids.length > 0);
  return (
    <TitledCard
      title={`${rule.id}: ${rule.title}`}
      subheader={
        <span>
          Default severity <SeverityChip severity={rule.defaultSeverity} />
        </span>
      }
    >
      <Flex direction="column" gap="3">
        <Text as="h3" variant="title-x-small">
          Why
        </Text>
        <Text as="p" variant="body-medium">
          {rule.rationale}
        </Text>
        <Text as="h3" variant="title-x-small">
          How to fix
        </Text>
        <Text as="p" variant="body-medium">
          {rule.fixHint}
        </Text>
        {related.length > 0 && (
          <Text as="p" variant="body-small">
            Related checks: {related.map(([tool, ids]) => `${tool} ${ids.join(', ')}`).join('; ')}
          </Text>
        )}
        <Text as="p" variant="body-small" color="secondary">
          Full page: {rule.docsPath} in @hardened-go/plugin-dockerfile-compliance-common.
        </Text>
        {props.backTo && (
          <Text as="p" variant="body-medium">
            <Link href={props.backTo}>Back to the compliance overview</Link>
          </Text>
        )}
      </Flex>
    </TitledCard>
  );
}

export function RuleDocRoute() {
  const { ruleId = '' } = useParams();
  const base = useRulePagesBase();
  return <RuleDoc ruleId={ruleId} backTo={base ?? '..'} />;
}
