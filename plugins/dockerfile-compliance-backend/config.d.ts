export interface Config {
  hardenedGo?: {
    /**
     * The compliance history the dockerfile-compliance backend plugin keeps: one snapshot per
     * UTC day (services per owner and status, and per rule) in the plugin's own tables,
     * served at GET /api/dockerfile-compliance/history.
     */
    history?: {
      /** Default: true. false: no tables written, no task scheduled, /history answers 404. */
      enabled?: boolean;
      /** Days kept, today included (1-3650). Default: 400. */
      retentionDays?: number;
      /**
       * When the snapshot task runs (a Backstage scheduler schedule: frequency, timeout,
       * initialDelay). It writes only when today has no snapshot yet. Default: every hour,
       * timeout 10 minutes, first run 30 seconds after startup.
       */
      schedule?: {
        frequency: { cron: string } | string | { days?: number; hours?: number; minutes?: number; seconds?: number };
        timeout: string | { days?: number; hours?: number; minutes?: number; seconds?: number };
        initialDelay?: string | { days?: number; hours?: number; minutes?: number; seconds?: number };
      };
    };
  };
}
