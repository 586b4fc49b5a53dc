/**
 * The organisation page's list: one row per covered service with owner, system, status,
 * counts, standard and last check, and the hardening pull request's state when the
 * campaign's progress is known.
 */
import { useMemo } from 'react';
import { Cell, CellText } from '@backstage/ui';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { Severity } from '@hardened-go/plugin-dockerfile-compliance-common';
import type { ServiceRow } from '../data/aggregate';
import { hardeningOf, type HardeningDisplay } from '../data/hardeningProgress';
import type { ServiceSort, SortColumn } from '../data/viewState';
import { DataTable, type DataColumn, type RowAttributes } from './DataTable';
import { HardeningCell } from './HardeningPullRequest';
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

/** Shares of the width, without and with the pull request column. */
const WIDTHS: Record<'base' | 'withPullRequest', Record<Exclude<SortColumn, 'pullRequest'>, number>> = {
  base: { service: 14, owner: 12, system: 10, status: 10, errors: 11, warnings: 12, info: 8, standard: 12, checked: 11 },
  withPullRequest: { service: 10.5, owner: 9.5, system: 9.5, status: 9, errors: 9, warnings: 11, info: 7, standard: 11, checked: 10 },
};
const PULL_REQUEST_WIDTH = 13.5;

function columns(hardening: ReadonlyMap<string, HardeningDisplay> | undefined): DataColumn<ServiceItem>[] {
  const width = WIDTHS[hardening ? 'withPullRequest' : 'base'];
  const base: DataColumn<ServiceItem>[] = [
    {
      id: 'service',
      label: 'Service',
      isRowHeader: true,
      widthPercent: width.service,
      cell: row => (
        <Cell>
          <EntityRefLink entityRef={row.entity} title={row.title} />
        </Cell>
      ),
    },
    { id: 'owner', label: 'Owner', widthPercent: width.owner, cell: row => <Cell><OwnerLink owner={row.owner} /></Cell> },
    { id: 'system', label: 'System', widthPercent: width.system, cell: row => <Cell>{row.system ? <EntityRefLink entityRef={row.system} defaultKind="system" /> : '—'}</Cell> },
    { id: 'status', label: 'Status', widthPercent: width.status, cell: row => <Cell><StatusChip status={row.compliance.status} /></Cell> },
    countColumn('errors', 'error', 'Errors', width.errors),
    countColumn('warnings', 'warning', 'Warnings', width.warnings),
    countColumn('info', 'info', 'Info', width.info),
    { id: 'standard', label: 'Standard', widthPercent: width.standard, cell: row => <CellText title={row.compliance.standardVersion ?? '—'} /> },
    { id: 'checked', label: 'Checked', widthPercent: width.checked, cell: row => <Cell><LastChecked at={row.compliance.lastChecked} /></Cell> },
  ];
  if (!hardening) return base;
  return [
    ...base,
    {
      id: 'pullRequest',
      label: 'Pull request',
      widthPercent: PULL_REQUEST_WIDTH,
      cell: row => <HardeningCell display={hardeningOf(hardening, row.entityRef)} serviceTitle={row.title} />,
    },
  ];
}

function rowAttributes(hardening: ReadonlyMap<string, HardeningDisplay> | undefined): (row: ServiceItem) => RowAttributes {
  return row => ({
    'data-testid': 'service-row',
    'data-entity': row.entityRef,
    'data-status': row.compliance.status,
    ...(hardening ? { 'data-pull-request': hardeningOf(hardening, row.entityRef)?.state ?? 'none' } : {}),
  });
}

/**
 * `hardening`: each service's hardening state (the campaign's progress); with it the table
 * has a Pull request column (sortable like the others).
 */
export function ServicesTable(props: { rows: ServiceRow[]; sort?: ServiceSort; onSortChange?: (sort: ServiceSort) => void; hardening?: ReadonlyMap<string, HardeningDisplay> }) {
  const { sort, onSortChange, hardening } = props;
  const tableColumns = useMemo(() => columns(hardening), [hardening]);
  const attributes = useMemo(() => rowAttributes(hardening), [hardening]);
  return (
    <DataTable
      label="Services and their Dockerfile compliance"
      testId="services-table"
      columns={tableColumns}
      items={props.rows.map(row => ({ ...row, id: row.entityRef }))}
      rowAttributes={attributes}
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
