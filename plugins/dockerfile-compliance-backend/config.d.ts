export interface Config {
  hardenedGo?: {
    /**
     * Reminders through Backstage's notifications (the notifications backend must be
     * installed): the owner of a service that becomes drifted is told once per drifted
     * episode, and an owner whose drifted services break a rule with an enforceAfter day
     * within deadlineWarningDays is told once per deadline day. The first run records a
     * silent baseline. Off unless enabled.
     */
    notifications?: {
      /**
       * Default: false. true: the plugin keeps the reminders' state in its own tables and
       * schedules the reminder task.
       * @visibility backend
       */
      enabled?: boolean;
      /**
       * How many days before an enforceAfter deadline the owners of services breaking the
       * rule are reminded (1-365). Default: 14.
       * @visibility backend
       */
      deadlineWarningDays?: number;
      /**
       * When the reminder task runs (a Backstage scheduler schedule: frequency, timeout,
       * initialDelay). Default: every 30 minutes, timeout 10 minutes, first run 1 minute
       * after startup.
       * @visibility backend
       */
      schedule?: {
        frequency: { cron: string } | string | { days?: number; hours?: number; minutes?: number; seconds?: number };
        timeout: string | { days?: number; hours?: number; minutes?: number; seconds?: number };
        initialDelay?: string | { days?: number; hours?: number; minutes?: number; seconds?: number };
      };
    };
    /**
     * The hardening campaign (GET /api/dockerfile-compliance/pull-requests, read by
     * `hardened-go rollout apply` and the compliance view).
     */
    rollout?: {
      /** The harden template whose scaffolder tasks are the campaign. Default: template:default/harden-dockerfile. */
      templateRef?: string;
      /** At most this many of the newest scaffolder tasks are read per request (1-100000). Default: 5000. */
      maxTasks?: number;
      /** At most this many pull request states are asked of the Git host per request (1-10000). Default: 500. */
      maxStateReads?: number;
    };
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
