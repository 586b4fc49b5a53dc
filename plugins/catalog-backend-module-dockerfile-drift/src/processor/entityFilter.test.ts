import type { Entity } from '@backstage/catalog-model';
import { DEFAULT_DRIFT_CONFIG } from '../config/driftConfig';
import { appliesTo, isOptedOut, matchesFilter } from './entityFilter';

function make(kind: string, type: unknown, extra: Partial<Entity['metadata']> = {}): Entity {
  return { apiVersion: 'backstage.io/v1alpha1', kind, metadata: { name: 'x', ...extra }, spec: type === undefined ? {} : { type } };
}
const defaults = DEFAULT_DRIFT_CONFIG.filter;

describe('entity filter', () => {
  it('checks Component of type service by default, case-insensitively', () => {
    expect(appliesTo(make('Component', 'service'), defaults)).toBe(true);
    expect(appliesTo(make('component', 'Service'), defaults)).toBe(true);
    expect(appliesTo(make('Component', 'website'), defaults)).toBe(false);
    expect(appliesTo(make('Component', undefined), defaults)).toBe(false);
    expect(appliesTo(make('Component', 42), defaults)).toBe(false);
    expect(appliesTo(make('Resource', 'service'), defaults)).toBe(false);
    expect(appliesTo(make('Location', undefined), defaults)).toBe(false);
  });

  it('honours the opt-out annotation', () => {
    const out = make('Component', 'service', { annotations: { 'hardened-go.io/dockerfile-check': ' Disabled ' } });
    expect(isOptedOut(out)).toBe(true);
    expect(appliesTo(out, defaults)).toBe(false);
    expect(appliesTo(make('Component', 'service', { annotations: { 'hardened-go.io/dockerfile-check': 'enabled' } }), defaults)).toBe(true);
  });

  it('requires every configured tag and annotation', () => {
    const filter = { ...defaults, types: [], tags: ['go', 'prod'], annotations: [{ key: 'github.com/project-slug' }, { key: 'tier', value: '1' }] };
    const full = make('Component', 'library', { tags: ['go', 'prod', 'x'], annotations: { 'github.com/project-slug': 'a/b', tier: '1' } });
    expect(matchesFilter(full, filter)).toBe(true);
    expect(matchesFilter({ ...full, metadata: { ...full.metadata, tags: ['go'] } }, filter)).toBe(false);
    expect(matchesFilter({ ...full, metadata: { ...full.metadata, annotations: { 'github.com/project-slug': 'a/b', tier: '2' } } }, filter)).toBe(false);
    expect(matchesFilter({ ...full, metadata: { ...full.metadata, annotations: { tier: '1' } } }, filter)).toBe(false);
  });
});
