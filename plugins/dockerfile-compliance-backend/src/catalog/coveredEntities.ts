/**
 * The catalog as the history and the reminders read it: every entity the drift processor
 * covers (those with the compliance label), in pages, with the fields they need; and an
 * entity's owner as a normalised entity ref.
 */
import type { AuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { COMPLIANCE_STATUSES, LABEL_COMPLIANCE } from '@hardened-go/plugin-dockerfile-compliance-common';

const PAGE_SIZE = 500;
const FIELDS = ['kind', 'metadata.name', 'metadata.namespace', 'metadata.labels', 'metadata.annotations', 'spec.owner'];

/** Every entity carrying the compliance label, in pages, read with the plugin's own credentials. */
export async function coveredEntities(catalog: Pick<CatalogService, 'queryEntities'>, auth: AuthService): Promise<Entity[]> {
  const credentials = await auth.getOwnServiceCredentials();
  const items: Entity[] = [];
  let cursor: string | undefined;
  do {
    const page = cursor
      ? await catalog.queryEntities({ cursor, fields: FIELDS, limit: PAGE_SIZE }, { credentials })
      : await catalog.queryEntities({ filter: { [`metadata.labels.${LABEL_COMPLIANCE}`]: [...COMPLIANCE_STATUSES] }, fields: FIELDS, limit: PAGE_SIZE }, { credentials });
    items.push(...page.items);
    cursor = page.pageInfo.nextCursor;
  } while (cursor !== undefined);
  return items;
}

/** The owner as an entity ref (`group:default/payments`), '' when the entity names none or an unreadable one. */
export function ownerRefOf(entity: Entity): string {
  const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
  if (typeof owner !== 'string' || owner.trim() === '') return '';
  try {
    return stringifyEntityRef(parseEntityRef(owner, { defaultKind: 'group', defaultNamespace: entity.metadata.namespace ?? 'default' }));
  } catch {
    return '';
  }
}
