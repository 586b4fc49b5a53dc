/** One Dockerfile's findings: severity, rule (linked to its doc), line (linked to the source), message and fix hint. */
import { Link } from '@backstage/core-components';
import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@material-ui/core';
import type { FileOutcome } from '@hardened-go/plugin-dockerfile-compliance-common';
import { dockerfileLineUrl } from '../data/links';
import { useRuleLink } from './ruleLinks';
import { SeverityChip } from './StatusChip';

export function FindingsTable(props: { file: FileOutcome }) {
  const { file } = props;
  const ruleLink = useRuleLink();
  if (file.findings.length === 0) return null;
  return (
    <Table size="small" aria-label={`Findings in ${file.path}`} data-testid="findings-table">
      <TableHead>
        <TableRow>
          <TableCell>Severity</TableCell>
          <TableCell>Rule</TableCell>
          <TableCell>Line</TableCell>
          <TableCell>Finding and fix</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {file.findings.map((finding, index) => {
          const link = ruleLink(finding.rule);
          const lineUrl = dockerfileLineUrl(file.url, finding.line);
          return (
            <TableRow key={`${finding.rule}-${finding.line}-${index}`} data-testid="finding-row" data-rule={finding.rule}>
              <TableCell>
                <SeverityChip severity={finding.severity} />
              </TableCell>
              <TableCell style={{ whiteSpace: 'nowrap' }}>
                {link.href ? (
                  <Link to={link.href} title={link.rule?.title} {...(link.external ? { target: '_blank', rel: 'noopener noreferrer' } : {})}>
                    {finding.rule}
                  </Link>
                ) : (
                  <span title={link.rule?.title}>{finding.rule}</span>
                )}
              </TableCell>
              <TableCell data-testid="finding-line" style={{ whiteSpace: 'nowrap' }}>
                {lineUrl ? (
                  <Link to={lineUrl} target="_blank" rel="noopener noreferrer" aria-label={`${file.path} line ${finding.line} (opens the source)`}>
                    {`${file.path}:${finding.line}`}
                  </Link>
                ) : (
                  `${file.path}:${finding.line}`
                )}
              </TableCell>
              <TableCell>
                <Typography variant="body2">{finding.message}</Typography>
                {link.rule && (
                  <Typography variant="body2" color="textSecondary">
                    <strong>Fix:</strong> {link.rule.fixHint}
                  </Typography>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
