/**
 * What each RUN runs, computed once per instruction and only when asked: its text (a cheap
 * prefilter, since most RUNs mention neither go nor apk) and its simple commands, with the
 * commands of `sh -c 'script'` and of heredoc scripts followed, all charged to the file's
 * work budget.
 */
import type { VarLookup } from './expand';
import { asModelError, type ModelContext } from './modelError';
import { EMPTY_ENV, lookupOf } from './scope';
import { NO_ASSIGNMENTS, parseShell, type SimpleCommand } from './shell';
import { isShell, shellScriptOf } from './shells';
import { isStageOf, type StageGraph } from './stageGraph';
import type { StageInstruction } from './types';
import type { WorkBudget } from './workBudget';

/** How deep `sh -c "sh -c '...'"` is followed. */
const MAX_NESTED_SHELLS = 4;

export interface CommandCache {
  runText(at: StageInstruction): string;
  commandsOf(at: StageInstruction): SimpleCommand[];
}

/** The cache of the stage instructions of `graph` (in arrays by StageInstruction.index); another model's instruction is answered uncached. */
export function commandCache(ctx: ModelContext, graph: StageGraph): CommandCache {
  const texts = new Array<string | undefined>(graph.instructionCount);
  const commands = new Array<SimpleCommand[] | undefined>(graph.instructionCount);
  const owns = (at: StageInstruction) => isStageOf(graph.stages, at.stage);
  return {
    runText(at) {
      // the common case, a shell-form RUN without heredocs, is its one argument: nothing to build or cache
      const ins = at.instruction;
      if (ins.args.length === 1 && ins.heredocs.length === 0) return ins.keyword === 'RUN' ? ins.args[0]! : '';
      if (!owns(at)) return runTextOf(at);
      let t = texts[at.index];
      if (t === undefined) {
        t = runTextOf(at);
        texts[at.index] = t;
      }
      return t;
    },
    commandsOf(at) {
      if (at.instruction.keyword !== 'RUN') return [];
      if (!owns(at)) return runCommands(ctx, at);
      let c = commands[at.index];
      if (c === undefined) {
        c = runCommands(ctx, at);
        commands[at.index] = c;
      }
      return c;
    },
  };
}

function runTextOf(at: StageInstruction): string {
  const ins = at.instruction;
  if (ins.keyword !== 'RUN') return '';
  const text = ins.args.join(' ');
  return ins.heredocs.length === 0 ? text : text + '\n' + ins.heredocs.map((h) => h.content).join('\n');
}

function runCommands(ctx: ModelContext, at: StageInstruction): SimpleCommand[] {
  const ins = at.instruction;
  const lookup = lookupOf(at.vars);
  const options = { budget: ctx.budget };
  try {
    if (ins.json) {
      const a = ins.args;
      if (a.length >= 3 && isShell(a[0]!) && a[1] === '-c') return parseShell(a[2]!, lookup, options);
      return a.length > 0 ? [{ words: [...a], assignments: NO_ASSIGNMENTS, exported: EMPTY_ENV }] : [];
    }
    const cmd = ins.args.join(' ');
    let c = withNestedShells(parseShell(cmd, lookup, options), lookup, ctx.budget, 0);
    if (ins.heredocs.length > 0) {
      // `RUN <<EOF`, `RUN 3<<EOF` and `RUN sh <<EOF` run the heredoc as the script
      const first = firstWord(cmd);
      if (first.startsWith('<<') || /^\d<</.test(first) || isShell(first)) {
        for (const h of ins.heredocs) c = c.concat(withNestedShells(parseShell(h.content, lookup, options), lookup, ctx.budget, 0));
      }
    }
    return c;
  } catch (e) {
    throw asModelError(e, ins);
  }
}

/**
 * Adds the commands of `sh -c 'script'` after the shell command itself, so a go build
 * or apk add written that way is judged like any other (not silently unseen). The inner
 * script sees the outer command's environment: its assignments and exported variables
 * are exported to it.
 */
function withNestedShells(cmds: SimpleCommand[], lookup: VarLookup, budget: WorkBudget, depth: number): SimpleCommand[] {
  if (depth >= MAX_NESTED_SHELLS || !cmds.some((c) => shellScriptOf(c.words) !== null)) return cmds;
  const out: SimpleCommand[] = [];
  for (const cmd of cmds) {
    out.push(cmd);
    const script = shellScriptOf(cmd.words);
    if (script === null) continue;
    // the inner script starts with the outer environment exported; its own exports go on top
    const outerEnv = cmd.exported.merge(cmd.assignments);
    const innerLookup: VarLookup = (name) => outerEnv.get(name) ?? lookup(name);
    for (const inner of withNestedShells(parseShell(script, innerLookup, { budget, exported: outerEnv }), innerLookup, budget, depth + 1)) {
      out.push(inner);
    }
  }
  return out;
}

/** The first blank-separated word of a command line (without splitting the whole line). */
function firstWord(cmd: string): string {
  const m = /^\s*(\S*)/.exec(cmd);
  return m ? m[1]! : '';
}
