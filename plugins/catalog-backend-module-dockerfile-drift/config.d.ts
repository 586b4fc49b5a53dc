export interface Config {
  hardenedGo?: {
    /**
     * Settings of the Dockerfile drift catalog processor
     * (@hardened-go/plugin-catalog-backend-module-dockerfile-drift). The policy it checks
     * against is `hardenedGo.standard` (see @hardened-go/plugin-dockerfile-compliance-common).
     */
    catalog?: {
      /** Which entities are checked. An entity must match every criterion given. */
      filter?: {
        /** Entity kinds (case-insensitive). Default: ['Component']. */
        kinds?: string[];
        /** spec.type values (case-insensitive); an empty list means any type. Default: ['service']. */
        types?: string[];
        /** Tags the entity must all carry. Default: none. */
        tags?: string[];
        /** Annotations the entity must all carry, as `key` (present) or `key=value` (equal). Default: none. */
        annotations?: string[];
      };
      /**
       * Time limit of one Dockerfile read (request and body): milliseconds as a number, a
       * duration string ('10s', 'PT10S') or an object ({ seconds: 10 }). Default: 10 seconds.
       */
      readTimeout?: number | string | { milliseconds?: number; seconds?: number; minutes?: number };
      /** Findings listed per file in the hardened-go.io/dockerfile-findings annotation (1-100). Default: 20. */
      maxFindings?: number;
      /**
       * A Dockerfile checked more recently than this is re-emitted from the cache without any
       * request (1 s to 31 days; a duration like '1h' or { hours: 1 }). Default: unset, every
       * processing pass revalidates with one conditional request per file. With it set,
       * freshness relies on push events (GitHub, GitLab), a policy change or a refresh through
       * the plugin, which still force a check.
       */
      revalidateAfter?: number | string | { milliseconds?: number; seconds?: number; minutes?: number; hours?: number; days?: number };
    };
  };
}
