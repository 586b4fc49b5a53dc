/**
 * Backstage configuration schema of `hardenedGo.limits`, read by readCheckLimits
 * (src/isolation/limits.ts), which validates the same keys strictly at runtime. See
 * docs/configuration.md.
 */
export interface Config {
  hardenedGo?: {
    /**
     * What checking one Dockerfile may cost: each file is checked in a worker thread that is
     * stopped past these limits (the file is then error / too-complex, never compliant).
     * Read by the drift processor, the harden action and the CLI. See docs/configuration.md.
     */
    limits?: {
      /**
       * Wall-clock time per file, from the moment a worker takes it: milliseconds, a duration
       * string ('2s', 'PT2S') or an object ({ seconds: 2 }); 100 ms to 10 minutes.
       * @default 2s
       */
      timeout?: number | string | { milliseconds?: number; seconds?: number; minutes?: number };
      /**
       * Heap of a worker thread in MB (V8 maxOldGenerationSizeMb), 32 to 16384.
       * @default 256
       */
      maxHeapMb?: number;
      /**
       * Worker threads per pool, 1 to 64.
       * @default 2
       */
      threads?: number;
    };
  };
}
