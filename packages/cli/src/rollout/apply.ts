/**
 * `hardened-go rollout apply`: the hardening campaign. Each pull request is one scaffolder
 * task of the harden template, submitted through the portal's scaffolder API with the
 * caller's token, so each has the task log, the permissions and the audit trail the portal
 * gives. What the campaign already did is read back from the portal each run (the
 * dockerfile-compliance plugin's /pull-requests: the latest task per service and its pull
 * request's state), so a rerun resumes where the last one stopped and never opens a second
 * pull request for a service with one open. The harden template pushes to one branch per
 * service with `update: true`, and a Git host keeps one open pull request per branch: two runs
 * at once update one pull request, they cannot open two.
 */
import { hardeningInFlight, mapLimited, type HardeningTaskSummary } from '@hardened-go/plugin-dockerfile-compliance-common';
import type { PlannedFile } from './plan';
import type { PortalClient, TaskEvent } from './portalClient';

export type ApplyOutcome =
  | 'would-open'
  | 'opened'
  | 'already-open'
  | 'in-progress'
  | 'declined'
  | 'refused'
  | 'nothing-to-fix'
  | 'failed'
  | 'gone'
  | 'deferred';

export interface ServiceToApply {
  entityRef: string;
  owner: string;
  /** The drifted files with the fixer's preview (absent when not previewed). */
  files: PlannedFile[];
}

export interface ServiceResult {
  entityRef: string;
  owner: string;
  outcome: ApplyOutcome;
  /** The pull request (opened, already open, declined). */
  url?: string;
  taskId?: string;
  /** Why: the fixer's refusal, the task's error, the limit that deferred it. */
  reason?: string;
}

export interface ApplyReport {
  dryRun: boolean;
  templateRef: string;
  limits: { concurrency: number; perHour: number };
  /** Tasks of the template the portal had started in the hour before this run. */
  tasksLastHourBefore: number;
  results: ServiceResult[];
  totals: Partial<Record<ApplyOutcome, number>>;
  /** Set when the run stopped submitting early (the per-hour limit, the Git host's rate limit). */
  stopped?: { reason: string; resumeAfter: string };
}

export interface ApplyOptions {
  client: PortalClient;
  templateRef: string;
  services: readonly ServiceToApply[];
  yes: boolean;
  concurrency: number;
  perHour: number;
  /** Passed to the template as `branchName` (else the template's default). */
  branchName?: string;
  /** Open a new pull request for a service whose last one was closed without merging. */
  reopenClosed: boolean;
  pollMs: number;
  /** A task still running after this is reported in-progress (the next run sees it). */
  taskTimeoutMs: number;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  /** Each result as it is known, with how many are known so far. */
  onResult?: (result: ServiceResult, done: number, total: number) => void;
}

const RATE_LIMITED = /rate limit|secondary rate|\b429\b|too many requests/i;
const TERMINAL = new Set(['completed', 'failed', 'cancelled', 'skipped']);

/** Why the fixer will not open a pull request for the service, or undefined when it may. */
function previewVerdict(files: readonly PlannedFile[]): { outcome: 'refused' | 'nothing-to-fix'; reason: string } | undefined {
  const fixes = files.map((f) => f.fix).filter((f): f is NonNullable<PlannedFile['fix']> => f !== undefined);
  if (fixes.length === 0 || fixes.some((f) => f.outcome === 'fixed' || f.outcome === 'unavailable')) return undefined;
  const refused = files.filter((f) => f.fix?.outcome === 'refused');
  if (refused.length > 0) {
    return { outcome: 'refused', reason: refused.map((f) => `${f.path}: ${f.fix!.outcome === 'refused' ? f.fix!.reason : ''}`).join('; ') };
  }
  return { outcome: 'nothing-to-fix', reason: 'the current Dockerfile already meets the policy (changed since the catalog checked it)' };
}

/** The result for a service the portal says is already being handled, or undefined. */
function alreadyHandled(service: ServiceToApply, latest: HardeningTaskSummary | undefined, reopenClosed: boolean): ServiceResult | undefined {
  if (!latest) return undefined;
  const base = { entityRef: service.entityRef, owner: service.owner, taskId: latest.taskId };
  if (hardeningInFlight(latest)) {
    return latest.pullRequest
      ? { ...base, outcome: 'already-open', url: latest.pullRequest.url, ...(latest.pullRequest.state === 'unknown' ? { reason: `state not known: ${latest.pullRequest.stateReason ?? ''}` } : {}) }
      : { ...base, outcome: 'in-progress', reason: `task ${latest.taskStatus}` };
  }
  if (latest.pullRequest?.state === 'closed' && !reopenClosed) {
    return { ...base, outcome: 'declined', url: latest.pullRequest.url, reason: 'its hardening pull request was closed without merging (--reopen-closed opens a new one)' };
  }
  return undefined;
}

function completionOf(events: readonly TaskEvent[]): TaskEvent | undefined {
  return events.filter((e) => e.type === 'completion').pop();
}

function pullRequestUrlOf(output: Record<string, unknown> | undefined): string | undefined {
  const url = output?.pullRequestUrl;
  return typeof url === 'string' && url !== '' ? url : undefined;
}

export async function applyCampaign(options: ApplyOptions): Promise<ApplyReport> {
  const { client, services } = options;
  const progress = services.length > 0 ? await client.progress(services.map((s) => s.entityRef)) : { templateRef: options.templateRef, tasksLastHour: 0, items: [] };
  const latest = new Map(progress.items.map((item) => [item.entityRef, item]));
  const results: ServiceResult[] = new Array(services.length);
  let done = 0;
  const record = (i: number, result: ServiceResult) => {
    results[i] = result;
    options.onResult?.(result, ++done, services.length);
  };

  const candidates: number[] = [];
  services.forEach((service, i) => {
    const handled = alreadyHandled(service, latest.get(service.entityRef), options.reopenClosed);
    if (handled) return record(i, handled);
    const verdict = previewVerdict(service.files);
    if (verdict) return record(i, { entityRef: service.entityRef, owner: service.owner, ...verdict });
    candidates.push(i);
  });

  const report: ApplyReport = {
    dryRun: !options.yes,
    templateRef: options.templateRef,
    limits: { concurrency: options.concurrency, perHour: options.perHour },
    tasksLastHourBefore: progress.tasksLastHour,
    results,
    totals: {},
  };
  if (!options.yes) {
    for (const i of candidates) record(i, { entityRef: services[i]!.entityRef, owner: services[i]!.owner, outcome: 'would-open' });
    return finish(report);
  }

  let budget = Math.max(0, options.perHour - progress.tasksLastHour);
  const hourAfter = (iso: string | undefined) => new Date((iso ? Date.parse(iso) : options.now().getTime()) + 3600_000).toISOString();
  if (budget < candidates.length) {
    report.stopped = {
      reason: `the per-hour limit (--per-hour ${options.perHour}; ${progress.tasksLastHour} task(s) of the template started in the last hour)`,
      resumeAfter: hourAfter(progress.oldestTaskLastHour),
    };
  }
  let rateLimited: { reason: string; resumeAfter: string } | undefined;

  await mapLimited(candidates, options.concurrency, async (i) => {
    const service = services[i]!;
    const base = { entityRef: service.entityRef, owner: service.owner };
    if (rateLimited) return record(i, { ...base, outcome: 'deferred', reason: rateLimited.reason });
    if (budget <= 0) return record(i, { ...base, outcome: 'deferred', reason: report.stopped!.reason });
    budget--;
    // the catalog may have dropped it since the list was read
    if (!(await client.entityExists(service.entityRef))) return record(i, { ...base, outcome: 'gone', reason: 'no longer in the catalog' });
    const values: Record<string, unknown> = { entity: service.entityRef, ...(options.branchName ? { branchName: options.branchName } : {}) };
    let taskId: string;
    try {
      taskId = await client.createTask(options.templateRef, values);
    } catch (e) {
      return record(i, { ...base, outcome: 'failed', reason: `the scaffolder did not take the task: ${(e as Error).message}` });
    }
    const result = await followTask(options, taskId);
    if (result.outcome === 'failed' && RATE_LIMITED.test(result.reason ?? '') && !rateLimited) {
      rateLimited = { reason: `the Git host is rate limiting (${(result.reason ?? '').slice(0, 200)})`, resumeAfter: hourAfter(undefined) };
      report.stopped = rateLimited;
    }
    return record(i, { ...base, taskId, ...result });
  });
  return finish(report);
}

/** Polls a task to its end (or the timeout) and reads its pull request or its error. */
async function followTask(options: ApplyOptions, taskId: string): Promise<Pick<ServiceResult, 'outcome' | 'url' | 'reason'>> {
  const deadline = options.now().getTime() + options.taskTimeoutMs;
  let status = '';
  for (;;) {
    status = (await options.client.task(taskId)).status;
    if (TERMINAL.has(status) || options.now().getTime() >= deadline) break;
    await options.sleep(options.pollMs);
  }
  if (!TERMINAL.has(status)) return { outcome: 'in-progress', reason: `task still ${status} after ${Math.round(options.taskTimeoutMs / 1000)} s; the next run sees how it ended` };
  const completion = completionOf(await options.client.events(taskId));
  if (status === 'completed') {
    const url = pullRequestUrlOf(completion?.body?.output);
    return url ? { outcome: 'opened', url } : { outcome: 'failed', reason: 'the task completed without a pull request URL in its output (is it the harden template?)' };
  }
  const message = completion?.body?.error?.message ?? completion?.body?.message ?? `task ${status}`;
  return { outcome: 'failed', reason: String(message).slice(0, 500) };
}

function finish(report: ApplyReport): ApplyReport {
  for (const r of report.results) report.totals[r.outcome] = (report.totals[r.outcome] ?? 0) + 1;
  return report;
}
