/**
 * The questions rules ask of the model, answered from the parts (stage graph, copy index,
 * command cache, shipped stages, go builds). Chains are computed per asked stage and cached:
 * a 1 MiB file can chain ~50k stages with FROM <previous>, and per-stage cached prefixes of
 * every stage would be quadratic (and recursion deep).
 */
import type { ParsedDockerfile } from '../parser/types';
import type { CommandCache } from './commandCache';
import { stageByRef, type CopyIndex } from './copyIndex';
import type { ModelContext } from './modelError';
import { lookupOf } from './scope';
import { isStageOf, type StageGraph } from './stageGraph';
import type { DockerfileModel, GoBuild, RunMount, Stage, StageInstruction } from './types';

export interface ModelParts {
  ctx: ModelContext;
  graph: StageGraph;
  copies: CopyIndex;
  commands: CommandCache;
  shipped: ReadonlySet<Stage>;
  goBuilds: GoBuild[];
}

export function modelQueries({ ctx, graph, copies, commands, shipped, goBuilds }: ModelParts): DockerfileModel {
  const stages = graph.stages;
  const chainOf = cachedPerStage(stages, (stage) => {
    const c: Stage[] = [];
    for (let s: Stage | null = stage; s; s = s.parent) c.push(s);
    return c.reverse();
  });
  // parents always come earlier in the file, so one pass finds every stage's root
  const rootStages = new Array<Stage>(stages.length);
  for (const s of stages) rootStages[s.index] = s.parent ? rootStages[s.parent.index]! : s;
  const rootStage = (stage: Stage): Stage => (isStageOf(stages, stage) ? rootStages[stage.index]! : chainOf(stage)[0]!);
  const chainInstructions = cachedPerStage(stages, (stage) => concatPerStage(chainOf(stage), (s) => s.instructions));
  const copiesInto = cachedPerStage(stages, (stage) => concatPerStage(chainOf(stage), (s) => copies.copiesByStage[s.index]));
  const expandAt = (at: StageInstruction, word: string): string => ctx.expandIn(at.vars, word, at.instruction);
  const parsed: ParsedDockerfile = ctx.parsed;

  return {
    parsed,
    globalArgs: graph.globalArgs,
    stages,
    finalStage: stages[stages.length - 1]!,
    stageByRef: (ref) => stageByRef(graph, ref),
    ancestorsOf: (stage) => chainOf(stage).slice(0, -1),
    chainOf,
    chainInstructions,
    rootStage,
    rootBase: (stage) => {
      const root = rootStage(stage);
      return root.base.kind === 'stage' ? { kind: 'scratch' } : root.base;
    },
    envAt: (at) => lookupOf(at.vars),
    expandAt,
    effectiveUser: cachedPerStage(stages, (stage) => {
      const at = lastInChain(stage, 'USER');
      if (!at) return null;
      const value = expandAt(at, at.instruction.args.join(' ')).trim();
      const colon = value.indexOf(':');
      return colon < 0 ? { user: value, group: null, at } : { user: value.slice(0, colon), group: value.slice(colon + 1), at };
    }),
    lastInChain,
    copiesInto,
    allCopies: copies.allCopies,
    copyAt: (at) => {
      const cp = copies.copyByInstruction[at.index];
      return cp !== undefined && cp.at === at ? cp : null;
    },
    commandsOf: commands.commandsOf,
    runText: commands.runText,
    mountsOf: (at) => (isStageOf(stages, at.stage) ? copies.mounts[at.index] : undefined) ?? NO_MOUNTS,
    shippedStages: shipped,
    goBuilds,
    buildStages: distinctStages(goBuilds),
  };
}

const NO_MOUNTS: RunMount[] = [];

/** The lists of each stage of a chain, concatenated in chain order (a loop: flatMap is several times slower here). */
function concatPerStage<T>(chain: readonly Stage[], listOf: (stage: Stage) => readonly T[] | undefined): T[] {
  const out: T[] = [];
  for (const s of chain) {
    const list = listOf(s);
    if (list !== undefined) for (const item of list) out.push(item);
  }
  return out;
}

/** The stages of the go builds, each once. findGoBuilds lists builds stage by stage, so a stage's builds are adjacent. */
function distinctStages(goBuilds: readonly GoBuild[]): Stage[] {
  const out: Stage[] = [];
  for (const b of goBuilds) if (out[out.length - 1] !== b.at.stage) out.push(b.at.stage);
  return out;
}

/** `compute` cached per stage of this model (in an array by Stage.index); a stage of another model is computed, not cached. */
function cachedPerStage<T>(stages: readonly Stage[], compute: (stage: Stage) => T): (stage: Stage) => T {
  const cache = new Array<T | undefined>(stages.length);
  return (stage) => {
    if (!isStageOf(stages, stage)) return compute(stage);
    let v = cache[stage.index];
    if (v === undefined) {
      v = compute(stage);
      cache[stage.index] = v;
    }
    return v;
  };
}

/** The last instruction with `keyword` in the stage's chain: the stage first, then up its parents (no flattened copy of the chain). */
function lastInChain(stage: Stage, keyword: string): StageInstruction | null {
  for (let s: Stage | null = stage; s; s = s.parent) {
    const instructions = s.instructions;
    for (let i = instructions.length - 1; i >= 0; i--) {
      if (instructions[i]!.instruction.keyword === keyword) return instructions[i]!;
    }
  }
  return null;
}

