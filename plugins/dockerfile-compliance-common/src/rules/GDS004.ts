import type { DockerfileModel, Stage, StageInstruction } from '../model/types';
import type { Rule, RawFinding } from './rule';
import { chainRunsGoMod, firstBuilds, isModuleFile, isWholeTree, runsGoMod } from './goCommands';
import { at, stageLabel } from './util';

/** What the instructions so far did about modules, carried from a stage to the stages built FROM it. */
interface ModuleState {
  modCopied: boolean;
  downloaded: boolean;
  /** The first whole-tree COPY that came before any module download, if any. */
  earlySourceCopy: StageInstruction | null;
}

function step(model: DockerfileModel, state: ModuleState, si: StageInstruction): ModuleState {
  if (state.earlySourceCopy || state.downloaded) return state;
  const kw = si.instruction.keyword;
  if (kw === 'COPY' || kw === 'ADD') {
    const cp = model.copyAt(si);
    if (!cp) return state;
    if (cp.from !== null) {
      // a module cache copied from a stage that downloaded it (a "modules" stage) is the cached layer
      return cp.from.kind === 'stage' && chainRunsGoMod(model, cp.from.stage, 'download') ? { ...state, downloaded: true } : state;
    }
    // heredoc sources are inline files, not the source tree; a whole-tree source wins over a module file
    let moduleFile = false;
    for (const s of cp.sources) {
      if (cp.heredocSources.length > 0 && cp.heredocSources.includes(s)) continue;
      if (isWholeTree(s)) return { ...state, earlySourceCopy: si };
      if (!moduleFile && isModuleFile(s)) moduleFile = true;
    }
    if (moduleFile) return { ...state, modCopied: true };
  } else if (kw === 'RUN' && runsGoMod(model, si, 'download')) {
    if (state.modCopied || bindsAnything(model, si)) return { ...state, downloaded: true };
  }
  return state;
}

function bindsAnything(model: DockerfileModel, si: StageInstruction): boolean {
  for (const m of model.mountsOf(si)) if (m.type === 'bind') return true;
  return false;
}

const INITIAL: ModuleState = { modCopied: false, downloaded: false, earlySourceCopy: null };

/** The state at the end of `stage`, computed root-first once per stage of the chain (linear in the file). */
function stateAtEnd(model: DockerfileModel, endState: Map<Stage, ModuleState>, stage: Stage): ModuleState {
  const known = endState.get(stage);
  if (known) return known;
  let state = INITIAL;
  for (const s of model.chainOf(stage)) {
    const done = endState.get(s);
    if (done) {
      state = done;
      continue;
    }
    for (const si of s.instructions) state = step(model, state, si);
    endState.set(s, state);
  }
  return state;
}

export const GDS004: Rule = {
  id: 'GDS004',
  title: 'Modules are downloaded before the source tree is copied',
  defaultSeverity: 'warning',
  rationale:
    'Copying go.mod/go.sum and running `go mod download` first puts the dependencies in their own layer, which stays cached across source edits: changing a .go file does not download every module again.',
  fixHint: 'Copy `go.mod go.sum* ./`, run `go mod download`, then copy the source (or bind-mount it into the build RUN).',
  docsPath: 'docs/rules/GDS004.md',
  related: { hadolint: [], trivy: [], checkov: [], buildkit: [] },
  check(model) {
    const out: RawFinding[] = [];
    let reported: Set<number> | null = null;
    // state at the end of each stage, computed root-first once (linear in the file)
    let endState: Map<Stage, ModuleState> | null = null;
    for (const build of firstBuilds(model)) {
      // a vendored build reads its modules from vendor/ in the source tree: nothing to download
      if (build.mod === 'vendor') continue;
      const stage = build.at.stage;
      let state = stage.parent ? stateAtEnd(model, (endState ??= new Map()), stage.parent) : INITIAL;
      for (const si of stage.instructions) {
        if (si === build.at) break;
        state = step(model, state, si);
      }
      const early = state.earlySourceCopy;
      if (!early || reported?.has(early.instruction.line)) continue;
      (reported ??= new Set()).add(early.instruction.line);
      out.push(
        at(
          early.instruction,
          `${stageLabel(early.stage)} copies the whole source tree (line ${early.instruction.line}) before ${state.modCopied ? 'running `go mod download`' : 'copying go.mod/go.sum and running `go mod download`'}, so every source change downloads all modules again (go build on line ${build.at.instruction.line}).`,
        ),
      );
    }
    return out;
  },
};
