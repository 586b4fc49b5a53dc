/**
 * A read-only Backstage UI table with columns described as `ColumnConfig`s (like the `Table`
 * of Backstage's plugin template). Built from BUI's table parts rather than its `Table`
 * wrapper because the view needs what the wrapper does not take: an accessible name per
 * table, a test ID and data attributes on the table and on each row, a minimum width, and
 * sorting driven by the page (whose sort lives in the URL).
 *
 * Narrow screens: BUI lays tables out with fixed column widths, so on a phone each column
 * got a few pixels and names wrapped one letter per line. The table keeps `minWidth` and
 * scrolls sideways in its own region instead (focusable, so keyboard users can scroll it).
 */
import { Column, Row, TableBody, TableHeader, TableRoot, type ColumnConfig, type SortDescriptor, type TableItem } from '@backstage/ui';

/**
 * A column: BUI's ColumnConfig, plus an optional share of the table's width. BUI tables lay
 * out with fixed column widths (equal by default); columns without a share split what is left.
 */
export type DataColumn<T extends TableItem> = ColumnConfig<T> & { widthPercent?: number };

/** `data-*` attributes put on a row's `<tr>` (tests and scripts find rows by them). */
export type RowAttributes = Record<`data-${string}`, string | number | undefined>;

export interface TableSort {
  descriptor: SortDescriptor | undefined;
  onSortChange: (descriptor: SortDescriptor) => void;
}

/** Cells wrap between words (and after hyphens in names), never inside a word. */
const CELL_TEXT = { overflowWrap: 'normal', wordBreak: 'normal', hyphens: 'manual' } as const;

export function DataTable<T extends TableItem>(props: {
  /** The table's accessible name. */
  label: string;
  testId: string;
  columns: readonly DataColumn<T>[];
  items: readonly T[];
  rowAttributes?: (item: T) => RowAttributes;
  /** Below this width (CSS length) the table scrolls sideways instead of squeezing its columns. */
  minWidth?: string;
  sort?: TableSort;
}) {
  const { columns, rowAttributes, sort } = props;
  return (
    <div
      role="region"
      aria-label={`${props.label} (scrolls sideways)`}
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable region must be reachable by keyboard
      tabIndex={0}
      data-testid={`${props.testId}-scroller`}
      style={{ overflowX: 'auto', maxWidth: '100%' }}
    >
      <TableRoot
        aria-label={props.label}
        data-testid={props.testId}
        style={{ minWidth: props.minWidth, ...CELL_TEXT }}
        {...(sort ? { sortDescriptor: sort.descriptor, onSortChange: sort.onSortChange } : {})}
      >
        <TableHeader columns={columns}>
          {column => (
            <Column
              id={column.id}
              isRowHeader={column.isRowHeader}
              allowsSorting={sort !== undefined && column.isSortable !== false}
              style={column.widthPercent ? { width: `${column.widthPercent}%` } : undefined}
            >
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
    </div>
  );
}
