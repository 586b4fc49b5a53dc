/**
 * The progress of the hardening campaign, as the dockerfile-compliance backend serves it
 * (`GET /api/dockerfile-compliance/pull-requests`) to `hardened-go rollout apply` and the
 * compliance view: per service, the latest run of the harden template (a scaffolder task)
 * and the state of the pull request it opened, as the Git host reports it.
 */

/**
 * The scaffolder's task states (`open` is queued).
 *
 * @public
 */
export type HardeningTaskStatus = 'open' | 'processing' | 'completed' | 'failed' | 'cancelled' | 'skipped';

/**
 * The pull request's state on the Git host; `unknown` when it could not be read (the reason says why).
 *
 * @public
 */
export type PullRequestState = 'open' | 'merged' | 'closed' | 'unknown';

/**
 * A hardening pull request and its state on the Git host.
 *
 * @public
 */
export interface HardeningPullRequest {
  /** The pull request's web URL, from the task's output. */
  url: string;
  /** Its state as the Git host reported it (cached). */
  state: PullRequestState;
  /** Why the state is unknown (no integration for the host, rate limited until a time, ...). */
  stateReason?: string;
}

/**
 * The latest run of the harden template for one service.
 *
 * @public
 */
export interface HardeningTaskSummary {
  /** The service, normalised: `component:default/orders`. */
  entityRef: string;
  /** The scaffolder task's id (its log is in the scaffolder's task list). */
  taskId: string;
  /** The scaffolder task's status. */
  taskStatus: HardeningTaskStatus;
  /** ISO time the task was created. */
  createdAt: string;
  /** The pull request of a completed task. */
  pullRequest?: HardeningPullRequest;
  /** Why a failed task failed (the scaffolder's error message). */
  error?: string;
}

/**
 * The campaign's progress, as GET /api/dockerfile-compliance/pull-requests answers it.
 *
 * @public
 */
export interface HardeningProgress {
  /** The harden template the tasks ran (`hardenedGo.rollout.templateRef`). */
  templateRef: string;
  /** Tasks of that template created in the last hour: what a per-hour rate limit counts. */
  tasksLastHour: number;
  /** When the oldest of those started (ISO): a per-hour budget frees one task an hour after it. */
  oldestTaskLastHour?: string;
  /** The latest task per service, newest first. */
  items: HardeningTaskSummary[];
}

/**
 * Whether a service's latest hardening run still stands: queued or running, or its pull
 * request is open (or its state cannot be read, which must not open a second one). After a
 * failure, a cancellation or a merged pull request a new run may be due; a closed (declined)
 * pull request is the owner's answer, which `rollout apply` respects unless told otherwise.
 *
 * @public
 */
export function hardeningInFlight(item: HardeningTaskSummary): boolean {
  if (item.taskStatus === 'open' || item.taskStatus === 'processing') return true;
  if (item.taskStatus !== 'completed' || !item.pullRequest) return false;
  return item.pullRequest.state === 'open' || item.pullRequest.state === 'unknown';
}
