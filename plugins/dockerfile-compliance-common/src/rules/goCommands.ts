/** Recognising go commands and module files in RUN/COPY, shared by GDS004/GDS005. */
import type { DockerfileModel, GoBuild, Stage, StageInstruction } from '../model/types';
import { isGoBinary } from '../model/goCommandLine';
import type { SimpleCommand } from '../model/shell';
import { trimLeading, trimTrailing } from '../text';


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
  return at.instruction.keyword === 'RUN' && model.runText(at).includes(sub) && model.commandsOf(at).some((c) => isGoMod(c, sub));
}

const MODULE_FILE = /^go\.(?:mod|sum|work|work\.sum)\*?$|^go\.\*$|^go\.(?:mod|sum)\*$/;
export function isModuleFile(source: string): boolean {
  const base = trimTrailing(source, '/').split('/').pop() ?? '';
  return MODULE_FILE.test(base);
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
  for (const b of model.goBuilds) if (!out.has(b.at.stage)) out.set(b.at.stage, b);
  return out;
}

const chainMemo = new WeakMap<DockerfileModel, Map<string, Map<Stage, boolean>>>();
/**
 * Whether any RUN in the chain of `stage` runs `go mod <sub>`. Memoised per model and
 * computed root-first without recursion (chains can be tens of thousands of stages deep).
 *
 * @public
 */
export function chainRunsGoMod(model: DockerfileModel, stage: Stage, sub: string): boolean {
  let bySub = chainMemo.get(model);
  if (!bySub) chainMemo.set(model, (bySub = new Map()));
  let memo = bySub.get(sub);
  if (!memo) bySub.set(sub, (memo = new Map()));
  const known = memo.get(stage);
  if (known !== undefined) return known;
  let inherited = false;
  for (const s of model.chainOf(stage)) {
    let v = memo.get(s);
    if (v === undefined) {
      v = inherited || s.instructions.some((si) => runsGoMod(model, si, sub));
      memo.set(s, v);
    }
    inherited = v;
  }
  return inherited;
}
