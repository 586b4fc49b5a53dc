/**
 * A budget of work for everything the model does with user text beyond parsing it:
 * variable expansion output and shell-pattern matching steps. BuildKit itself is not
 * bounded here (a few `${a/pattern/x}` references to a long value cost quadratic time), but
 * the checker runs inside a portal over every repository, so its work must stay linear in
 * the size of the file. A file that needs more is "too complex": GDS000, never a verdict.
 */

/**
 * Work units allowed per character of the file, on top of WORK_BUDGET_FLOOR.
 *
 * @public
 */
export const WORK_PER_INPUT_CHAR = 32;
/**
 * Every file gets at least this much (a small file with a legitimately long ARG value).
 *
 * @public
 */
export const WORK_BUDGET_FLOOR = 4_000_000;

/** @public */
export class WorkBudgetExceeded extends Error {
  constructor(readonly limit: number) {
    super(`variable expansion and pattern matching need more than ${limit} steps, the limit for a file of this size`);
    this.name = 'WorkBudgetExceeded';
  }
}

/** @public */
export class WorkBudget {
  private used = 0;

  constructor(readonly limit: number) {}

  /** The budget for a file of `inputChars` characters. */
  static forInput(inputChars: number): WorkBudget {
    return new WorkBudget(WORK_BUDGET_FLOOR + WORK_PER_INPUT_CHAR * inputChars);
  }

  /** Charges `units` of work; throws WorkBudgetExceeded once the total passes the limit. */
  charge(units: number): void {
    this.used += units;
    if (this.used > this.limit) throw new WorkBudgetExceeded(this.limit);
  }

  get spent(): number {
    return this.used;
  }
}
