import type { DockerfileModel, StageInstruction } from '../model/types';
import type { Rule, RawFinding } from './rule';
import { atStage, stageLabel } from './util';
import { trimTrailing } from '../text';

const APK_CACHE_DIRS = new Set(['/var/cache/apk', '/etc/apk/cache']);
const APK = /(?:^|\/)(?:xx-)?apk$/;

/** Whether a RUN mounts a cache on the apk cache directory. */
function mountsApkCache(model: DockerfileModel, si: StageInstruction): boolean {
  for (const m of model.mountsOf(si)) {
    if (m.type === 'cache' && APK_CACHE_DIRS.has(trimTrailing(m.options.get('target') ?? '', '/'))) return true;
  }
  return false;
}

export const GDS016: Rule = {
  id: 'GDS016',
  title: '`apk add` uses `--no-cache` (or a cache mount)',
  defaultSeverity: 'info',
  rationale: 'Without --no-cache the APK index stays in the layer (a few MB) and gets stale; a cache mount on /var/cache/apk keeps it out of the image too.',
  fixHint: 'Write `apk add --no-cache ...`, or `RUN --mount=type=cache,target=/var/cache/apk apk add ...`.',
  docsPath: 'docs/rules/GDS016.md',
  related: { hadolint: ['DL3019'], trivy: ['DS-0025'], checkov: [], buildkit: [] },
  check(model) {
    const out: RawFinding[] = [];
    for (const stage of model.stages) {
      for (const si of stage.instructions) {
        const ins = si.instruction;
        if (ins.keyword !== 'RUN') continue;
        const text = model.runText(si);
        if (!text.includes('apk') || mountsApkCache(model, si)) continue;
        for (const cmd of model.commandsOf(si)) {
          const w = cmd.words;
          if (!APK.test(w[0] ?? '') || !w.includes('add')) continue;
          if (w.includes('--no-cache')) continue;
          out.push(atStage(si, `\`apk add\` in ${stageLabel(stage)} (line ${ins.line}) runs without --no-cache or a cache mount on /var/cache/apk.`));
          break;
        }
      }
    }
    return out;
  },
};
