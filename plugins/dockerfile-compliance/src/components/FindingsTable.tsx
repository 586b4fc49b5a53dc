/** One Dockerfile's findings: severity, rule (linked to its doc), line (linked to the source), message and fix hint. */
import { Cell, Link, Text } from '@backstage/ui';
import type { FileOutcome } from '@hardened-go/plugin-dockerfile-compliance-common';
import { dockerfileLineUrl } from '../data/links';
import { DataTable, type DataColumn, type RowAttributes } from './DataTable';
import { RuleIdLink } from './RuleIdLink';
import { useRuleLink, type RuleLink } from './ruleLinks';
import { SeverityChip } from './StatusChip';

interface FindingItem {
  id: string;
  finding: FileOutcome['findings'][number];
  link: RuleLink;
  lineUrl: string | undefined;
}

function findingColumns(path: string): DataColumn<FindingItem>[] {
  return [
    { id: 'severity', label: 'Severity', widthPercent: 14, cell: item => <Cell><SeverityChip severity={item.finding.severity} /></Cell> },
    {
      id: 'rule',
      label: 'Rule',
      isRowHeader: true,
      widthPercent: 14,
      cell: item => (
        <Cell>
          <RuleIdLink ruleId={item.finding.rule} link={item.link} />
        </Cell>
      ),
    },
    {
      id: 'line',
      label: 'Line',
      widthPercent: 22,
      cell: ({ finding, lineUrl }) => (
        // Long paths wrap anywhere rather than being cut off by the fixed column width.
        <Cell data-testid="finding-line" style={{ overflowWrap: 'anywhere' }}>
          {lineUrl ? (
            <Link href={lineUrl} target="_blank" rel="noopener noreferrer" aria-label={`${path} line ${finding.line} (opens the source)`}>
              {`${path}:${finding.line}`}
            </Link>
          ) : (
            `${path}:${finding.line}`
          )}
        </Cell>
      ),
    },
    {
      id: 'finding',
      label: 'Finding and fix',
      cell: ({ finding, link }) => (
        <Cell>
          <Text as="p" variant="body-medium">
            {finding.message}
          </Text>
          {link.rule && (
            <Text as="p" variant="body-medium" color="secondary">
              <strong>Fix:</strong> {link.rule.fixHint}
            </Text>
          )}
        </Cell>
      ),
    },
  ];
}

function findingRowAttributes(item: FindingItem): RowAttributes {
  return { 'data-testid': 'finding-row', 'data-rule': item.finding.rule };
}

export function FindingsTable(props: { file: FileOutcome }) {
  const { file } = props;
  const ruleLink = useRuleLink();
  if (file.findings.length === 0) return null;
  const items = file.findings.map((finding, index) => ({
    id: `${finding.rule}-${finding.line}-${index}`,
    finding,
    link: ruleLink(finding.rule),
    lineUrl: dockerfileLineUrl(file.url, finding.line),
  }));
  return (
    <DataTable
      label={`Findings in ${file.path}`}
      testId="findings-table"
      columns={findingColumns(file.path)}
      items={items}
      rowAttributes={findingRowAttributes}
    />
  );
}
