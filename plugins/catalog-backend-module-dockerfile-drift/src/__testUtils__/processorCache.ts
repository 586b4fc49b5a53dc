/**
 * The catalog's per-entity processor cache semantics, for driving a processor over several
 * passes outside a catalog: a pass sees the state of the previous pass; if it sets any key,
 * only the keys it set survive (see ProcessorCacheManager in plugin-catalog-backend).
 * The end-to-end suite runs the real one.
 */
import type { JsonValue } from '@backstage/config';
import type { CatalogProcessorCache } from '@backstage/plugin-catalog-node';

export class PassCache {
  state: Record<string, JsonValue> | undefined;

  /** A cache for one pass; call commit() after the pass, as the catalog does. */
  pass(): CatalogProcessorCache & { commit(): void } {
    const existing = this.state;
    let written: Record<string, JsonValue> | undefined;
    return {
      get: async <T extends JsonValue>(key: string) => existing?.[key] as T | undefined,
      set: async <T extends JsonValue>(key: string, value: T) => {
        written = { ...(written ?? {}), [key]: JSON.parse(JSON.stringify(value)) };
      },
      commit: () => {
        this.state = written ?? existing;
      },
    };
  }
}
