/**
 * What drifts most: one horizontal bar per rule, length = services affected. Plain HTML so
 * it is readable by screen readers (a list with the numbers in text) and needs no chart library.
 */
import { Text } from '@backstage/ui';
import type { RuleDrift } from '../data/aggregate';
import { RuleIdLink } from './RuleIdLink';
import { useRuleLink } from './ruleLinks';
import { SEVERITY_TONE, toneFill } from './tones';

const LIST = { listStyle: 'none', margin: 0, padding: 0 } as const;
const ITEM = { display: 'grid', gridTemplateColumns: '6rem 1fr 9rem', alignItems: 'center', gap: 'var(--bui-space-2)', marginBottom: 'var(--bui-space-1_5)' } as const;
const TRACK = { background: 'var(--bui-bg-neutral-3)', height: 16, borderRadius: 'var(--bui-radius-1)' } as const;

export function RuleDriftChart(props: { drift: RuleDrift[]; totalServices: number }) {
  const ruleLink = useRuleLink();
  if (props.drift.length === 0) {
    return <Text variant="body-medium">No findings: nothing drifts.</Text>;
  }
  const max = Math.max(...props.drift.map(d => d.services));
  return (
    <ol style={LIST} aria-label="Services affected per rule, most first" data-testid="rule-chart">
      {props.drift.map(d => (
        <li key={d.rule} style={ITEM} data-testid="rule-bar" data-rule={d.rule} data-services={d.services}>
          <Text variant="body-medium">
            <RuleIdLink ruleId={d.rule} link={ruleLink(d.rule)} />
          </Text>
          <div style={TRACK} aria-hidden="true">
            {/* Coloured by the rule's worst severity; the numbers next to it say the same in words. */}
            <div style={{ background: toneFill(SEVERITY_TONE[d.severity]), height: '100%', borderRadius: 'inherit', width: `${(d.services / max) * 100}%` }} />
          </div>
          <Text variant="body-medium">
            {d.services} of {props.totalServices} service{props.totalServices === 1 ? '' : 's'}
          </Text>
        </li>
      ))}
    </ol>
  );
}
