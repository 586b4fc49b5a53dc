import type { DockerfileModel, Stage, StageInstruction } from '../model/types';
import type { Rule, RawFinding } from './rule';
import { chainRunsGoMod, firstBuildPerStage, isModuleFile, isWholeTree, runsGoMod } from './goCommands';
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
    const sources = cp.sources.filter((s) => !cp.heredocSources.includes(s));
    if (sources.some(isWholeTree)) return { ...state, earlySourceCopy: si };
    if (sources.some(isModuleFile)) return { ...state, modCopied: true };
  } else if (kw === 'RUN' && runsGoMod(model, si, 'download')) {
    const bindsModule = model.mountsOf(si).some((m) => m.type === 'bind');
    if (state.modCopied || bindsModule) return { ...state, downloaded: true };
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
    const reported = new Set<number>();
    // state at the end of each stage, computed root-first once (linear in the file)
    const endState = new Map<Stage, ModuleState>();
    const stateAtEnd = (stage: Stage): ModuleState => {
      const known = endState.get(stage);
      if (known) return known;
      let state: ModuleState = { modCopied: false, downloaded: false, earlySourceCopy: null };
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
    };
    for (const [stage, build] of firstBuildPerStage(model)) {
      // a vendored build reads its modules from vendor/ in the source tree: nothing to download
      if (build.mod === 'vendor') continue;
      let state = stage.parent ? stateAtEnd(stage.parent) : { modCopied: false, downloaded: false, earlySourceCopy: null };
      for (const si of stage.instructions) {
        if (si === build.at) break;
        state = step(model, state, si);
      }
      const early = state.earlySourceCopy;
      if (!early || reported.has(early.instruction.line)) continue;
      reported.add(early.instruction.line);
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
