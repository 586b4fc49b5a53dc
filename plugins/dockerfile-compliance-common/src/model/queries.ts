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
import type { StageGraph } from './stageGraph';
import type { DockerfileModel, GoBuild, Stage, StageInstruction } from './types';

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
  const chains = new Map<Stage, Stage[]>();
  const chainOf = (stage: Stage): Stage[] => {
    let c = chains.get(stage);
    if (!c) {
      c = [];
      for (let s: Stage | null = stage; s; s = s.parent) c.push(s);
      c.reverse();
      chains.set(stage, c);
    }
    return c;
  };
  // parents always come earlier in the file, so one pass finds every stage's root
  const rootStage = new Map<Stage, Stage>();
  for (const s of stages) rootStage.set(s, s.parent ? rootStage.get(s.parent)! : s);
  const chainInstructions = cachedPerStage((stage) => chainOf(stage).flatMap((s) => s.instructions));
  const copiesInto = cachedPerStage((stage) => chainOf(stage).flatMap((s) => copies.copiesByStage.get(s) ?? []));
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
    rootStage: (stage) => rootStage.get(stage)!,
    rootBase: (stage) => {
      const root = rootStage.get(stage)!;
      return root.base.kind === 'stage' ? { kind: 'scratch' } : root.base;
    },
    envAt: (at) => lookupOf(at.vars),
    expandAt,
    effectiveUser: cachedPerStage((stage) => {
      const at = lastInChain(stage, 'USER');
      if (!at) return null;
      const value = expandAt(at, at.instruction.args.join(' ')).trim();
      const colon = value.indexOf(':');
      return colon < 0 ? { user: value, group: null, at } : { user: value.slice(0, colon), group: value.slice(colon + 1), at };
    }),
    lastInChain,
    copiesInto,
    allCopies: copies.allCopies,
    copyAt: (at) => copies.copyByInstruction.get(at) ?? null,
    commandsOf: commands.commandsOf,
    runText: commands.runText,
    mountsOf: (at) => copies.mounts.get(at) ?? [],
    shippedStages: shipped,
    goBuilds,
    buildStages: [...new Set(goBuilds.map((b) => b.at.stage))],
  };
}

function cachedPerStage<T>(compute: (stage: Stage) => T): (stage: Stage) => T {
  const cache = new Map<Stage, T>();
  return (stage) => {
    let v = cache.get(stage);
    if (v === undefined) {
      v = compute(stage);
      cache.set(stage, v);
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

