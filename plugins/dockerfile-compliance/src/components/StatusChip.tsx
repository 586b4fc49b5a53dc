/** The compliance status as words and colour (never colour alone). */
import { Chip, makeStyles } from '@material-ui/core';
import type { ComplianceStatus, Severity } from '@hardened-go/plugin-dockerfile-compliance-common';

export const STATUS_TEXT: Record<ComplianceStatus, string> = {
  compliant: 'Compliant',
  drifted: 'Drifted',
  unknown: 'Unknown',
  error: 'Not checkable',
};

const useStyles = makeStyles(theme => ({
  compliant: { backgroundColor: theme.palette.success?.main ?? '#2e7d32', color: '#fff' },
  drifted: { backgroundColor: theme.palette.warning?.main ?? '#ed6c02', color: '#000' },
  unknown: { backgroundColor: theme.palette.grey[600], color: '#fff' },
  error: { backgroundColor: theme.palette.error.main, color: '#fff' },
  sev_error: { backgroundColor: theme.palette.error.main, color: '#fff' },
  sev_warning: { backgroundColor: theme.palette.warning?.main ?? '#ed6c02', color: '#000' },
  sev_info: { backgroundColor: theme.palette.info?.main ?? '#0288d1', color: '#fff' },
}));

export function StatusChip(props: { status: ComplianceStatus; size?: 'small' | 'medium' }) {
  const classes = useStyles();
  return (
    <Chip
      size={props.size ?? 'small'}
      className={classes[props.status]}
      label={STATUS_TEXT[props.status]}
      data-testid="compliance-status"
      data-status={props.status}
    />
  );
}

export function SeverityChip(props: { severity: Severity }) {
  const classes = useStyles();
  return <Chip size="small" className={classes[`sev_${props.severity}`]} label={props.severity} />;
}

/** `2 errors, 1 warning, 0 info` as short text. */
export function countsText(counts: Record<Severity, number>): string {
  return `${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.info} info`;
}
