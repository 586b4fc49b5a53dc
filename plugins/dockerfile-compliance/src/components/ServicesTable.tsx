/** The organisation page's list: one row per covered service with owner, system, status, counts, standard and last check. */
import { Cell, CellText } from '@backstage/ui';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { Severity } from '@hardened-go/plugin-dockerfile-compliance-common';
import type { ServiceRow } from '../data/aggregate';
import type { ServiceSort, SortColumn } from '../data/viewState';
import { DataTable, type DataColumn, type RowAttributes } from './DataTable';
import { LastChecked } from './LastChecked';
import { OwnerLink } from './owners';
import { StatusChip } from './StatusChip';

type ServiceItem = ServiceRow & { id: string };

// Shares of the width: each heading fits its column with the sort arrow's room (44 px of
// padding and icon) from the table's minimum width up.

function countColumn(id: SortColumn, severity: Severity, label: string, widthPercent: number): DataColumn<ServiceItem> {
  return {
    id,
    label,
    widthPercent,
    cell: row => <Cell data-testid={`count-${severity}`}>{row.compliance.counts[severity]}</Cell>,
  };
}

const COLUMNS: DataColumn<ServiceItem>[] = [
  {
    id: 'service',
    label: 'Service',
    isRowHeader: true,
    widthPercent: 14,
    cell: row => (
      <Cell>
        <EntityRefLink entityRef={row.entity} title={row.title} />
      </Cell>
    ),
  },
  { id: 'owner', label: 'Owner', widthPercent: 12, cell: row => <Cell><OwnerLink owner={row.owner} /></Cell> },
  { id: 'system', label: 'System', widthPercent: 10, cell: row => <Cell>{row.system ? <EntityRefLink entityRef={row.system} defaultKind="system" /> : '—'}</Cell> },
  { id: 'status', label: 'Status', widthPercent: 10, cell: row => <Cell><StatusChip status={row.compliance.status} /></Cell> },
  countColumn('errors', 'error', 'Errors', 11),
  countColumn('warnings', 'warning', 'Warnings', 12),
  countColumn('info', 'info', 'Info', 8),
  { id: 'standard', label: 'Standard', widthPercent: 12, cell: row => <CellText title={row.compliance.standardVersion ?? '—'} /> },
  { id: 'checked', label: 'Checked', widthPercent: 11, cell: row => <Cell><LastChecked at={row.compliance.lastChecked} /></Cell> },
];

function rowAttributes(row: ServiceItem): RowAttributes {
  return { 'data-testid': 'service-row', 'data-entity': row.entityRef, 'data-status': row.compliance.status };
}

export function ServicesTable(props: { rows: ServiceRow[]; sort?: ServiceSort; onSortChange?: (sort: ServiceSort) => void }) {
  const { sort, onSortChange } = props;
  return (
    <DataTable
      label="Services and their Dockerfile compliance"
      testId="services-table"
      columns={COLUMNS}
      items={props.rows.map(row => ({ ...row, id: row.entityRef }))}
      rowAttributes={rowAttributes}
      minWidth="1100px"
      sort={
        onSortChange
          ? {
              descriptor: sort ? { column: sort.column, direction: sort.direction } : undefined,
              onSortChange: d => onSortChange({ column: String(d.column) as SortColumn, direction: d.direction }),
            }
          : undefined
      }
    />
  );
}
