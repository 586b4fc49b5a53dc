/**
 * Reads every entity the drift processor covers, through the catalog API and its label
 * filter, in pages (cursor pagination), asking only for the fields the page shows.
 */
import type { CatalogApi } from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import { COMPLIANCE_STATUSES, LABEL_COMPLIANCE } from '@hardened-go/plugin-dockerfile-compliance-common';

/** @public */
export const COMPLIANCE_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.labels',
  'metadata.annotations',
  'spec.owner',
  'spec.system',
  'spec.type',
];

/**
 * The catalog filter: every entity carrying the compliance label, whatever its value.
 *
 * @public
 */
export const COMPLIANCE_FILTER = { [`metadata.labels.${LABEL_COMPLIANCE}`]: [...COMPLIANCE_STATUSES] };

const PAGE_SIZE = 500;
/** A hard stop so a misbehaving cursor can never loop forever. */
const MAX_PAGES = 200;

/** @public */
export async function loadComplianceEntities(catalogApi: Pick<CatalogApi, 'queryEntities'>): Promise<Entity[]> {
  const items: Entity[] = [];
  let response = await catalogApi.queryEntities({
    filter: COMPLIANCE_FILTER,
    fields: COMPLIANCE_FIELDS,
    limit: PAGE_SIZE,
    orderFields: { field: 'metadata.name', order: 'asc' },
  });
  items.push(...response.items);
  for (let page = 1; response.pageInfo.nextCursor !== undefined; page++) {
    if (page >= MAX_PAGES) throw new Error(`the catalog returned more than ${MAX_PAGES * PAGE_SIZE} covered entities`);
    response = await catalogApi.queryEntities({ cursor: response.pageInfo.nextCursor, fields: COMPLIANCE_FIELDS, limit: PAGE_SIZE });
    items.push(...response.items);
  }
  return items;
}
