/**
 * A small pool of worker threads (Piscina) that checks and hardens Dockerfiles off the
 * caller's event loop, each file under a wall-clock limit and a heap limit. A file over
 * either limit is `error` with GDS000 and reason `too-complex`, never a verdict; its
 * worker is stopped and Piscina starts a fresh one. The drift processor, the harden action
 * and the CLI all check through this.
 */
import * as path from 'node:path';
import { Piscina } from 'piscina';
import { tooComplexResult } from '../check/check';
import type { CheckResult } from '../check/types';
import type { HardenContext, HardenResult } from '../fix/types';
import type { Policy } from '../policy/types';
import { DEFAULT_CHECK_LIMITS, type CheckLimits } from './limits';
import type { CheckTask, HardenOutcome, HardenTask, WorkerTask } from './worker';

export type { HardenOutcome } from './worker';

export interface CheckPool {
  readonly limits: CheckLimits;
  /** checkDockerfile in a worker; a file over the limits comes back `error` / `too-complex`. */
  check(input: string | Uint8Array, policy: Policy, options?: { now?: Date }): Promise<CheckResult>;
  /**
   * harden in a worker (and the unified diff of the rewrite when `diffPath` is given); a
   * file over the limits is refused with code `too-complex`.
   */
  harden(text: string, policy: Policy, context?: HardenContext, options?: { diffPath?: string }): Promise<HardenOutcome>;
  /** Stops the workers; pending tasks are rejected. */
  close(): Promise<void>;
}

/** The compiled worker module. Under Jest (sources run as .ts) it is the one `tsc -b` wrote to dist/. */
function workerFilename(): string {
  const dir = __filename.endsWith('.ts') ? path.resolve(__dirname, '..', '..', 'dist', 'isolation') : __dirname;
  return path.join(dir, 'worker.js');
}

/** A task ran out of time or memory (or its worker died): what the caller reports instead of a verdict. */
class LimitExceeded extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'LimitExceeded';
  }
}

export function createCheckPool(limits: CheckLimits = DEFAULT_CHECK_LIMITS): CheckPool {
  const pool = new Piscina({
    filename: workerFilename(),
    minThreads: 0,
    maxThreads: limits.threads,
    // idle workers exit: a portal checks files in bursts, one per changed Dockerfile
    idleTimeout: 30_000,
    resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb },
  });
  // A worker killed for its memory emits 'error' on the pool when no task is waiting on it.
  pool.on('error', () => undefined);

  async function run<R>(task: Omit<CheckTask, 'started'> | Omit<HardenTask, 'started'>): Promise<R> {
    const started = new Int32Array(new SharedArrayBuffer(4));
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    // the clock starts when a worker takes the task, not while it waits behind others
    const waiting = Atomics.waitAsync(started, 0, 0);
    const arm = () => {
      if (!settled) timer = setTimeout(() => controller.abort(), limits.timeoutMs);
    };
    if (waiting.async) void waiting.value.then(arm);
    else arm();
    try {
      return (await pool.run({ ...task, started } as WorkerTask, { signal: controller.signal })) as R;
    } catch (e) {
      if (controller.signal.aborted) throw new LimitExceeded(`checking it took longer than ${limits.timeoutMs} ms`);
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ERR_WORKER_OUT_OF_MEMORY') throw new LimitExceeded(`checking it needed more than ${limits.maxHeapMb} MB of memory`);
      throw e;
    } finally {
      settled = true;
      clearTimeout(timer);
      // wake a waiter whose task never started (rejected while queued), so nothing is left pending
      Atomics.store(started, 0, 1);
      Atomics.notify(started, 0);
    }
  }

  return {
    limits,
    async check(input, policy, options = {}) {
      try {
        return await run<CheckResult>({ kind: 'check', input, policy, now: options.now ?? new Date() });
      } catch (e) {
        if (e instanceof LimitExceeded) return tooComplexResult(policy.standardVersion, e.detail);
        throw e;
      }
    },
    async harden(text, policy, context = {}, options = {}) {
      const { now, ...rest } = context;
      try {
        return await run<HardenOutcome>({ kind: 'harden', text, policy, context: rest, now: now ?? new Date(), diffPath: options.diffPath });
      } catch (e) {
        if (!(e instanceof LimitExceeded)) throw e;
        const check = tooComplexResult(policy.standardVersion, e.detail);
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
    async close() {
      await pool.destroy();
    },
  };
}
