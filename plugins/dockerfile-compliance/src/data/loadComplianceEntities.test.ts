import type { Entity } from '@backstage/catalog-model';
import { COMPLIANCE_FILTER, loadComplianceEntities } from './loadComplianceEntities';

const entity = (name: string): Entity => ({ apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name } });

describe('loadComplianceEntities', () => {
  it('asks the catalog with the compliance label filter and follows the cursor to the last page', async () => {
    const requests: unknown[] = [];
    const pages = [
      { items: [entity('a'), entity('b')], totalItems: 3, pageInfo: { nextCursor: 'c1' } },
      { items: [entity('c')], totalItems: 3, pageInfo: {} },
    ];
    const api = {
      queryEntities: async (request: unknown) => {
        requests.push(request);
        return pages[requests.length - 1]!;
      },
    };
    const items = await loadComplianceEntities(api as never);
    expect(items.map(e => e.metadata.name)).toEqual(['a', 'b', 'c']);
    expect(requests[0]).toMatchObject({
      filter: { 'metadata.labels.hardened-go.io/dockerfile-compliance': ['compliant', 'drifted', 'unknown', 'error'] },
    });
    expect(requests[1]).toMatchObject({ cursor: 'c1' });
    expect(COMPLIANCE_FILTER).toEqual(requests[0] && (requests[0] as { filter: unknown }).filter);
  });

  it('stops a cursor that never ends', async () => {
    const api = { queryEntities: async () => ({ items: [], totalItems: 0, pageInfo: { nextCursor: 'again' } }) };
    await expect(loadComplianceEntities(api as never)).rejects.toThrow(/more than/);
  });
});
