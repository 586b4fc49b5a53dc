/** The compliance status as words and colour (never colour alone). */
import { Badge } from '@backstage/ui';
import type { ComplianceStatus, Severity } from '@hardened-go/plugin-dockerfile-compliance-common';
import { SEVERITY_TONE, STATUS_TONE, toneSurface } from './tones';

export const STATUS_TEXT: Record<ComplianceStatus, string> = {
  compliant: 'Compliant',
  drifted: 'Drifted',
  unknown: 'Unknown',
  error: 'Not checkable',
};

export function StatusChip(props: { status: ComplianceStatus; size?: 'small' | 'medium' }) {
  return (
    <Badge size={props.size ?? 'small'} style={toneSurface(STATUS_TONE[props.status])} data-testid="compliance-status" data-status={props.status}>
      {STATUS_TEXT[props.status]}
    </Badge>
  );
}

export function SeverityChip(props: { severity: Severity }) {
  return (
    <Badge size="small" style={toneSurface(SEVERITY_TONE[props.severity])} data-severity={props.severity}>
      {props.severity}
    </Badge>
  );
}

/** `2 errors, 1 warning, 0 info` as short text. */
export function countsText(counts: Record<Severity, number>): string {
  return `${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.info} info`;
}
