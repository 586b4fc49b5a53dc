/**
 * A fixed-size pool of worker threads that runs one task per worker at a time, each under a
 * wall-clock limit (counted from the moment a started worker takes the task: neither the
 * wait in the queue nor the worker's own start-up is charged) and a heap limit (V8
 * resourceLimits). A worker that overruns either is
 * terminated and replaced; its task fails with TaskLimitExceeded; the queue goes on.
 *
 * Why not Piscina: with aborted tasks its scheduler left queued tasks waiting forever
 * (reproduced here: two concurrent aborts with `minThreads: 0` and five tasks queued; see
 * piscinajs/piscina#805 for the same class of bug), and a stuck queue is exactly what must
 * never happen inside a portal. What is needed is small enough to own: no task sharing, no
 * cancellation API, one timer per running task.
 */
import { Worker } from 'node:worker_threads';

export class TaskLimitExceeded extends Error {
  constructor(
    readonly limit: 'time' | 'memory',
    message: string,
  ) {
    super(message);
    this.name = 'TaskLimitExceeded';
  }
}

export interface WorkerPoolOptions {
  /** Passed to each worker (the script tells its pool's threads apart by it). */
  workerData?: unknown;
  /** Node.js options of each worker, e.g. a `--require` hook that compiles TypeScript. */
  execArgv?: string[];
  /**
   * The worker script: it posts `{ ready: true }` once loaded, then answers each message with
   * `{ ok: true, json }` (the result as JSON text) or `{ ok: false, error }`.
   */
  filename: string;
  size: number;
  timeoutMs: number;
  maxHeapMb: number;
  /** An idle worker exits after this long (it is started again when needed). */
  idleTimeoutMs?: number;
}

interface Task {
  payload: unknown;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker | null;
  /** The worker has loaded its script and takes tasks. */
  ready: boolean;
  task: Task | null;
  timer?: NodeJS.Timeout;
  idleTimer?: NodeJS.Timeout;
}

type Reply = { ready: true } | { ok: true; json: string } | { ok: false; error: string };

export class WorkerPool {
  private readonly slots: Slot[];
  private readonly queue: Task[] = [];
  private closed = false;

  constructor(private readonly options: WorkerPoolOptions) {
    this.slots = Array.from({ length: options.size }, () => ({ worker: null, ready: false, task: null }));
  }

  run<R>(payload: unknown): Promise<R> {
    if (this.closed) return Promise.reject(new Error('the worker pool is closed'));
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ payload, resolve: resolve as (value: unknown) => void, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new Error('the worker pool was closed'));
    await Promise.all(
      this.slots.map(async (slot) => {
        const { worker, task } = slot;
        this.release(slot);
        task?.reject(new Error('the worker pool was closed'));
        await worker?.terminate();
      }),
    );
  }

  private dispatch(): void {
    let starting = this.slots.filter((s) => s.worker && !s.ready).length;
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.task) continue;
      if (!slot.worker) {
        // start as many workers as there are queued tasks not yet covered by starting ones
        if (starting < this.queue.length) {
          this.start(slot);
          starting++;
        }
        continue;
      }
      if (!slot.ready) continue;
      const worker = slot.worker;
      const task = this.queue.shift()!;
      slot.task = task;
      clearTimeout(slot.idleTimer);
      worker.ref();
      slot.timer = setTimeout(() => this.fail(slot, worker, new TaskLimitExceeded('time', `it took longer than ${this.options.timeoutMs} ms`)), this.options.timeoutMs);
      worker.postMessage(task.payload);
    }
  }

  private start(slot: Slot): Worker {
    const worker = new Worker(this.options.filename, {
      workerData: this.options.workerData,
      ...(this.options.execArgv ? { execArgv: this.options.execArgv } : {}),
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb },
    });
    slot.worker = worker;
    slot.ready = false;
    worker.on('message', (reply: Reply) => {
      if (slot.worker !== worker) return;
      if ('ready' in reply) {
        slot.ready = true;
        this.idle(slot, worker);
        this.dispatch();
        return;
      }
      if (!slot.task) return;
      const task = slot.task;
      clearTimeout(slot.timer);
      slot.task = null;
      this.idle(slot, worker);
      // Results travel as JSON text and are parsed here, so they are built in the caller's realm:
      // a structured-clone copy belongs to Node's main context, and under Jest (a vm context) its
      // arrays fail checks like the scaffolder templating's `getPrototypeOf(a) === Array.prototype`.
      if (reply.ok) task.resolve(JSON.parse(reply.json));
      else task.reject(new Error(reply.error));
      this.dispatch();
    });
    worker.on('error', (error: NodeJS.ErrnoException) => {
      const limit = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.fail(slot, worker, limit ? new TaskLimitExceeded('memory', `it needed more than ${this.options.maxHeapMb} MB of memory`) : error);
    });
    worker.on('exit', (code) => {
      if (slot.worker === worker) this.fail(slot, worker, new Error(`the worker thread exited with code ${code}`));
    });
    return worker;
  }

  /**
   * The running task fails; the worker is stopped and forgotten (a new one starts for the next
   * task). A worker that dies before it is ready fails the first queued task instead, so a
   * broken worker script is reported to a caller rather than restarted in a loop.
   */
  private fail(slot: Slot, worker: Worker, error: Error): void {
    if (slot.worker !== worker) return;
    const task = slot.task ?? (slot.ready ? null : (this.queue.shift() ?? null));
    this.release(slot);
    void worker.terminate();
    task?.reject(error);
    this.dispatch();
  }

  private release(slot: Slot): void {
    clearTimeout(slot.timer);
    clearTimeout(slot.idleTimer);
    slot.worker = null;
    slot.ready = false;
    slot.task = null;
  }

  private idle(slot: Slot, worker: Worker): void {
    // an idle worker never keeps the process alive, and exits after a while
    worker.unref();
    if (this.options.idleTimeoutMs !== undefined) {
      slot.idleTimer = setTimeout(() => {
        if (slot.worker === worker && !slot.task) {
          this.release(slot);
          void worker.terminate();
        }
      }, this.options.idleTimeoutMs);
      slot.idleTimer.unref();
    }
  }
}
