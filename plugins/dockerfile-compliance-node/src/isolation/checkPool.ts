/**
 * Checks and hardens Dockerfiles off the caller's event loop: a small pool of worker threads
 * (workerPool.ts), each file under a wall-clock limit and a heap limit. A file over either
 * limit is `error` with GDS000 and reason `too-complex`, never a verdict; its worker is
 * stopped and replaced. The drift processor, the harden action and the CLI all check
 * through this.
 */
import { tooComplexResult } from '@hardened-go/plugin-dockerfile-compliance-common';
import type { CheckResult, GoModRequirement } from '@hardened-go/plugin-dockerfile-compliance-common';
import type { HardenContext, HardenResult } from '../fix/types';
import type { Policy } from '@hardened-go/plugin-dockerfile-compliance-common';
import { DEFAULT_CHECK_LIMITS, type CheckLimits } from './limits';
import { CHECK_WORKER_DATA, serveTasksIfCheckWorker, type CheckTask, type HardenOutcome, type HardenTask } from './worker';
import { TaskLimitExceeded, WorkerPool } from './workerPool';

export type { HardenOutcome } from './worker';

/** @public */
export interface CheckPool {
  readonly limits: CheckLimits;
  /** checkDockerfile in a worker (`goMod`: the build context's go.mod, for GDS018); a file over the limits comes back `error` / `too-complex`. */
  check(input: string | Uint8Array, policy: Policy, options?: { now?: Date; goMod?: string; goModRequirement?: GoModRequirement }): Promise<CheckResult>;
  /**
   * harden in a worker (and the unified diff of the rewrite when `diffPath` is given); a
   * file over the limits is refused with code `too-complex`.
   */
  harden(text: string, policy: Policy, context?: HardenContext, options?: { diffPath?: string }): Promise<HardenOutcome>;
  /** Stops the workers; pending tasks are rejected. */
  close(): Promise<void>;
}

/**
 * The threads run this very module (see serveTasksIfCheckWorker at the end): in the built
 * package a .cjs.js file; in this repository the TypeScript source, compiled on load by
 * Backstage's node transform (a development dependency, never needed once packed).
 */
function workerScript(): { filename: string; execArgv?: string[] } {
  if (!/\.tsx?$/.test(__filename)) return { filename: __filename };
  return { filename: __filename, execArgv: [...process.execArgv, '--require', require.resolve('@backstage/cli/config/nodeTransform.cjs')] };
}

function limitDetail(e: TaskLimitExceeded): string {
  return `checking ${e.message}`;
}

/** @public */
export function createCheckPool(limits: CheckLimits = DEFAULT_CHECK_LIMITS): CheckPool {
  // idle workers exit: a portal checks files in bursts, one per changed Dockerfile
  const pool = new WorkerPool({
    ...workerScript(),
    workerData: CHECK_WORKER_DATA,
    size: limits.threads,
    timeoutMs: limits.timeoutMs,
    maxHeapMb: limits.maxHeapMb,
    idleTimeoutMs: 30_000,
  });
  return {
    limits,
    async check(input, policy, options = {}) {
      const { goMod, goModRequirement } = options;
      const task: CheckTask = { kind: 'check', input, policy, now: options.now ?? new Date(), ...(goMod !== undefined ? { goMod } : {}), ...(goModRequirement !== undefined ? { goModRequirement } : {}) };
      try {
        return await pool.run<CheckResult>(task);
      } catch (e) {
        if (e instanceof TaskLimitExceeded) return tooComplexResult(policy.standardVersion, limitDetail(e));
        throw e;
      }
    },
    async harden(text, policy, context = {}, options = {}) {
      const { now, ...rest } = context;
      const task: HardenTask = { kind: 'harden', text, policy, context: rest, now: now ?? new Date(), diffPath: options.diffPath };
      try {
        return await pool.run<HardenOutcome>(task);
      } catch (e) {
        if (!(e instanceof TaskLimitExceeded)) throw e;
        const check = tooComplexResult(policy.standardVersion, limitDetail(e));
        const result: HardenResult = {
          text,
          fixed: [],
          remaining: check.findings,
          refused: `GDS000: ${check.findings[0]!.message}; nothing is rewritten`,
          refusalCode: 'too-complex',
          notes: [],
        };
        return { result, diff: '' };
      }
    },
    close: () => pool.close(),
  };
}

// Loaded in one of the pool's worker threads: serve its tasks.
serveTasksIfCheckWorker();
