/** A rule as people read it: its ID (linked to its page) and its title, never the bare ID. */
import { Text } from '@backstage/ui';
import { MessageText } from './MessageText';
import { RuleIdLink } from './RuleIdLink';
import type { RuleLink } from './ruleLinks';

export function RuleLabel(props: { ruleId: string; link: RuleLink; layout?: 'inline' | 'stacked' }) {
  const { ruleId, link } = props;
  const title = link.rule?.title;
  return (
    <span style={{ display: 'inline-flex', flexDirection: props.layout === 'stacked' ? 'column' : 'row', flexWrap: 'wrap', columnGap: 'var(--bui-space-1_5)' }}>
      <Text as="span" variant="body-medium" weight="bold">
        <RuleIdLink ruleId={ruleId} link={link} />
      </Text>
      {title && (
        <Text as="span" variant="body-medium" data-testid="rule-title">
          <MessageText message={title} />
        </Text>
      )}
    </span>
  );
}
