/**
 * What several rules work out from the same model (the final base's facts, the final stage's
 * normalized copies, the first go build per stage, which chains run `go mod ...`), worked out
 * once. Kept for the one model checked last, not in a WeakMap per model: a WeakMap entry per
 * model costs more than most rules do. checkDockerfile releases it once its rules have run;
 * another caller's last model stays referenced until the next model is asked about.
 * Models are read-only once built, so a remembered fact never goes stale.
 *
 * Each fact has its own slot (memoSlot), declared where it is computed: this file knows no rule.
 */
import type { DockerfileModel } from '../model/types';

/** One fact of type T, remembered per model. */
export interface MemoSlot<T> {
  readonly index: number;
  /** Only carries T for the type checker. */
  readonly type?: T;
}

let slots = 0;

/** A new slot; declare it once, at module level, beside the code that computes the fact. */
export function memoSlot<T>(): MemoSlot<T> {
  return { index: slots++ };
}

let lastModel: DockerfileModel | null = null;
let values: unknown[] = [];

/** The fact remembered for `model` in `slot`, or undefined. */
export function recall<T>(model: DockerfileModel, slot: MemoSlot<T>): T | undefined {
  if (lastModel !== model) {
    lastModel = model;
    values = [];
  }
  return values[slot.index] as T | undefined;
}

/** Remembers `value` for `model` in `slot`; returns it. */
export function remember<T>(model: DockerfileModel, slot: MemoSlot<T>, value: T): T {
  recall(model, slot);
  values[slot.index] = value;
  return value;
}

/** Drops every remembered fact (and with them the reference to the last model). */
export function releaseModelMemo(): void {
  lastModel = null;
  values = [];
}
