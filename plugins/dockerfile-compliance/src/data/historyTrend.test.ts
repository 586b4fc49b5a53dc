import type { ComplianceHistory } from '@hardened-go/plugin-dockerfile-compliance-common';
import { enforcementDeadlines } from '@hardened-go/plugin-dockerfile-compliance-common';
import { driftedByOwner, trendOf } from './historyTrend';

const HISTORY: ComplianceHistory = {
  retentionDays: 400,
  deadlines: [],
  days: [
    {
      day: '2026-12-01',
      takenAt: '2026-12-01T10:00:00Z',
      services: 3,
      byOwner: [
        { owner: 'group:default/a', status: 'drifted', services: 2 },
        { owner: 'group:default/b', status: 'drifted', services: 1 },
      ],
      byRule: [{ rule: 'GDS002', services: 3 }],
    },
    {
      day: '2026-12-02',
      takenAt: '2026-12-02T10:00:00Z',
      services: 3,
      byOwner: [
        { owner: 'group:default/a', status: 'drifted', services: 1 },
        { owner: 'group:default/a', status: 'compliant', services: 1 },
        { owner: 'group:default/b', status: 'drifted', services: 1 },
      ],
      byRule: [{ rule: 'GDS002', services: 2 }],
    },
  ],
};

describe('trendOf', () => {
  it('burns down drifted services by default, narrowed by owner or status; a rule filter counts that rule', () => {
    expect(trendOf(HISTORY, {})).toEqual({ measure: 'drifted services', points: [{ day: '2026-12-01', services: 3 }, { day: '2026-12-02', services: 2 }] });
    expect(trendOf(HISTORY, { owner: 'group:default/a' }).points.map(p => p.services)).toEqual([2, 1]);
    expect(trendOf(HISTORY, { status: 'compliant' }).points.map(p => p.services)).toEqual([0, 1]);
    expect(trendOf(HISTORY, { rule: 'GDS002', owner: 'group:default/a' })).toEqual({ measure: 'services breaking GDS002', points: [{ day: '2026-12-01', services: 3 }, { day: '2026-12-02', services: 2 }] });
  });

  it('gives each owner its drifted series', () => {
    expect(Object.fromEntries(driftedByOwner(HISTORY))).toEqual({ 'group:default/a': [2, 1], 'group:default/b': [1, 1] });
  });
});

describe('enforcementDeadlines (common, what the backend sends)', () => {
  it("reads the rules' enforceAfter dates per day and skips what is malformed", () => {
    const rules = { GDS007: { mode: 'enforce', enforceAfter: '2027-01-01' }, GDS002: { enforceAfter: '2027-01-01' }, GDS009: { enforceAfter: 'soon' }, GDS010: null };
    expect(enforcementDeadlines(rules)).toEqual([{ day: '2027-01-01', rules: ['GDS002', 'GDS007'] }]);
    expect(enforcementDeadlines(undefined)).toEqual([]);
  });
});
