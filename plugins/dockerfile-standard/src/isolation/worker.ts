/**
 * The worker-thread side of the check pool (checkPool.ts): runs one check or one harden
 * with the pure core. It first signals the main thread that it started, so the wall-clock
 * limit counts the file's own time, not its wait in the queue.
 */
import { checkDockerfile } from '../check/check';
import type { CheckResult } from '../check/types';
import { harden } from '../fix/harden';
import type { HardenContext, HardenResult } from '../fix/types';
import { unifiedDiff } from '../fix/unifiedDiff';
import type { Policy } from '../policy/types';

interface TaskBase {
  /** Int32Array over a SharedArrayBuffer: set to 1 when the worker starts the task. */
  started: Int32Array;
  policy: Policy;
  now: Date;
}

export interface CheckTask extends TaskBase {
  kind: 'check';
  input: string | Uint8Array;
}

export interface HardenTask extends TaskBase {
  kind: 'harden';
  text: string;
  context: Omit<HardenContext, 'now'>;
  /** When set, the unified diff of the rewrite is made in the worker too, with this path in its headers. */
  diffPath?: string;
}

export type WorkerTask = CheckTask | HardenTask;

export interface HardenOutcome {
  result: HardenResult;
  /** The unified diff of a rewrite ('' when nothing changed or no diffPath was given). */
  diff: string;
}

export default function runTask(task: WorkerTask): CheckResult | HardenOutcome {
  Atomics.store(task.started, 0, 1);
  Atomics.notify(task.started, 0);
  if (task.kind === 'check') return checkDockerfile(task.input, task.policy, { now: task.now });
  const result = harden(task.text, task.policy, { ...task.context, now: task.now });
  const changed = result.refused === undefined && result.text !== task.text;
  return { result, diff: changed && task.diffPath !== undefined ? unifiedDiff(task.text, result.text, task.diffPath) : '' };
}
