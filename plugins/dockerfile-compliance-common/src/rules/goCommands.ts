/** Recognising go commands and module files in RUN/COPY, shared by GDS004/GDS005. */
import type { DockerfileModel, GoBuild, Stage, StageInstruction } from '../model/types';
import { isGoBinary } from '../model/goCommandLine';
import type { SimpleCommand } from '../model/shell';
import { trimLeading, trimTrailing } from '../text';
import { memoSlot, recall, remember } from './modelMemo';


/**
 * `go mod <sub>` (also `go -C dir mod <sub>`).
 *
 * @public
 */
export function isGoMod(cmd: SimpleCommand, sub: string): boolean {
  const w = cmd.words;
  if (w.length < 3 || !isGoBinary(w[0]!)) return false;
  const i = w[1] === '-C' ? 3 : 1;
  return w[i] === 'mod' && w[i + 1] === sub;
}

/**
 * Whether a RUN runs `go mod <sub>`.
 *
 * @public
 */
export function runsGoMod(model: DockerfileModel, at: StageInstruction, sub: string): boolean {
  if (at.instruction.keyword !== 'RUN' || !model.runText(at).includes(sub)) return false;
  for (const c of model.commandsOf(at)) if (isGoMod(c, sub)) return true;
  return false;
}

const MODULE_FILE = /^go\.(?:mod|sum|work|work\.sum)\*?$|^go\.\*$|^go\.(?:mod|sum)\*$/;
export function isModuleFile(source: string): boolean {
  const path = trimTrailing(source, '/');
  const base = path.slice(path.lastIndexOf('/') + 1);
  // every module file name starts with `go.`: most sources are out without the regex
  return base.startsWith('go.') && MODULE_FILE.test(base);
}

/** `.`, `./`, `*`, `./*`, `/` of the build context: the whole source tree. */
export function isWholeTree(source: string): boolean {
  const s = trimTrailing(source.startsWith('./') ? trimLeading(source.slice(1), '/') : source, '/');
  return s === '' || s === '.' || s === '*' || source === '/';
}

/**
 * The first shipped go build of each build stage.
 *
 * @public
 */
export function firstBuildPerStage(model: DockerfileModel): Map<Stage, GoBuild> {
  const out = new Map<Stage, GoBuild>();
  for (const b of firstBuilds(model)) out.set(b.at.stage, b);
  return out;
}

/** firstBuildPerStage's builds in the same order, computed once per model (GDS004 and GDS005 ask). */
export function firstBuilds(model: DockerfileModel): readonly GoBuild[] {
  const known = recall(model, FIRST_BUILDS);
  if (known !== undefined) return known;
  const out: GoBuild[] = [];
  const seen = new Set<Stage>();
  for (const b of model.goBuilds) {
    if (seen.has(b.at.stage)) continue;
    seen.add(b.at.stage);
    out.push(b);
  }
  return remember(model, FIRST_BUILDS, out);
}
const FIRST_BUILDS = memoSlot<readonly GoBuild[]>();

/** `go mod <sub>` -> per stage index: 0 not known yet, 1 its chain does not run it, 2 it does. */
const CHAIN_RUNS_GO_MOD = memoSlot<Map<string, Uint8Array>>();

/**
 * Whether any RUN in the chain of `stage` runs `go mod <sub>`. Memoised per model and
 * computed root-first without recursion (chains can be tens of thousands of stages deep).
 *
 * @public
 */
export function chainRunsGoMod(model: DockerfileModel, stage: Stage, sub: string): boolean {
  const bySub = recall(model, CHAIN_RUNS_GO_MOD) ?? remember(model, CHAIN_RUNS_GO_MOD, new Map());
  let known = bySub.get(sub);
  // per stage index: 0 not known yet, 1 no, 2 yes
  if (known === undefined) bySub.set(sub, (known = new Uint8Array(model.stages.length)));
  if (known[stage.index] !== 0) return known[stage.index] === 2;
  let inherited = false;
  for (const s of model.chainOf(stage)) {
    const v = known[s.index]!;
    if (v !== 0) {
      inherited = v === 2;
      continue;
    }
    inherited = inherited || stageRunsGoMod(model, s, sub);
    known[s.index] = inherited ? 2 : 1;
  }
  return inherited;
}

function stageRunsGoMod(model: DockerfileModel, stage: Stage, sub: string): boolean {
  for (const si of stage.instructions) if (runsGoMod(model, si, sub)) return true;
  return false;
}
