/** What each severity means for a service's status: the legend for every severity colour. */
import { Text } from '@backstage/ui';
import type { Severity } from '@hardened-go/plugin-dockerfile-compliance-common';
import { SeverityChip } from './StatusChip';

export const SEVERITY_MEANING: Record<Severity, string> = {
  error: 'breaks the standard; the service is drifted',
  warning: 'drifts from the standard; the service is drifted',
  info: 'advice; does not make a service drifted',
};

const LIST = { display: 'flex', flexWrap: 'wrap', gap: 'var(--bui-space-1) var(--bui-space-4)', listStyle: 'none', margin: 0, padding: 0 } as const;
const ITEM = { display: 'flex', alignItems: 'center', gap: 'var(--bui-space-1_5)' } as const;

export function SeverityLegend() {
  return (
    <ul aria-label="Severity legend" data-testid="severity-legend" style={LIST}>
      {(['error', 'warning', 'info'] as const).map(severity => (
        <li key={severity} style={ITEM}>
          <SeverityChip severity={severity} />
          <Text as="span" variant="body-small">
            {SEVERITY_MEANING[severity]}
          </Text>
        </li>
      ))}
    </ul>
  );
}
