/** Final-image analysis: where the binary lands, which other files the image carries, and which of its RUN steps may go. */
import type { CopyOp, Stage } from '@hardened-go/plugin-dockerfile-compliance-common';
import { stageLabel } from '@hardened-go/plugin-dockerfile-compliance-common';
import { classifyCommand, installedPackages, PROVIDED_BY_STANDARD } from './commandKinds';
import { at, excerpt, type Scope } from './extractScope';
import { basename, globMatches, normalize, relativeTo, resolveIn } from './paths';
import { refuse } from './refusals';
import type { FinalCopy } from './serviceSpec';

/** Files the canonical final stage already copies from the build image. */
const STANDARD_FILES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/ssl/certs', '/usr/share/zoneinfo', '/etc/passwd', '/etc/group', '/etc/ssl/cert.pem', '/usr/local/go/lib/time/zoneinfo.zip'];

/** Where the built binary ends up in the final image. */
export function binaryInFinalImage(scope: Scope, buildChain: Set<Stage>, outPath: string): string {
  for (const c of scope.model.copiesInto(scope.model.finalStage)) {
    const hit = binaryCopyTarget(scope, c, buildChain, outPath);
    if (hit) return hit;
  }
  return refuse('unsupported-build', `go build writes ${outPath}, but the final image does not copy it from the build stage`);
}

function fromBuild(scope: Scope, c: CopyOp, buildChain: Set<Stage>): boolean {
  if (c.from === null || c.from.kind !== 'stage') return false;
  return scope.model.chainOf(c.from.stage).some((s) => buildChain.has(s));
}

function destIsDirectory(c: CopyOp): boolean {
  const rawDest = c.at.instruction.args[c.at.instruction.args.length - 1] ?? '';
  return c.sources.length > 1 || /\/$/.test(rawDest) || rawDest === '.' || rawDest === '/';
}

/** Where `c` puts the binary written at `outPath` in the build stage, or null when it does not copy it. */
function binaryCopyTarget(scope: Scope, c: CopyOp, buildChain: Set<Stage>, outPath: string): string | null {
  if (!fromBuild(scope, c, buildChain)) return null;
  for (const s of c.sources) {
    const src = normalize(s.startsWith('/') ? s : `/${s}`);
    if (src === outPath || (src.includes('*') && globMatches(src, outPath))) {
      return destIsDirectory(c) ? resolveIn(c.dest, basename(outPath)) : normalize(c.dest);
    }
    const rel = relativeTo(src, outPath);
    if (rel !== null && rel !== '') return resolveIn(c.dest, rel);
  }
  return null;
}

/** Extra files of the final image: module files from the build stage or context files are carried. */
export function finalCopies(scope: Scope, buildChain: Set<Stage>, moduleRoot: string, outPath: string): FinalCopy[] {
  const { model, policy } = scope;
  const out: FinalCopy[] = [];
  for (const c of model.copiesInto(model.finalStage)) {
    if (buildChain.has(c.at.stage)) continue;
    const flags = c.at.instruction.flags;
    for (const f of flags) {
      if (f.name === 'parents' || f.name === 'exclude') refuse('unsupported-build', `${c.keyword} --${f.name} at ${at(c.at)} is not carried by the canonical final stage`);
    }
    const chmod = flags.find((f) => f.name === 'chmod')?.value ?? undefined;
    const chowned = flags.some((f) => f.name === 'chown');
    if (c.heredocSources.length > 0) refuse('foreign-files', `${c.keyword} at ${at(c.at)} writes an inline heredoc file into the final image; move it into the repository and COPY it`);
    const isBuild = fromBuild(scope, c, buildChain);
    const kept = keptSources(scope, c, isBuild, buildChain, moduleRoot, outPath);
    if (kept.length === 0) continue;
    if (kept.some((k) => /\s/.test(k)) || /\s/.test(c.dest)) refuse('cannot-render', `${c.keyword} at ${at(c.at)} has a path with spaces the canonical renderer does not write`);
    if (chowned) scope.notes.push(`${c.keyword} --chown at ${at(c.at)} now owns the files as ${policy.user}, the user the service runs as`);
    if (c.keyword === 'ADD') scope.notes.push(`ADD at ${at(c.at)} became COPY (GDS015)`);
    const dest = destIsDirectory(c) && !c.dest.endsWith('/') ? `${normalize(c.dest)}/` : c.dest;
    out.push({ fromBuild: isBuild, sources: kept, dest, chown: chowned ? policy.user : undefined, chmod });
  }
  return out;
}

/**
 * The sources of a final-image COPY/ADD the rewrite carries: module files of the build stage
 * (as `/src/...`) or build-context files. The binary and the standard's own files are skipped;
 * anything else is a refusal.
 */
function keptSources(scope: Scope, c: CopyOp, isBuild: boolean, buildChain: Set<Stage>, moduleRoot: string, outPath: string): string[] {
  const kept: string[] = [];
  for (const s of c.sources) {
    const src = c.from === null ? s : normalize(s.startsWith('/') ? s : `/${s}`);
    if (c.from !== null && STANDARD_FILES.some((f) => src === f || src === `${f}/`)) continue;
    if (isBuild) {
      if (binaryCopyTarget(scope, { ...c, sources: [s] }, buildChain, outPath)) {
        if (src !== outPath && relativeTo(src, moduleRoot) !== null) {
          refuse('foreign-files', `the final image copies ${src} from the build stage (${at(c.at)}): the binary together with the module's source tree, so which files the service needs at run time is unknown`);
        }
        continue;
      }
      const rel = relativeTo(moduleRoot, src);
      if (rel === null || rel === '') {
        refuse('foreign-files', `the final image copies ${src} from the build stage (${at(c.at)}), which is produced by build steps the canonical build does not run`);
      }
      kept.push(`/src/${rel}`);
      continue;
    }
    if (c.from !== null) {
      const fromName = c.from.kind === 'stage' ? stageLabel(c.from.stage) : c.from.name;
      refuse('foreign-files', `the final image copies ${src} from ${fromName} (${at(c.at)}); the canonical image only carries files of the build stage or the build context`);
    }
    if (c.keyword === 'ADD' && /^[a-z]+:\/\//.test(s)) refuse('foreign-files', `ADD at ${at(c.at)} downloads ${s} into the final image`);
    if (c.keyword === 'ADD' && /\.(tar|tgz|tbz2?|txz|tar\.(gz|bz2|xz|zst))$/.test(s)) {
      refuse('foreign-files', `ADD at ${at(c.at)} unpacks the archive ${s}; COPY would not, so the rewrite cannot keep its meaning`);
    }
    kept.push(s);
  }
  return kept;
}

/** RUN steps of the final image run in an OS the scratch image does not have: only OS housekeeping may go. */
export function classifyFinalRuns(scope: Scope, buildChain: Set<Stage>): void {
  const { model } = scope;
  for (const stage of model.chainOf(model.finalStage)) {
    if (buildChain.has(stage)) continue;
    for (const si of stage.instructions) {
      if (si.instruction.keyword !== 'RUN') continue;
      for (const cmd of model.commandsOf(si)) {
        const kind = classifyCommand(cmd);
        if (kind === 'packages') {
          const runtime = installedPackages(cmd).filter((p) => !PROVIDED_BY_STANDARD.has(p));
          if (runtime.length > 0) {
            refuse('runtime-packages', `the final image installs ${runtime.join(' ')} (${at(si)}); a scratch image cannot provide OS packages the service may need at run time`);
          }
          continue;
        }
        if (kind === 'housekeeping') {
          if (cmd.words[0] === 'mkdir' || cmd.words[0] === 'chown' || cmd.words[0] === 'chmod') {
            scope.notes.push(`dropped \`${excerpt(cmd)}\` (${at(si)}): scratch has no shell; directories the service needs must come from a COPY or be created by the service`);
          }
          continue;
        }
        refuse('needs-shell', `the final image runs \`${excerpt(cmd)}\` (${at(si)}) while it is built; a scratch image has no shell or tools to run it`);
      }
    }
  }
}
