/**
 * The organisation page's state as URL search parameters, so a view can be shared and
 * survives a reload: `?owner=group:default/payments&status=drifted&rule=GDS002&sort=errors&dir=desc`.
 * Values are data: unknown statuses, columns and directions are ignored, never trusted.
 */
import { isComplianceStatus } from '@hardened-go/plugin-dockerfile-compliance-common';
import type { ComplianceFilters } from './aggregate';

/** Columns the services list sorts by. */
export const SORT_COLUMNS = ['service', 'owner', 'system', 'status', 'errors', 'warnings', 'info', 'standard', 'checked', 'pullRequest'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export type SortDirection = 'ascending' | 'descending';

export interface ServiceSort {
  column: SortColumn;
  direction: SortDirection;
}

export interface ViewState {
  filters: ComplianceFilters;
  sort?: ServiceSort;
}

/** Longest value read from a parameter: owner refs and rule IDs are short; a pasted novel is not a filter. */
const MAX_VALUE = 500;

function param(params: URLSearchParams, key: string): string | undefined {
  const value = params.get(key);
  return value === null || value === '' || value.length > MAX_VALUE ? undefined : value;
}

export function viewStateFromSearch(params: URLSearchParams): ViewState {
  const filters: ComplianceFilters = {};
  const owner = param(params, 'owner');
  if (owner !== undefined) filters.owner = owner;
  const status = param(params, 'status');
  if (status !== undefined && isComplianceStatus(status)) filters.status = status;
  const rule = param(params, 'rule');
  if (rule !== undefined) filters.rule = rule;
  const state: ViewState = { filters };
  const column = param(params, 'sort');
  if (column !== undefined && (SORT_COLUMNS as readonly string[]).includes(column)) {
    state.sort = { column: column as SortColumn, direction: params.get('dir') === 'descending' ? 'descending' : 'ascending' };
  }
  return state;
}

/** The parameters for a state; other parameters of `base` (the app's own) are kept. */
export function viewStateToSearch(state: ViewState, base: URLSearchParams = new URLSearchParams()): URLSearchParams {
  const params = new URLSearchParams(base);
  for (const key of ['owner', 'status', 'rule', 'sort', 'dir']) params.delete(key);
  const { owner, status, rule } = state.filters;
  if (owner !== undefined) params.set('owner', owner);
  if (status !== undefined) params.set('status', status);
  if (rule !== undefined) params.set('rule', rule);
  if (state.sort) {
    params.set('sort', state.sort.column);
    params.set('dir', state.sort.direction);
  }
  return params;
}
