/**
 * Adoption of the current standard: the overall share compliant with the status counts (and
 * the hardening pull requests' states, when the campaign's progress is known), and per owner.
 */
import { Cell, Flex, Text } from '@backstage/ui';
import { COMPLIANCE_STATUSES } from '@hardened-go/plugin-dockerfile-compliance-common';
import { adoption, adoptionByOwner, statusCounts, type ServiceRow } from '../data/aggregate';
import type { HardeningDisplay } from '../data/hardeningProgress';
import { DataTable, type DataColumn, type RowAttributes } from './DataTable';
import { HardeningCounts } from './HardeningPullRequest';
import { NO_OWNER, OwnerLink } from './owners';
import { STATUS_TEXT } from './StatusChip';
import { Sparkline } from './TrendChart';

export function AdoptionSummary(props: { rows: ServiceRow[]; version: string | undefined; hardening?: ReadonlyMap<string, HardeningDisplay> }) {
  const overall = adoption(props.rows, props.version);
  const counts = statusCounts(props.rows);
  return (
    <div data-testid="adoption-overall" data-percent={overall.percent}>
      <Text as="p" variant="title-large">
        {overall.percent}%
      </Text>
      <Text as="p" variant="body-medium">
        {overall.compliant} of {overall.total} service{overall.total === 1 ? '' : 's'} compliant with standard {props.version ?? '(none recorded)'}
      </Text>
      <Flex mt="2" gap="2" style={{ flexWrap: 'wrap' }} data-testid="status-counts">
        {COMPLIANCE_STATUSES.map(s => (
          <Text key={s} variant="body-small" data-status={s} data-count={counts[s]}>
            {STATUS_TEXT[s]}: {counts[s]}
          </Text>
        ))}
      </Flex>
      {props.hardening && (
        <Flex mt="2">
          <HardeningCounts entityRefs={props.rows.map(r => r.entityRef)} byEntity={props.hardening} />
        </Flex>
      )}
    </div>
  );
}

type OwnerItem = ReturnType<typeof adoptionByOwner>[number] & { id: string; trend?: number[] };

const OWNER_COLUMNS: DataColumn<OwnerItem>[] = [
  { id: 'owner', label: 'Owner', isRowHeader: true, widthPercent: 30, cell: o => <Cell><OwnerLink owner={o.owner} /></Cell> },
  { id: 'compliant', label: 'Compliant', widthPercent: 22, cell: o => <Cell>{o.compliant} / {o.total}</Cell> },
  { id: 'adoption', label: 'Adoption', widthPercent: 20, cell: o => <Cell>{o.percent}%</Cell> },
];

const TREND_COLUMN: DataColumn<OwnerItem> = { id: 'trend', label: 'Trend', cell: o => <Cell><Sparkline values={o.trend} /></Cell> };
const OWNER_COLUMNS_WITH_TREND = [...OWNER_COLUMNS, TREND_COLUMN];

function ownerRowAttributes(o: OwnerItem): RowAttributes {
  return { 'data-testid': 'owner-row', 'data-owner': o.owner, 'data-percent': o.percent };
}

export function OwnerAdoptionTable(props: { rows: ServiceRow[]; version: string | undefined; trends?: Map<string, number[]> }) {
  // Row IDs must not be empty: services without an owner are grouped under "(no owner)".
  const items = adoptionByOwner(props.rows, props.version).map(o => ({ ...o, id: o.owner || NO_OWNER, trend: props.trends?.get(o.owner) }));
  return (
    <DataTable
      label="Adoption per owner"
      testId="owner-adoption"
      columns={props.trends ? OWNER_COLUMNS_WITH_TREND : OWNER_COLUMNS}
      minWidth={props.trends ? '520px' : '360px'}
      items={items}
      rowAttributes={ownerRowAttributes}
    />
  );
}
