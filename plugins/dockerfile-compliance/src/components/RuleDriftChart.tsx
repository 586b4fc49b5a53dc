/**
 * What drifts most: one horizontal bar per rule, length = services affected, with the rule's
 * ID and title above it. Plain HTML so it is readable by screen readers (a list with the
 * numbers in text); the chart is a ranking, not a plot, so it needs no chart library.
 */
import { Text } from '@backstage/ui';
import type { RuleDrift } from '../data/aggregate';
import { RuleLabel } from './RuleLabel';
import { useRuleLink } from './ruleLinks';
import { SEVERITY_TONE, toneFill } from './tones';

const LIST = { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 'var(--bui-space-3)' } as const;
const BAR_ROW = { display: 'grid', gridTemplateColumns: 'minmax(4rem, 1fr) auto', alignItems: 'center', gap: 'var(--bui-space-2)', marginTop: 'var(--bui-space-1)' } as const;
const TRACK = { background: 'var(--bui-bg-neutral-3)', height: 12, borderRadius: 'var(--bui-radius-1)' } as const;

export function RuleDriftChart(props: { drift: RuleDrift[]; totalServices: number }) {
  const ruleLink = useRuleLink();
  if (props.drift.length === 0) {
    return <Text variant="body-medium">No findings: nothing drifts.</Text>;
  }
  const max = Math.max(...props.drift.map(d => d.services));
  return (
    <ol style={LIST} aria-label="Services affected per rule, most first" data-testid="rule-chart">
      {props.drift.map(d => (
        <li key={d.rule} data-testid="rule-bar" data-rule={d.rule} data-services={d.services}>
          <RuleLabel ruleId={d.rule} link={ruleLink(d.rule)} />
          <div style={BAR_ROW}>
            <div style={TRACK} aria-hidden="true">
              {/* Coloured by the rule's worst severity (see the legend); the numbers say the same in words. */}
              <div style={{ background: toneFill(SEVERITY_TONE[d.severity]), height: '100%', borderRadius: 'inherit', width: `${(d.services / max) * 100}%` }} />
            </div>
            <Text variant="body-small">
              {d.services} of {props.totalServices} service{props.totalServices === 1 ? '' : 's'}
            </Text>
          </div>
        </li>
      ))}
    </ol>
  );
}
