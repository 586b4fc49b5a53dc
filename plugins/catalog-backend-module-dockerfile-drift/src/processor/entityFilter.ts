/** Which entities the drift check applies to: the configured filter, then the per-entity opt-out. */
import type { Entity } from '@backstage/catalog-model';
import { ANNOTATION_CHECK } from '../annotations';
import type { EntityFilterConfig } from '../config/driftConfig';

const lower = (s: string) => s.toLocaleLowerCase('en-US');

export function isOptedOut(entity: Entity): boolean {
  const value = entity.metadata.annotations?.[ANNOTATION_CHECK];
  return typeof value === 'string' && lower(value.trim()) === 'disabled';
}

export function matchesFilter(entity: Entity, filter: EntityFilterConfig): boolean {
  if (!filter.kinds.some(k => lower(k) === lower(entity.kind))) return false;
  if (filter.types.length > 0) {
    const type = (entity.spec as { type?: unknown } | undefined)?.type;
    if (typeof type !== 'string' || !filter.types.some(t => lower(t) === lower(type))) return false;
  }
  const tags = entity.metadata.tags ?? [];
  if (!filter.tags.every(t => tags.includes(t))) return false;
  const annotations = entity.metadata.annotations ?? {};
  return filter.annotations.every(({ key, value }) =>
    value === undefined ? Object.prototype.hasOwnProperty.call(annotations, key) : annotations[key] === value,
  );
}

export function appliesTo(entity: Entity, filter: EntityFilterConfig): boolean {
  return matchesFilter(entity, filter) && !isOptedOut(entity);
}
