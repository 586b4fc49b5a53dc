/**
 * A read-only Backstage UI table with columns described as `ColumnConfig`s (like the `Table`
 * of Backstage's plugin template). Built from BUI's table parts rather than its `Table`
 * wrapper because the view needs what the wrapper does not take: an accessible name per
 * table, and a test ID and data attributes on the table and on each row.
 */
import { Column, Row, TableBody, TableHeader, TableRoot, type ColumnConfig, type TableItem } from '@backstage/ui';

/**
 * A column: BUI's ColumnConfig, plus an optional share of the table's width. BUI tables lay
 * out with fixed column widths (equal by default); columns without a share split what is left.
 */
export type DataColumn<T extends TableItem> = ColumnConfig<T> & { widthPercent?: number };

/** `data-*` attributes put on a row's `<tr>` (tests and scripts find rows by them). */
export type RowAttributes = Record<`data-${string}`, string | number | undefined>;

export function DataTable<T extends TableItem>(props: {
  /** The table's accessible name. */
  label: string;
  testId: string;
  columns: readonly DataColumn<T>[];
  items: readonly T[];
  rowAttributes?: (item: T) => RowAttributes;
}) {
  const { columns, rowAttributes } = props;
  return (
    <TableRoot aria-label={props.label} data-testid={props.testId}>
      <TableHeader columns={columns}>
        {column => (
          <Column id={column.id} isRowHeader={column.isRowHeader} style={column.widthPercent ? { width: `${column.widthPercent}%` } : undefined}>
            {column.label}
          </Column>
        )}
      </TableHeader>
      {/* Rows are cached per item; cells may read more than the item (links, config), so a new
          set of columns or row attributes re-renders them. */}
      <TableBody items={props.items} dependencies={[columns, rowAttributes]}>
        {item => (
          <Row id={item.id} columns={columns} {...rowAttributes?.(item)}>
            {column => column.cell(item)}
          </Row>
        )}
      </TableBody>
    </TableRoot>
  );
}
