import type { Entity } from '@backstage/catalog-model';
import { ALL_RULES } from '@hardened-go/plugin-dockerfile-compliance-common';
import { complianceFacts } from './facts';

function entity(label: string | undefined, files: unknown[] | undefined): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'svc',
      ...(label ? { labels: { 'hardened-go.io/dockerfile-compliance': label } } : {}),
      annotations: {
        'hardened-go.io/standard-version': 'v1',
        ...(files ? { 'hardened-go.io/dockerfile-findings': JSON.stringify(files) } : {}),
      },
    },
  };
}

const file = (status: string, findings: Array<{ rule: string; severity: string }>, more = 0) => ({
  path: 'Dockerfile',
  status,
  counts: {
    error: findings.filter(f => f.severity === 'error').length + more,
    warning: findings.filter(f => f.severity === 'warning').length,
    info: findings.filter(f => f.severity === 'info').length,
  },
  findings: findings.map(f => ({ ...f, line: 1, message: 'm' })),
  more,
});

describe('complianceFacts', () => {
  it('counts findings over every file and says which rules are clean', () => {
    const facts = complianceFacts(entity('drifted', [file('drifted', [{ rule: 'GDS009', severity: 'error' }]), file('compliant', [{ rule: 'GDS011', severity: 'info' }])]))!;
    expect(facts).toMatchObject({ status: 'drifted', compliant: false, errors: 1, warnings: 0, infos: 1, standardVersion: 'v1', GDS009: false, GDS011: false, GDS018: true });
    expect(ALL_RULES.every(r => typeof facts[r.id] === 'boolean')).toBe(true);
  });

  it('never calls a rule clean when it is not known: unchecked files, and findings the annotation left out', () => {
    const unchecked = complianceFacts(entity('error', [{ path: 'Dockerfile', status: 'error', counts: { error: 1, warning: 0, info: 0 }, findings: [], more: 0, reasonCode: 'too-complex' }]))!;
    expect(unchecked).toMatchObject({ status: 'error', compliant: false, errors: 1 });
    expect(ALL_RULES.some(r => r.id in unchecked)).toBe(false);
    const capped = complianceFacts(entity('drifted', [file('drifted', [{ rule: 'GDS001', severity: 'error' }], 5)]))!;
    expect(capped).toMatchObject({ errors: 6, GDS001: false });
    expect('GDS018' in capped).toBe(false);
  });

  it('has no facts for an entity the drift processor has not labelled, and only the label for a malformed annotation', () => {
    expect(complianceFacts(entity(undefined, []))).toBeUndefined();
    expect(complianceFacts(entity('sometimes', []))).toBeUndefined();
    const malformed = entity('drifted', undefined);
    malformed.metadata.annotations!['hardened-go.io/dockerfile-findings'] = '{not json';
    expect(complianceFacts(malformed)).toEqual({ status: 'drifted', compliant: false, standardVersion: 'v1' });
  });
});
