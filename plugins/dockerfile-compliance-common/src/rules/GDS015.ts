import type { Rule, RawFinding } from './rule';
import { at, stageLabel } from './util';

const REMOTE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@)/i;
const ARCHIVE = /\.(?:tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst)$/i;

export const GDS015: Rule = {
  id: 'GDS015',
  title: 'COPY, not ADD, for local sources',
  defaultSeverity: 'warning',
  rationale: 'ADD silently extracts archives and fetches URLs; for local files COPY does exactly what it says, so the build has no surprises.',
  fixHint: 'Replace ADD with COPY for local files and directories.',
  docsPath: 'docs/rules/GDS015.md',
  related: { hadolint: ['DL3020'], trivy: ['DS-0005'], checkov: ['CKV_DOCKER_4'], buildkit: [] },
  check(model) {
    const out: RawFinding[] = [];
    for (const cp of model.allCopies) {
      if (cp.keyword !== 'ADD') continue;
      // remote URLs/git repositories are what ADD is for; local archives are extracted on purpose
      let local: string[] | null = null;
      for (const s of cp.sources) {
        if (!REMOTE.test(s) && (cp.heredocSources.includes(s) || !ARCHIVE.test(s))) (local ??= []).push(s);
      }
      if (local === null) continue;
      out.push(
        at(
          cp.at.instruction,
          `ADD of local source ${local.map((s) => `"${s}"`).join(', ')} in ${stageLabel(cp.at.stage)} (line ${cp.at.instruction.line}); use COPY.`,
          `Write \`COPY ${cp.at.instruction.rawArgs.trim()}\`.`,
        ),
      );
    }
    return out;
  },
};
