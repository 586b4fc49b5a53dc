/**
 * The hardening campaign's progress as the view shows it, as pure functions over what
 * `GET /api/dockerfile-compliance/pull-requests` answers (HardeningProgress): the body read
 * defensively, indexed by service, and one display state per service ("PR open", "task
 * failed (error)", ...) with its chip label and the pull request's link.
 */
import {
  hardeningInFlight,
  type HardeningProgress,
  type HardeningTaskStatus,
  type HardeningTaskSummary,
  type PullRequestState,
  trimTrailing,
} from '@hardened-go/plugin-dockerfile-compliance-common';
import { safeHttpUrl } from './links';

/** What a service's latest hardening run shows, worst last. */
export const HARDENING_STATES = ['merged', 'open', 'queued', 'running', 'completed', 'cancelled', 'skipped', 'closed', 'unknown', 'failed'] as const;
export type HardeningState = (typeof HARDENING_STATES)[number];

export interface HardeningDisplay {
  entityRef: string;
  state: HardeningState;
  /** The state in a few words: "PR open", "PR state unknown (rate limited)", "task failed (boom)". */
  text: string;
  /** The chip's word: "Open", "Merged", "Failed". */
  label: string;
  /** The state as it ends the pull request link's accessible name: "open", "state unknown". */
  linkState: string;
  /** The pull request (http(s) only: the URL is data). */
  url?: string;
  /** Why the state is unknown, or why the task failed. */
  detail?: string;
  /** hardeningInFlight: a run that still stands (queued, running, or its PR open or unreadable). */
  inFlight: boolean;
  taskId: string;
  createdAt: string;
}

const TASK_STATUSES: readonly HardeningTaskStatus[] = ['open', 'processing', 'completed', 'failed', 'cancelled', 'skipped'];
const PR_STATES: readonly PullRequestState[] = ['open', 'merged', 'closed', 'unknown'];

/** A detail longer than this is cut (a scaffolder error can carry a whole log line). */
const MAX_DETAIL = 300;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function clip(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const oneLine = value.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_DETAIL ? `${oneLine.slice(0, MAX_DETAIL - 1)}…` : oneLine;
}

function readItem(value: unknown): HardeningTaskSummary | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const entityRef = text(v.entityRef);
  const taskId = text(v.taskId);
  const taskStatus = v.taskStatus as HardeningTaskStatus;
  if (entityRef === undefined || taskId === undefined || !TASK_STATUSES.includes(taskStatus)) return undefined;
  const item: HardeningTaskSummary = { entityRef: entityRef.toLocaleLowerCase('en-US'), taskId, taskStatus, createdAt: text(v.createdAt) ?? '' };
  const pr = v.pullRequest as Record<string, unknown> | undefined;
  if (typeof pr === 'object' && pr !== null && text(pr.url) !== undefined) {
    const state = PR_STATES.includes(pr.state as PullRequestState) ? (pr.state as PullRequestState) : 'unknown';
    item.pullRequest = { url: pr.url as string, state };
    const reason = text(pr.stateReason);
    if (reason !== undefined) item.pullRequest.stateReason = reason;
  }
  const error = text(v.error);
  if (error !== undefined) item.error = error;
  return item;
}

/**
 * The body of /pull-requests, read as data: items without a service, a task ID or a known
 * task status are dropped; a pull request state the view does not know is `unknown`.
 * Entity refs are compared in lower case, as the catalog compares them.
 */
export function readHardeningProgress(body: unknown): HardeningProgress {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const items = Array.isArray(b.items) ? b.items.flatMap(i => readItem(i) ?? []) : [];
  const progress: HardeningProgress = {
    templateRef: text(b.templateRef) ?? '',
    tasksLastHour: typeof b.tasksLastHour === 'number' && Number.isFinite(b.tasksLastHour) ? b.tasksLastHour : 0,
    items,
  };
  const oldest = text(b.oldestTaskLastHour);
  if (oldest !== undefined) progress.oldestTaskLastHour = oldest;
  return progress;
}

/** The display state of one service's latest run. */
export function hardeningDisplay(item: HardeningTaskSummary): HardeningDisplay {
  const base = { entityRef: item.entityRef, inFlight: hardeningInFlight(item), taskId: item.taskId, createdAt: item.createdAt };
  const pr = item.pullRequest;
  const url = safeHttpUrl(pr?.url);
  switch (item.taskStatus) {
    case 'open':
      return { ...base, state: 'queued', text: 'task queued', label: 'Queued', linkState: 'task queued' };
    case 'processing':
      return { ...base, state: 'running', text: 'task running', label: 'Running', linkState: 'task running' };
    case 'failed': {
      const detail = clip(item.error);
      return { ...base, state: 'failed', text: detail ? `task failed (${detail})` : 'task failed', label: 'Failed', linkState: 'task failed', ...(detail ? { detail } : {}) };
    }
    case 'cancelled':
      return { ...base, state: 'cancelled', text: 'task cancelled', label: 'Cancelled', linkState: 'task cancelled' };
    case 'skipped':
      return { ...base, state: 'skipped', text: 'task skipped', label: 'Skipped', linkState: 'task skipped' };
    default:
      break;
  }
  // completed
  if (!pr) return { ...base, state: 'completed', text: 'task completed, no pull request recorded', label: 'No PR', linkState: 'no pull request' };
  const withUrl = url ? { url } : {};
  switch (pr.state) {
    case 'open':
      return { ...base, ...withUrl, state: 'open', text: 'PR open', label: 'Open', linkState: 'open' };
    case 'merged':
      return { ...base, ...withUrl, state: 'merged', text: 'PR merged', label: 'Merged', linkState: 'merged' };
    case 'closed':
      return { ...base, ...withUrl, state: 'closed', text: 'PR closed', label: 'Closed', linkState: 'closed' };
    default: {
      const detail = clip(pr.stateReason);
      return {
        ...base,
        ...withUrl,
        state: 'unknown',
        text: detail ? `PR state unknown (${detail})` : 'PR state unknown',
        label: 'Unknown',
        linkState: 'state unknown',
        ...(detail ? { detail } : {}),
      };
    }
  }
}

/**
 * Each service's display state by entity ref (lower case). The backend sends one item per
 * service (its latest run); should two come, the newer one counts.
 */
export function hardeningByEntity(progress: HardeningProgress): Map<string, HardeningDisplay> {
  const latest = new Map<string, HardeningTaskSummary>();
  for (const item of progress.items) {
    const ref = item.entityRef.toLocaleLowerCase('en-US');
    const seen = latest.get(ref);
    if (!seen || item.createdAt > seen.createdAt) latest.set(ref, item);
  }
  return new Map([...latest].map(([ref, item]) => [ref, hardeningDisplay({ ...item, entityRef: ref })]));
}

/** A service's display state, or undefined when it has no hardening task. */
export function hardeningOf(byEntity: ReadonlyMap<string, HardeningDisplay> | undefined, entityRef: string): HardeningDisplay | undefined {
  return byEntity?.get(entityRef.toLocaleLowerCase('en-US'));
}

/** How many of these services are in each state (services without a task are not counted). */
export function hardeningCounts(entityRefs: Iterable<string>, byEntity: ReadonlyMap<string, HardeningDisplay>): Record<HardeningState, number> {
  const counts = Object.fromEntries(HARDENING_STATES.map(s => [s, 0])) as Record<HardeningState, number>;
  for (const ref of entityRefs) {
    const display = hardeningOf(byEntity, ref);
    if (display) counts[display.state] += 1;
  }
  return counts;
}

/** In the counts' sentence: the pull requests first, then the tasks without one. */
const COUNT_ORDER: ReadonlyArray<[HardeningState, string]> = [
  ['open', 'open'],
  ['merged', 'merged'],
  ['closed', 'closed'],
  ['unknown', 'state unknown'],
  ['queued', 'queued'],
  ['running', 'running'],
  ['failed', 'failed'],
  ['cancelled', 'cancelled'],
  ['skipped', 'skipped'],
  ['completed', 'without a pull request'],
];

/**
 * "2 open, 1 merged, 0 closed, 1 failed": open, merged and closed always, the other states
 * when some service is in them; undefined when no service has a task.
 */
export function hardeningCountsText(counts: Record<HardeningState, number>): string | undefined {
  if (HARDENING_STATES.every(s => counts[s] === 0)) return undefined;
  return COUNT_ORDER.filter(([s]) => s === 'open' || s === 'merged' || s === 'closed' || counts[s] > 0)
    .map(([s, words]) => `${counts[s]} ${words}`)
    .join(', ');
}

/** Sort key: ascending from merged (done) to failed (needs someone); no task sorts last. */
export function hardeningRank(display: HardeningDisplay | undefined): number | undefined {
  return display === undefined ? undefined : HARDENING_STATES.indexOf(display.state);
}

/** The scaffolder's page of a task (its log), where the harden template's runs are listed (Create > Tasks). */
export function scaffolderTaskPath(taskId: string, basePath = ''): string {
  return `${trimTrailing(basePath, '/')}/create/tasks/${encodeURIComponent(taskId)}`;
}
