/**
 * One filter of the organisation page: a Backstage UI Select (a button that opens a list box;
 * keyboard: Enter/Space or the arrow keys open it, arrows move, Enter picks, typing jumps to
 * an option) whose first option, "All", switches the filter off.
 */
import { Select, type Key } from '@backstage/ui';

/** The key of the "All" option; no owner ref, status or rule ID looks like it. */
const ALL = '*all*';

export interface FilterOption {
  value: string;
  label: string;
}

export function FilterSelect(props: {
  id: string;
  label: string;
  /** '' when the filter is off. */
  value: string;
  options: FilterOption[];
  onChange: (value: string) => void;
  /** Long option labels (rule ID and title): a wider trigger, still within a phone's width. */
  wide?: boolean;
}) {
  const options = [{ id: ALL, label: 'All' }, ...props.options.map(o => ({ id: o.value, label: o.label }))];
  return (
    <Select
      id={props.id}
      label={props.label}
      selectionMode="single"
      options={options}
      value={props.value === '' ? ALL : props.value}
      onChange={(key: Key | null) => props.onChange(key === null || key === ALL ? '' : String(key))}
      style={{ minWidth: props.wide ? 300 : 200, maxWidth: '100%' }}
    />
  );
}
