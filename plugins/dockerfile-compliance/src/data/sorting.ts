/** Orders the services list by one column; ties fall back to the entity ref so the order is stable. */
import type { ComplianceStatus } from '@hardened-go/plugin-dockerfile-compliance-common';
import { compareStandardVersions, type ServiceRow } from './aggregate';
import { hardeningOf, hardeningRank, type HardeningDisplay } from './hardeningProgress';
import type { ServiceSort, SortColumn } from './viewState';

/** Worst first when descending: error, drifted, unknown, compliant. */
const STATUS_ORDER: Record<ComplianceStatus, number> = { compliant: 0, unknown: 1, drifted: 2, error: 3 };

type Key = string | number | undefined;

type Hardening = ReadonlyMap<string, HardeningDisplay> | undefined;

const KEYS: Record<SortColumn, (row: ServiceRow, hardening: Hardening) => Key> = {
  service: row => row.title.toLocaleLowerCase(),
  owner: row => row.owner || undefined,
  system: row => row.system,
  status: row => STATUS_ORDER[row.compliance.status],
  errors: row => row.compliance.counts.error,
  warnings: row => row.compliance.counts.warning,
  info: row => row.compliance.counts.info,
  standard: row => row.compliance.standardVersion,
  checked: row => (row.compliance.lastChecked === undefined ? undefined : Date.parse(row.compliance.lastChecked)),
  // merged first, failed last (descending: failed first); services without a hardening task last
  pullRequest: (row, hardening) => hardeningRank(hardeningOf(hardening, row.entityRef)),
};

function compareKeys(column: SortColumn, a: Key, b: Key): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (column === 'standard') return compareStandardVersions(String(a), String(b));
  return String(a).localeCompare(String(b));
}

/**
 * A sorted copy; rows without a value (no owner, never checked, no hardening task) always
 * come last. `hardening`: each service's hardening state, for the pull request column.
 */
export function sortServiceRows(rows: readonly ServiceRow[], sort: ServiceSort | undefined, hardening?: ReadonlyMap<string, HardeningDisplay>): ServiceRow[] {
  if (sort === undefined) return [...rows];
  const key = KEYS[sort.column];
  const sign = sort.direction === 'descending' ? -1 : 1;
  return rows
    .map(row => ({ row, key: key(row, hardening) }))
    .sort((a, b) => {
      const missingA = a.key === undefined || Number.isNaN(a.key);
      const missingB = b.key === undefined || Number.isNaN(b.key);
      if (missingA || missingB) return missingA === missingB ? a.row.entityRef.localeCompare(b.row.entityRef) : missingA ? 1 : -1;
      return sign * compareKeys(sort.column, a.key, b.key) || a.row.entityRef.localeCompare(b.row.entityRef);
    })
    .map(({ row }) => row);
}
