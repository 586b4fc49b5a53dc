import { compliantFile, driftedFile, serviceEntity, unknownFile } from '../__testUtils__/entities';
import {
  adoption,
  adoptionByOwner,
  applyFilters,
  compareStandardVersions,
  currentStandardVersion,
  filterOptions,
  ruleDrift,
  statusCounts,
  toServiceRows,
} from './aggregate';

const rows = toServiceRows([
  serviceEntity('payments', { owner: 'team-a', system: 'billing', outcomes: [compliantFile()] }),
  serviceEntity('legacy', { owner: 'team-a', outcomes: [driftedFile([['GDS001', 'error', 1], ['GDS009', 'warning', 12], ['GDS009', 'warning', 14]])] }),
  serviceEntity('orders', { owner: 'group:default/team-b', outcomes: [driftedFile([['GDS009', 'warning', 3]])] }),
  serviceEntity('lost', { owner: 'team-b', outcomes: [unknownFile()] }),
  serviceEntity('old', { owner: 'team-c', version: 'v0', outcomes: [compliantFile()] }),
  serviceEntity('uncovered', { owner: 'team-c' }),
]);

describe('organisation aggregates', () => {
  it('has one row per covered service, with normalised owner and system refs', () => {
    expect(rows.map(r => r.name)).toEqual(['legacy', 'lost', 'old', 'orders', 'payments']);
    const payments = rows.find(r => r.name === 'payments')!;
    expect(payments.owner).toBe('group:default/team-a');
    expect(payments.system).toBe('system:default/billing');
  });

  it('takes the newest standard version as current, comparing numerically', () => {
    expect(compareStandardVersions('v10', 'v9')).toBeGreaterThan(0);
    expect(currentStandardVersion(rows)).toBe('v1');
  });

  it('counts adoption as compliant with the current version, overall and per owner', () => {
    // "old" is compliant with v0 only: not adopted.
    expect(adoption(rows, 'v1')).toEqual({ total: 5, compliant: 1, percent: 20 });
    expect(adoption([], 'v1')).toEqual({ total: 0, compliant: 0, percent: 0 });
    expect(adoptionByOwner(rows, 'v1')).toEqual([
      { owner: 'group:default/team-b', total: 2, compliant: 0, percent: 0 },
      { owner: 'group:default/team-c', total: 1, compliant: 0, percent: 0 },
      { owner: 'group:default/team-a', total: 2, compliant: 1, percent: 50 },
    ]);
  });

  it('rounds adoption down so that not everything compliant never reads 100 %', () => {
    const many = toServiceRows([
      ...Array.from({ length: 199 }, (_, i) => serviceEntity(`ok-${i}`, { outcomes: [compliantFile()] })),
      serviceEntity('bad', { outcomes: [driftedFile([['GDS001', 'error', 1]])] }),
    ]);
    expect(adoption(many, 'v1').percent).toBe(99);
  });

  it('counts services per rule (a rule twice in one service counts once), most first', () => {
    expect(ruleDrift(rows)).toEqual([
      { rule: 'GDS009', services: 2, findings: 3, severity: 'warning' },
      { rule: 'GDS001', services: 1, findings: 1, severity: 'error' },
    ]);
  });

  it('filters by owner, status and rule, together', () => {
    expect(applyFilters(rows, { owner: 'group:default/team-a' }).map(r => r.name)).toEqual(['legacy', 'payments']);
    expect(applyFilters(rows, { status: 'drifted' }).map(r => r.name)).toEqual(['legacy', 'orders']);
    expect(applyFilters(rows, { rule: 'GDS009', owner: 'group:default/team-b' }).map(r => r.name)).toEqual(['orders']);
    expect(applyFilters(rows, { status: 'compliant', rule: 'GDS001' })).toEqual([]);
  });

  it('offers the owners and rules present as filter options, and counts statuses', () => {
    expect(filterOptions(rows)).toEqual({
      owners: ['group:default/team-a', 'group:default/team-b', 'group:default/team-c'],
      rules: ['GDS001', 'GDS009'],
    });
    expect(statusCounts(rows)).toEqual({ compliant: 2, drifted: 2, unknown: 1, error: 0 });
  });
});
