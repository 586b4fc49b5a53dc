/**
 * The latest run of the harden template per service, read from the scaffolder's own task list
 * (newest first, bounded): what the campaign has done so far, without a table of our own.
 */
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { HardeningTaskStatus, HardeningTaskSummary } from '@hardened-go/plugin-dockerfile-compliance-common';

/** A task as `GET /api/scaffolder/v2/tasks` serialises it (the fields read here). */
export interface ScaffolderTask {
  id: string;
  status: string;
  createdAt: string;
  spec?: { templateInfo?: { entityRef?: string }; parameters?: Record<string, unknown> };
}

/** A task event as `GET /api/scaffolder/v2/tasks/{id}/events` returns it. */
export interface ScaffolderTaskEvent {
  type: string;
  body?: { output?: Record<string, unknown>; error?: { message?: string }; message?: string };
}

/** What this module needs of the scaffolder's API. */
export interface ScaffolderTasksClient {
  /** One page of tasks, newest first. */
  listTasks(offset: number, limit: number): Promise<ScaffolderTask[]>;
  events(taskId: string): Promise<ScaffolderTaskEvent[]>;
}

const STATUSES: readonly HardeningTaskStatus[] = ['open', 'processing', 'completed', 'failed', 'cancelled', 'skipped'];
const PAGE = 100;

/** `component:default/orders` for what the template's entity parameter held; undefined when it is not a reference. */
function serviceRef(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > 512) return undefined;
  try {
    return stringifyEntityRef(parseEntityRef(value, { defaultKind: 'component', defaultNamespace: 'default' }));
  } catch {
    return undefined;
  }
}

/** The pull request URL a completed task's output carries: `pullRequestUrl`, else the `Pull request` link. */
export function pullRequestUrlOf(output: Record<string, unknown> | undefined): string | undefined {
  const direct = output?.pullRequestUrl;
  if (typeof direct === 'string' && /^https?:\/\//.test(direct)) return direct;
  const links = Array.isArray(output?.links) ? (output!.links as Array<{ title?: unknown; url?: unknown }>) : [];
  const link = links.find((l) => l && l.title === 'Pull request' && typeof l.url === 'string' && /^https?:\/\//.test(l.url));
  return link?.url as string | undefined;
}

export interface LatestTasksOptions {
  templateRef: string;
  /** At most this many tasks are read (the newest): the campaign's window. */
  maxTasks: number;
  now: Date;
}

/** The newest task of `templateRef` per service, and how many of its tasks started in the last hour. */
export async function latestHardeningTasks(
  client: ScaffolderTasksClient,
  options: LatestTasksOptions,
): Promise<{ latest: Map<string, { task: ScaffolderTask; status: HardeningTaskStatus }>; tasksLastHour: number; oldestTaskLastHour?: string }> {
  const latest = new Map<string, { task: ScaffolderTask; status: HardeningTaskStatus }>();
  const hourAgo = options.now.getTime() - 3600_000;
  let tasksLastHour = 0;
  let oldestTaskLastHour: string | undefined;
  for (let offset = 0; offset < options.maxTasks; offset += PAGE) {
    const page = await client.listTasks(offset, Math.min(PAGE, options.maxTasks - offset));
    for (const task of page) {
      if (task.spec?.templateInfo?.entityRef !== options.templateRef) continue;
      if (Date.parse(task.createdAt) >= hourAgo) {
        tasksLastHour++;
        // newest first: the last one counted is the oldest
        oldestTaskLastHour = task.createdAt;
      }
      const ref = serviceRef(task.spec?.parameters?.entity);
      const status = STATUSES.find((s) => s === task.status);
      if (ref === undefined || status === undefined || latest.has(ref)) continue;
      latest.set(ref, { task, status });
    }
    if (page.length < PAGE) break;
  }
  return { latest, tasksLastHour, ...(oldestTaskLastHour === undefined ? {} : { oldestTaskLastHour }) };
}

/** A summary of one task: its pull request URL or its error, from its completion event. */
export async function summarise(client: ScaffolderTasksClient, entityRef: string, task: ScaffolderTask, status: HardeningTaskStatus): Promise<HardeningTaskSummary> {
  const summary: HardeningTaskSummary = { entityRef, taskId: task.id, taskStatus: status, createdAt: task.createdAt };
  if (status !== 'completed' && status !== 'failed') return summary;
  const completion = (await client.events(task.id)).filter((e) => e.type === 'completion').pop();
  if (status === 'failed') {
    const message = completion?.body?.error?.message ?? completion?.body?.message;
    if (typeof message === 'string') summary.error = message.slice(0, 2000);
    return summary;
  }
  const url = pullRequestUrlOf(completion?.body?.output);
  if (url !== undefined) summary.pullRequest = { url, state: 'unknown', stateReason: 'not read yet' };
  return summary;
}
