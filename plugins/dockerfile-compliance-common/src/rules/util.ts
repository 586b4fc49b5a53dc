/** Small helpers several rules share: naming stages in messages, locating findings, file paths. */
import type { CopyOp, DockerfileModel, Stage, StageInstruction } from '../model/types';
import type { Instruction } from '../parser/types';
import type { RawFinding } from './rule';
import { trimTrailing } from '../text';

/**
 * A stage as messages name it: `stage "builder"` when it has an `AS` name, otherwise
 * `stage 1`, `stage 2`, ... counting the Dockerfile's FROMs from 1 (the first FROM is
 * `stage 1`).
 *
 * @remarks
 * Readers count FROMs from 1, so a zero-based `stage #0` read as a bug. BuildKit's own
 * index (`COPY --from=0`) is zero-based: it is the number shown here minus one.
 * Only human-readable text uses this; generated Dockerfile text and data fields keep the
 * zero-based index.
 *
 * @public
 */
export function stageLabel(stage: Stage): string {
  return stage.name !== null ? `stage "${stage.name}"` : `stage ${stage.index + 1}`;
}

export function at(ins: Instruction, message: string, fixHint?: string): RawFinding {
  return fixHint === undefined ? { message, line: ins.line, endLine: ins.endLine } : { message, line: ins.line, endLine: ins.endLine, fixHint };
}

export function atStage(si: StageInstruction, message: string, fixHint?: string): RawFinding {
  return at(si.instruction, message, fixHint);
}

function basename(p: string): string {
  const t = trimTrailing(p, '/');
  return t.slice(t.lastIndexOf('/') + 1);
}

function normalizeSource(p: string): string {
  // fast path: no `//` and no `/.` means the two regex replaces below would change nothing
  const rooted = p.charCodeAt(0) === 47 ? p : '/' + p;
  if (!rooted.includes('//') && !rooted.includes('/.')) {
    return rooted.length > 1 && rooted.charCodeAt(rooted.length - 1) === 47 ? rooted.slice(0, -1) : rooted;
  }
  const t = ('/' + p).replace(/\/+/g, '/').replace(/\/\.(?=\/|$)/g, '');
  return t.length > 1 ? t.replace(/\/$/, '') : t;
}

/**
 * Whether a copy puts something at `wanted` (with `prefix`: at it or anywhere under it).
 * A source may be a file (copied onto dest, or into dest under its own name) or a
 * directory (its contents copied into dest); the build context is not visible, so a
 * directory is assumed to hold `wanted` only when it is the same directory
 * (`COPY --from=b /etc/ssl/certs /etc/ssl/certs`) or the root.
 *
 * @public
 */
export function copyProvides(cp: CopyOp, wanted: string, prefix = false): boolean {
  return normalizedCopyProvides(normalizeSource(cp.dest), cp.sources.map(normalizeSource), wanted, prefix);
}

/** copyProvides with the copy's dest and sources already normalized (stageHasPath asks for several paths). */
function normalizedCopyProvides(dest: string, sources: readonly string[], wanted: string, prefix: boolean): boolean {
  const matches = (target: string) => target === wanted || (prefix && target.startsWith(wanted + '/'));
  for (const s of sources) {
    if (matches(dest)) return true;
    if (matches((dest === '/' ? '' : dest) + '/' + basename(s))) return true;
    const under = dest === '/' || wanted.startsWith(dest + '/');
    if (under && (s === '/' || (basename(s) === basename(dest) && basename(s) !== ''))) return true;
  }
  return false;
}

/** A copy's destination and sources normalized, computed once per copy (several rules ask about the final stage's). */
const normalizedCopies = new WeakMap<CopyOp, { dest: string; sources: string[] }>();

function normalizedCopy(cp: CopyOp): { dest: string; sources: string[] } {
  let n = normalizedCopies.get(cp);
  if (n === undefined) {
    n = { dest: normalizeSource(cp.dest), sources: cp.sources.map(normalizeSource) };
    normalizedCopies.set(cp, n);
  }
  return n;
}

/** Whether the stage's image (its chain) gets `path` (or something under it, with prefix) via COPY/ADD. */
export function stageHasPath(model: DockerfileModel, stage: Stage, paths: string[], prefix = false): CopyOp | null {
  for (const cp of model.copiesInto(stage)) {
    const { dest, sources } = normalizedCopy(cp);
    for (const p of paths) if (normalizedCopyProvides(dest, sources, p, prefix)) return cp;
  }
  return null;
}

export function describeBase(model: DockerfileModel, stage: Stage): string {
  const root = model.rootBase(stage);
  const chain = model.chainOf(stage);
  const via = chain.length > 1 ? ` (via ${chain.slice(0, -1).reverse().map(stageLabel).join(' -> ')})` : '';
  return (root.kind === 'scratch' ? 'scratch' : root.ref) + via;
}
