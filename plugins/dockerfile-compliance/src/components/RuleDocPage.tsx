/**
 * A rule of the standard, from the rule metadata of @hardened-go/plugin-dockerfile-compliance-common:
 * why, how to fix, the full documentation page, and the services that break it now.
 */
import { useMemo } from 'react';
import { useParams } from 'react-router-dom';
import { Alert, Cell, Flex, Link, Text } from '@backstage/ui';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { ruleById, type Rule } from '@hardened-go/plugin-dockerfile-compliance-common';
import { applyFilters, type ServiceRow } from '../data/aggregate';
import { DataTable, type DataColumn, type RowAttributes } from './DataTable';
import { MessageText } from './MessageText';
import { OwnerLink } from './owners';
import { SeverityChip, StatusChip } from './StatusChip';
import { TitledCard } from './TitledCard';
import { useRuleDocsUrl, useRulePagesBase } from './ruleLinks';
import { useComplianceRows } from './useComplianceRows';

type BreakingItem = ServiceRow & { id: string; findings: number };

const BREAKING_COLUMNS: DataColumn<BreakingItem>[] = [
  { id: 'service', label: 'Service', isRowHeader: true, cell: row => <Cell><EntityRefLink entityRef={row.entity} title={row.title} /></Cell> },
  { id: 'owner', label: 'Owner', cell: row => <Cell><OwnerLink owner={row.owner} /></Cell> },
  { id: 'status', label: 'Status', cell: row => <Cell><StatusChip status={row.compliance.status} /></Cell> },
  { id: 'findings', label: 'Findings', cell: row => <Cell>{row.findings}</Cell> },
];

function breakingAttributes(row: BreakingItem): RowAttributes {
  return { 'data-testid': 'breaking-service', 'data-entity': row.entityRef };
}

/** The services whose listed findings include this rule, from the catalog. */
function ServicesBreaking(props: { rule: Rule; overviewPath: string | undefined }) {
  const { state } = useComplianceRows();
  const items = useMemo(() => {
    if (!('rows' in state)) return [];
    return applyFilters(state.rows, { rule: props.rule.id }).map(row => ({
      ...row,
      id: row.entityRef,
      findings: row.compliance.files.reduce((n, f) => n + f.findings.filter(x => x.rule === props.rule.id).length, 0),
    }));
  }, [state, props.rule.id]);
  let body;
  if (state.loading) body = <Text variant="body-medium">Loading the services from the catalog…</Text>;
  else if ('error' in state) body = <Alert status="danger" icon title="Could not load the services from the catalog" description={state.error.message} />;
  else if (items.length === 0) body = <Text variant="body-medium">No service breaks this rule.</Text>;
  else body = <DataTable label={`Services breaking ${props.rule.id}`} testId="breaking-services" columns={BREAKING_COLUMNS} items={items} rowAttributes={breakingAttributes} minWidth="560px" />;
  return (
    <TitledCard
      title={'rows' in state ? `Services breaking ${props.rule.id} (${items.length})` : `Services breaking ${props.rule.id}`}
      subheader={
        props.overviewPath ? (
          <Link href={`${props.overviewPath}?rule=${encodeURIComponent(props.rule.id)}`}>Open the organisation page filtered by {props.rule.id}</Link>
        ) : undefined
      }
    >
      {body}
    </TitledCard>
  );
}

export function RuleDoc(props: { ruleId: string; backTo?: string; listServices?: boolean }) {
  const rule = ruleById(props.ruleId);
  const docsUrl = useRuleDocsUrl(rule);
  if (rule === undefined) {
    return <Alert status="info" icon title={`Unknown rule ${props.ruleId}`} description="The hardened Go standard has no rule with this ID." />;
  }
  const related = Object.entries(rule.related).filter(([, ids]) => ids.length > 0);
  return (
    <Flex direction="column" gap="6">
      <TitledCard
        title={`${rule.id}: ${rule.title}`}
        subheader={
          <span>
            Default severity <SeverityChip severity={rule.defaultSeverity} />
          </span>
        }
      >
        <Flex direction="column" gap="3">
          <Text as="h3" variant="title-x-small">
            Why
          </Text>
          <Text as="p" variant="body-medium">
            <MessageText message={rule.rationale} />
          </Text>
          <Text as="h3" variant="title-x-small">
            How to fix
          </Text>
          <Text as="p" variant="body-medium">
            <MessageText message={rule.fixHint} />
          </Text>
          {related.length > 0 && (
            <Text as="p" variant="body-small">
              Related checks: {related.map(([tool, ids]) => `${tool} ${ids.join(', ')}`).join('; ')}
            </Text>
          )}
          <Text as="p" variant="body-medium">
            <Link href={docsUrl} target="_blank" rel="noopener noreferrer" data-testid="rule-docs-link">
              {`Full documentation of ${rule.id}, with examples (opens in a new tab)`}
            </Link>
          </Text>
          {props.backTo && (
            <Text as="p" variant="body-medium">
              <Link href={props.backTo}>Back to the compliance overview</Link>
            </Text>
          )}
        </Flex>
      </TitledCard>
      {props.listServices !== false && <ServicesBreaking rule={rule} overviewPath={props.backTo} />}
    </Flex>
  );
}

export function RuleDocRoute() {
  const { ruleId = '' } = useParams();
  const base = useRulePagesBase();
  return <RuleDoc ruleId={ruleId} backTo={base ?? '..'} />;
}
