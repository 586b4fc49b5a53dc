/** The model's one error type, and the expansion context every part of the model shares. */
import type { Instruction, ParsedDockerfile } from '../parser/types';
import { ExpansionError, expand, expandToString, isPlainWord, type ExpandResult, type VarLookup } from './expand';
import { lookupOf } from './scope';
import type { Vars } from './types';
import { WorkBudget } from './workBudget';

/**
 * Something BuildKit would refuse (instruction before FROM, bad substitution, ...) or a bound we hit.
 *
 * @public
 */
export class ModelError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly endLine: number,
    /** true for depth/size bounds on expansion rather than a syntax problem. */
    readonly pathological = false,
  ) {
    super(message);
    this.name = 'ModelError';
  }
}

/** An ExpansionError (or work-budget bound) raised for `ins`, as the ModelError naming its line. */
export function asModelError(e: unknown, ins: Instruction): unknown {
  if (e instanceof ExpansionError) return new ModelError(`${ins.keyword} on line ${ins.line}: ${e.message}`, ins.line, ins.endLine, e.pathological);
  return e;
}

/**
 * What every part of the model shares for one file: one work budget for every expansion and
 * shell parse (now and when rules ask later), so the whole file's work stays linear in its size.
 */
export interface ModelContext {
  readonly parsed: ParsedDockerfile;
  readonly budget: WorkBudget;
  /** Expands one word of `ins` like BuildKit; a bad substitution is the ModelError of `ins`. */
  expandWith(lookup: VarLookup, word: string, ins: Instruction): ExpandResult;
  /** expandWith(...).result, without building the result object (the common case). */
  expandString(lookup: VarLookup, word: string, ins: Instruction): string;
  /** expandString with the ENV/ARG lookup of `vars`, made only for a word that has something to expand. */
  expandIn(vars: Vars, word: string, ins: Instruction): string;
}

export function modelContext(parsed: ParsedDockerfile): ModelContext {
  const budget = WorkBudget.forInput(inputSize(parsed));
  const escapeChar = parsed.escapeChar;
  const options = { escapeChar, budget };
  const expandString = (lookup: VarLookup, word: string, ins: Instruction): string => {
    try {
      return expandToString(word, lookup, escapeChar, false, budget);
    } catch (e) {
      throw asModelError(e, ins);
    }
  };
  return {
    parsed,
    budget,
    expandWith(lookup, word, ins) {
      try {
        return expand(word, lookup, options);
      } catch (e) {
        throw asModelError(e, ins);
      }
    },
    expandString,
    expandIn(vars, word, ins) {
      // a plain word expands to itself: no lookup needed (expandToString would answer the same)
      return isPlainWord(word, escapeChar) ? word : expandString(lookupOf(vars), word, ins);
    },
  };
}

/** What the budget is sized by: the text the parser kept (arguments and heredoc bodies). */
function inputSize(parsed: ParsedDockerfile): number {
  let n = 0;
  for (const ins of parsed.instructions) {
    n += ins.rawArgs.length + 16;
    for (const h of ins.heredocs) n += h.content.length;
  }
  return n;
}
