/**
 * The worker-thread side of the check pool (checkPool.ts, workerPool.ts). The pool starts its
 * threads on the module that creates the pool (checkPool.ts), whatever form the package takes
 * (TypeScript sources in this repository, the built dist/ once packed), and that module calls
 * serveTasksIfCheckWorker() when it loads in such a thread. Each message is
 * one check or one harden with the pure core, answered with `{ ok: true, json }` (results are
 * plain JSON data) or `{ ok: false, error }`. The pool stops the thread when it runs past its limits.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { DEFAULT_POLICY, checkDockerfile, type GoModRequirement } from '@hardened-go/plugin-dockerfile-compliance-common';
import type { CheckResult } from '@hardened-go/plugin-dockerfile-compliance-common';
import { harden } from '../fix/harden';
import type { HardenContext, HardenResult } from '../fix/types';
import { unifiedDiff } from '../fix/unifiedDiff';
import type { Policy } from '@hardened-go/plugin-dockerfile-compliance-common';

interface TaskBase {
  policy: Policy;
  now: Date;
}

export interface CheckTask extends TaskBase {
  kind: 'check';
  input: string | Uint8Array;
  /** go.mod of the build context (GDS018), as text or already read. */
  goMod?: string;
  goModRequirement?: GoModRequirement;
}

export interface HardenTask extends TaskBase {
  kind: 'harden';
  text: string;
  context: Omit<HardenContext, 'now'>;
  /** When set, the unified diff of the rewrite is made in the worker too, with this path in its headers. */
  diffPath?: string;
}

export type WorkerTask = CheckTask | HardenTask;

/** @public */
export interface HardenOutcome {
  result: HardenResult;
  /** The unified diff of a rewrite ('' when nothing changed or no diffPath was given). */
  diff: string;
}

export function runTask(task: WorkerTask): CheckResult | HardenOutcome {
  if (task.kind === 'check') {
    const { input, policy, now, goMod, goModRequirement } = task;
    return checkDockerfile(input, policy, { now, ...(goMod !== undefined ? { goMod } : {}), ...(goModRequirement !== undefined ? { goModRequirement } : {}) });
  }
  const result = harden(task.text, task.policy, { ...task.context, now: task.now });
  const changed = result.refused === undefined && result.text !== task.text;
  return { result, diff: changed && task.diffPath !== undefined ? unifiedDiff(task.text, result.text, task.diffPath) : '' };
}

/** A small drifted Go service: checking and hardening it runs most of the core's code once. */
const WARM_UP_DOCKERFILE = `FROM golang:1.22-alpine AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app
FROM alpine:3.20
COPY --from=build /out/app /usr/local/bin/app
ENTRYPOINT ["/usr/local/bin/app"]
`;

/**
 * One check and one harden before the worker says it is ready. A fresh worker's first file
 * otherwise also pays for compiling the core (~15-35 ms more for a check, ~35-110 ms for
 * a harden, measured in this repository), and the time limit is meant for the file, not for that.
 */
function warmUp(): void {
  const now = new Date();
  try {
    runTask({ kind: 'check', input: WARM_UP_DOCKERFILE, policy: DEFAULT_POLICY, now });
    runTask({ kind: 'harden', text: WARM_UP_DOCKERFILE, policy: DEFAULT_POLICY, context: {}, now, diffPath: 'Dockerfile' });
  } catch {
    // only a warm-up: a real task reports the same failure to its caller
  }
}

/** Marks a worker thread started by the check pool (its workerData). */
export const CHECK_WORKER_DATA = { hardenedGoCheckWorker: true } as const;

/** In a check-pool worker thread: answers tasks until the pool stops the thread. */
export function serveTasksIfCheckWorker(): void {
  if (isMainThread || !parentPort || workerData?.hardenedGoCheckWorker !== true) return;
  const port = parentPort;
  port.on('message', (task: WorkerTask) => {
    try {
      port.postMessage({ ok: true, json: JSON.stringify(runTask(task)) });
    } catch (e) {
      port.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
    }
  });
  warmUp();
  // loaded and warm: from now on the pool's clock may run for this worker's tasks
  port.postMessage({ ready: true });
}
