/**
 * One Dockerfile's findings: severity, rule (ID linked to its page, and its title), line
 * (linked to the source), message and fix. A table on wide screens; below BUI's `sm`
 * breakpoint each finding becomes a stacked block, because a four-column table on a phone
 * left the message a few pixels wide.
 */
import { Cell, Link, Text, useBreakpoint } from '@backstage/ui';
import type { FileOutcome } from '@hardened-go/plugin-dockerfile-compliance-common';
import { dockerfileLineUrl } from '../data/links';
import { DataTable, type DataColumn, type RowAttributes } from './DataTable';
import { MessageText } from './MessageText';
import { RuleLabel } from './RuleLabel';
import { useRuleLink, type RuleLink } from './ruleLinks';
import { SeverityChip } from './StatusChip';

interface FindingItem {
  id: string;
  finding: FileOutcome['findings'][number];
  link: RuleLink;
  lineUrl: string | undefined;
}

/** `Dockerfile:12`, linked to that line when the source URL is known. */
function LineRef(props: { path: string; item: FindingItem }) {
  const { path, item } = props;
  const text = `${path}:${item.finding.line}`;
  if (!item.lineUrl) return <>{text}</>;
  // The accessible name starts with the visible text (WCAG 2.5.3), then says where it goes.
  return (
    <Link href={item.lineUrl} target="_blank" rel="noopener noreferrer" aria-label={`${text} (opens the source in a new tab)`}>
      {text}
    </Link>
  );
}

function FindingText(props: { item: FindingItem }) {
  const { finding, link } = props.item;
  return (
    <>
      <Text as="p" variant="body-medium">
        <MessageText message={finding.message} />
      </Text>
      {link.rule && (
        <Text as="p" variant="body-medium">
          <strong>Fix:</strong> <MessageText message={link.rule.fixHint} />
        </Text>
      )}
    </>
  );
}

function findingColumns(path: string): DataColumn<FindingItem>[] {
  return [
    { id: 'severity', label: 'Severity', widthPercent: 11, cell: item => <Cell><SeverityChip severity={item.finding.severity} /></Cell> },
    {
      id: 'rule',
      label: 'Rule',
      isRowHeader: true,
      widthPercent: 24,
      cell: item => (
        <Cell>
          <RuleLabel ruleId={item.finding.rule} link={item.link} layout="stacked" />
        </Cell>
      ),
    },
    {
      id: 'line',
      label: 'Line',
      widthPercent: 15,
      cell: item => (
        // A long path may break at any character rather than be cut off by the fixed column width.
        <Cell data-testid="finding-line" style={{ overflowWrap: 'anywhere' }}>
          <LineRef path={path} item={item} />
        </Cell>
      ),
    },
    { id: 'finding', label: 'Finding and fix', cell: item => <Cell><FindingText item={item} /></Cell> },
  ];
}

function findingRowAttributes(item: FindingItem): RowAttributes {
  return { 'data-testid': 'finding-row', 'data-rule': item.finding.rule };
}

const STACK = { listStyle: 'none', margin: 0, padding: 0 } as const;
const STACKED_ITEM = { borderTop: '1px solid var(--bui-border-2)', padding: 'var(--bui-space-3) 0', display: 'grid', gap: 'var(--bui-space-1_5)' } as const;
const HEAD = { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 'var(--bui-space-2)' } as const;

function StackedFindings(props: { path: string; items: FindingItem[] }) {
  return (
    <ul style={STACK} aria-label={`Findings in ${props.path}`} data-testid="findings-list">
      {props.items.map(item => (
        <li key={item.id} style={STACKED_ITEM} {...findingRowAttributes(item)}>
          <div style={HEAD}>
            <SeverityChip severity={item.finding.severity} />
            <RuleLabel ruleId={item.finding.rule} link={item.link} />
          </div>
          <Text as="p" variant="body-small" data-testid="finding-line" style={{ overflowWrap: 'anywhere' }}>
            <LineRef path={props.path} item={item} />
          </Text>
          <FindingText item={item} />
        </li>
      ))}
    </ul>
  );
}

export function FindingsTable(props: { file: FileOutcome }) {
  const { file } = props;
  const ruleLink = useRuleLink();
  const { down } = useBreakpoint();
  if (file.findings.length === 0) return null;
  const items = file.findings.map((finding, index) => ({
    id: `${finding.rule}-${finding.line}-${index}`,
    finding,
    link: ruleLink(finding.rule),
    lineUrl: dockerfileLineUrl(file.url, finding.line),
  }));
  if (down('sm')) return <StackedFindings path={file.path} items={items} />;
  return (
    <DataTable
      label={`Findings in ${file.path}`}
      testId="findings-table"
      columns={findingColumns(file.path)}
      items={items}
      rowAttributes={findingRowAttributes}
      minWidth="640px"
    />
  );
}
