/** The organisation page's list: one row per covered service with owner, system, status, counts and standard. */
import { Cell, CellText } from '@backstage/ui';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { Severity } from '@hardened-go/plugin-dockerfile-compliance-common';
import type { ServiceRow } from '../data/aggregate';
import { DataTable, type DataColumn, type RowAttributes } from './DataTable';
import { OwnerLink } from './owners';
import { StatusChip } from './StatusChip';

type ServiceItem = ServiceRow & { id: string };

function countColumn(severity: Severity, label: string): DataColumn<ServiceItem> {
  return {
    id: `count-${severity}`,
    label,
    widthPercent: 9,
    cell: row => (
      <Cell data-testid={`count-${severity}`}>
        {row.compliance.counts[severity]}
      </Cell>
    ),
  };
}

const COLUMNS: DataColumn<ServiceItem>[] = [
  {
    id: 'service',
    label: 'Service',
    isRowHeader: true,
    cell: row => (
      <Cell>
        <EntityRefLink entityRef={row.entity} title={row.title} />
      </Cell>
    ),
  },
  { id: 'owner', label: 'Owner', cell: row => <Cell><OwnerLink owner={row.owner} /></Cell> },
  { id: 'system', label: 'System', cell: row => <Cell>{row.system ? <EntityRefLink entityRef={row.system} defaultKind="system" /> : '—'}</Cell> },
  { id: 'status', label: 'Status', cell: row => <Cell><StatusChip status={row.compliance.status} /></Cell> },
  countColumn('error', 'Errors'),
  countColumn('warning', 'Warnings'),
  countColumn('info', 'Info'),
  { id: 'standard', label: 'Standard', widthPercent: 9, cell: row => <CellText title={row.compliance.standardVersion ?? '—'} /> },
];

function rowAttributes(row: ServiceItem): RowAttributes {
  return { 'data-testid': 'service-row', 'data-entity': row.entityRef, 'data-status': row.compliance.status };
}

export function ServicesTable(props: { rows: ServiceRow[] }) {
  return (
    <DataTable
      label="Services and their Dockerfile compliance"
      testId="services-table"
      columns={COLUMNS}
      items={props.rows.map(row => ({ ...row, id: row.entityRef }))}
      rowAttributes={rowAttributes}
    />
  );
}
