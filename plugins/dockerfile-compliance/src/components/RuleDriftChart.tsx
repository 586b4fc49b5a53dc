/**
 * What drifts most: one horizontal bar per rule, length = services affected. Plain HTML so
 * it is readable by screen readers (a list with the numbers in text) and needs no chart library.
 */
import { Box, Typography, makeStyles } from '@material-ui/core';
import type { RuleDrift } from '../data/aggregate';
import { useRuleLink } from './ruleLinks';
import { Link } from '@backstage/core-components';

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  item: { display: 'grid', gridTemplateColumns: '6rem 1fr 9rem', alignItems: 'center', gap: 8, marginBottom: 6 },
  track: { background: theme.palette.action.hover, height: 16, borderRadius: 2 },
  bar_error: { background: theme.palette.error.main, height: '100%', borderRadius: 2 },
  bar_warning: { background: theme.palette.warning?.main ?? '#ed6c02', height: '100%', borderRadius: 2 },
  bar_info: { background: theme.palette.info?.main ?? '#0288d1', height: '100%', borderRadius: 2 },
}));

export function RuleDriftChart(props: { drift: RuleDrift[]; totalServices: number; onSelectRule?: (rule: string) => void }) {
  const classes = useStyles();
  const ruleLink = useRuleLink();
  if (props.drift.length === 0) {
    return <Typography variant="body2">No findings: nothing drifts.</Typography>;
  }
  const max = Math.max(...props.drift.map(d => d.services));
  return (
    <ol className={classes.list} aria-label="Services affected per rule, most first" data-testid="rule-chart">
      {props.drift.map(d => {
        const link = ruleLink(d.rule);
        return (
          <li key={d.rule} className={classes.item} data-testid="rule-bar" data-rule={d.rule} data-services={d.services}>
            <Typography variant="body2" component="span" title={link.rule?.title}>
              {link.href ? <Link to={link.href}>{d.rule}</Link> : d.rule}
            </Typography>
            <Box className={classes.track} aria-hidden="true">
              <div className={classes[`bar_${d.severity}`]} style={{ width: `${(d.services / max) * 100}%` }} />
            </Box>
            <Typography variant="body2">
              {d.services} of {props.totalServices} service{props.totalServices === 1 ? '' : 's'}
            </Typography>
          </li>
        );
      })}
    </ol>
  );
}
