/**
 * The stage graph and its scopes, with BuildKit's rules: ARGs before the first FROM are
 * visible to FROM lines only unless a stage redeclares them (`ARG name`), ENV wins over ARG,
 * and a stage built `FROM <stage>` inherits that stage's ENV, ARG, WORKDIR and USER. Every
 * instruction keeps the scope and working directory it runs in.
 */
import type { Instruction } from '../parser/types';
import type { VarLookup } from './expand';
import { imageBase } from './image';
import { ModelError, type ModelContext } from './modelError';
import { PATH_MAX, resolvePath, withoutTrailingSlash } from './paths';
import { EMPTY_VARS, type ScopedVars, type VarScope } from './scope';
import type { BaseImage, Stage } from './types';

/**
 * BuildKit's automatic platform ARGs, visible to FROM lines without a declaration and in a
 * stage after `ARG TARGETOS` (no value). A Dockerfile alone does not say the platform, so
 * the model assumes the common linux/amd64 build (documented in docs/rules/README.md).
 */
export const PLATFORM_ARGS: ReadonlyMap<string, string> = new Map([
  ['TARGETPLATFORM', 'linux/amd64'],
  ['TARGETOS', 'linux'],
  ['TARGETARCH', 'amd64'],
  ['TARGETVARIANT', ''],
  ['BUILDPLATFORM', 'linux/amd64'],
  ['BUILDOS', 'linux'],
  ['BUILDARCH', 'amd64'],
  ['BUILDVARIANT', ''],
]);

export interface StageGraph {
  stages: Stage[];
  /** By lower-cased `AS` name. */
  stagesByName: Map<string, Stage>;
  /** ARGs declared before the first FROM. */
  globalArgs: Map<string, string | undefined>;
  /** How many stage instructions there are (StageInstruction.index runs from 0 below it). */
  instructionCount: number;
}

/**
 * Whether `stage` is this graph's own (not a stage of another model): the model keeps facts in
 * arrays by Stage.index, which answer for its own stages only.
 */
export function isStageOf(stages: readonly Stage[], stage: Stage): boolean {
  return stages[stage.index] === stage;
}

/** Walks the instructions once: stages, their parents, and each instruction's scope and WORKDIR. */
export function buildStageGraph(ctx: ModelContext): StageGraph {
  const walk = new StageWalk(ctx);
  for (const ins of ctx.parsed.instructions) walk.add(ins);
  walk.finishStage();
  if (walk.stages.length === 0) throw new ModelError('the Dockerfile has no FROM instruction', 1, 1);
  return { stages: walk.stages, stagesByName: walk.stagesByName, globalArgs: walk.globalArgs, instructionCount: walk.instructionCount };
}

class StageWalk {
  readonly stages: Stage[] = [];
  readonly stagesByName = new Map<string, Stage>();
  readonly globalArgs = new Map<string, string | undefined>();
  instructionCount = 0;
  private current: Stage | null = null;
  private vars: ScopedVars = EMPTY_VARS;
  private workdir = '/';
  private readonly globalLookup: VarLookup = (n) => this.globalArgs.get(n) ?? PLATFORM_ARGS.get(n);

  constructor(private readonly ctx: ModelContext) {}

  add(ins: Instruction): void {
    const kw = ins.keyword;
    if (kw === 'FROM') {
      this.startStage(ins);
      return;
    }
    const current = this.current;
    if (!current) {
      if (kw !== 'ARG') throw new ModelError(`${kw} on line ${ins.line} comes before the first FROM (only ARG may)`, ins.line, ins.endLine);
      this.declareGlobalArgs(ins);
      return;
    }
    current.instructions.push({ instruction: ins, stage: current, vars: this.vars, workdir: this.workdir, index: this.instructionCount++ });
    // only ENV, ARG and WORKDIR change the scope
    if (kw === 'ENV') this.setEnv(ins);
    else if (kw === 'ARG') this.declareStageArgs(ins);
    else if (kw === 'WORKDIR') this.setWorkdir(ins);
  }

  finishStage(): void {
    if (this.current) {
      this.current.endVars = this.vars;
      this.current.endWorkdir = this.workdir;
    }
  }

  private startStage(ins: Instruction): void {
    this.finishStage();
    const expanded = this.ctx.expandWith(this.globalLookup, ins.args[0] ?? '', ins);
    const baseName = expanded.result;
    const name = ins.args.length >= 3 && ins.args[1]!.toLowerCase() === 'as' ? ins.args[2]!.toLowerCase() : null;
    const lower = baseName.toLowerCase();
    const parent = lower === 'scratch' ? null : (this.stagesByName.get(lower) ?? null);
    let base: BaseImage;
    if (lower === 'scratch') base = { kind: 'scratch' };
    else if (parent) base = { kind: 'stage', stage: parent };
    else base = imageBase(baseName, expanded.unmatched);
    const stage: Stage = { index: this.stages.length, name, from: ins, baseName, base, parent, instructions: [], endVars: EMPTY_VARS, endWorkdir: '/' };
    if (name !== null) {
      if (this.stagesByName.has(name)) throw new ModelError(`FROM on line ${ins.line}: duplicate stage name "${name}"`, ins.line, ins.endLine);
      this.stagesByName.set(name, stage);
    }
    this.stages.push(stage);
    this.current = stage;
    // endVars is typed as the read-only Vars; the scopes inside are always ScopedVars
    this.vars = parent ? (parent.endVars as ScopedVars) : EMPTY_VARS;
    this.workdir = parent ? parent.endWorkdir : '/';
  }

  /** `ARG a=1 b=$a` before the first FROM: every value expands with the global ARGs before the line. */
  private declareGlobalArgs(ins: Instruction): void {
    const words = ins.args;
    const names: string[] = [];
    const values: (string | undefined)[] = [];
    for (const word of words) {
      const name = argName(word);
      if (name === '') continue;
      names.push(name);
      values.push(name.length < word.length ? this.ctx.expandString(this.globalLookup, word.slice(name.length + 1), ins) : undefined);
    }
    for (let i = 0; i < names.length; i++) this.globalArgs.set(names[i]!, values[i]);
  }

  /** `ARG a=1 b=$a` in a stage: every value expands with the scope before the line. */
  private declareStageArgs(ins: Instruction): void {
    const before = this.vars;
    let args = before.args;
    for (const word of ins.args) {
      const name = argName(word);
      if (name === '') continue;
      const value = name.length < word.length ? this.ctx.expandIn(before, word.slice(name.length + 1), ins) : (this.globalArgs.get(name) ?? PLATFORM_ARGS.get(name));
      args = args.set(name, value);
    }
    this.vars = { env: before.env, args };
  }

  private setEnv(ins: Instruction): void {
    const args = this.vars.args;
    let env: VarScope<string> = this.vars.env;
    // a later pair sees the earlier ones
    const lookup: VarLookup = (name) => env.get(name) ?? args.get(name);
    for (let i = 0; i + 1 < ins.args.length; i += 2) {
      env = env.set(ins.args[i]!, this.ctx.expandString(lookup, ins.args[i + 1]!, ins));
    }
    this.vars = { env, args };
  }

  private setWorkdir(ins: Instruction): void {
    const dir = this.ctx.expandIn(this.vars, ins.args.length === 1 ? ins.args[0]! : ins.args.join(' '), ins);
    this.workdir = withoutTrailingSlash(resolvePath(this.workdir, dir));
    if (this.workdir.length > PATH_MAX) {
      throw new ModelError(
        `WORKDIR on line ${ins.line}: the working directory is longer than ${PATH_MAX} characters (Linux's PATH_MAX), so the build cannot create it`,
        ins.line,
        ins.endLine,
      );
    }
  }
}

/** The name an ARG word declares (before its first `=`); '' for a word to skip. */
function argName(word: string): string {
  const eq = word.indexOf('=');
  return eq < 0 ? word : word.slice(0, eq);
}
