import type { Rule, RawFinding } from './rule';
import { chainRunsGoMod, firstBuildPerStage, isModuleFile, isWholeTree, runsGoMod } from './goCommands';
import { at, stageLabel } from './util';

export const GDS004: Rule = {
  id: 'GDS004',
  title: 'Modules are downloaded before the source tree is copied',
  defaultSeverity: 'warning',
  rationale:
    'Copying go.mod/go.sum and running `go mod download` first puts the dependencies in their own layer, so a source edit does not download every module again.',
  fixHint: 'Copy `go.mod go.sum* ./`, run `go mod download`, then copy the source (or bind-mount it into the build RUN).',
  docsPath: 'docs/rules/GDS004.md',
  related: { hadolint: [], trivy: [], checkov: [], buildkit: [] },
  check(model) {
    const out: RawFinding[] = [];
    const reported = new Set<number>();
    for (const [stage, build] of firstBuildPerStage(model)) {
      let modCopied = false;
      let downloaded = false;
      for (const si of model.chainInstructions(stage)) {
        if (si === build.at) break;
        const kw = si.instruction.keyword;
        if (kw === 'COPY' || kw === 'ADD') {
          const cp = model.allCopies.find((c) => c.at === si);
          if (!cp) continue;
          if (cp.from !== null) {
            // a module cache copied from a stage that downloaded it (a "modules" stage) is the cached layer
            if (cp.from.kind === 'stage' && chainRunsGoMod(model, cp.from.stage, 'download')) downloaded = true;
            continue;
          }
          const sources = cp.sources.filter((s) => !cp.heredocSources.includes(s));
          if (sources.some(isWholeTree)) {
            if (!downloaded && !reported.has(si.instruction.line)) {
              reported.add(si.instruction.line);
              out.push(
                at(
                  si.instruction,
                  `${stageLabel(si.stage)} copies the whole source tree (line ${si.instruction.line}) before ${modCopied ? 'running `go mod download`' : 'copying go.mod/go.sum and running `go mod download`'}, so every source change downloads all modules again (go build on line ${build.at.instruction.line}).`,
                ),
              );
            }
            break;
          }
          if (sources.some(isModuleFile)) modCopied = true;
        } else if (kw === 'RUN' && runsGoMod(model, si, 'download')) {
          const bindsModule = model.mountsOf(si).some((m) => m.type === 'bind');
          if (modCopied || bindsModule) downloaded = true;
        }
      }
    }
    return out;
  },
};
