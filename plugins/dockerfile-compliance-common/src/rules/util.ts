/** Small helpers several rules share: naming stages in messages, locating findings, file paths. */
import type { CopyOp, DockerfileModel, Stage, StageInstruction } from '../model/types';
import type { Instruction } from '../parser/types';
import type { RawFinding } from './rule';
import { trimTrailing } from '../text';
import { memoSlot, recall, remember } from './modelMemo';

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
  return normalizedProvides(normalizeCopy(cp), wanted, prefix);
}

/** A copy's destination and sources normalized, with what copyProvides derives from them. */
interface NormalizedCopy {
  copy: CopyOp;
  dest: string;
  sources: string[];
  /** Per source: where it lands when copied into dest under its own name (`dest/basename`). */
  landsAt: string[];
  /** Per source: `/`, or a directory of the same (non-empty) name as dest. */
  sameDir: boolean[];
}

/** A copy's destination and sources normalized, and where each source lands. */
function normalizeCopy(cp: CopyOp): NormalizedCopy {
  const dest = normalizeSource(cp.dest);
  const destBase = basename(dest);
  const dir = dest === '/' ? '' : dest;
  const n = cp.sources.length;
  const sources = new Array<string>(n);
  const landsAt = new Array<string>(n);
  const sameDir = new Array<boolean>(n);
  for (let i = 0; i < n; i++) {
    const s = normalizeSource(cp.sources[i]!);
    const base = basename(s);
    sources[i] = s;
    landsAt[i] = dir + '/' + base;
    sameDir[i] = s === '/' || (base === destBase && base !== '');
  }
  return { copy: cp, dest, sources, landsAt, sameDir };
}

/** `target` is `wanted`, or (with prefix) under it: `target.startsWith(wanted + '/')` without building that string. */
function isAt(target: string, wanted: string, prefix: boolean): boolean {
  if (target === wanted) return true;
  return prefix && target.length > wanted.length && target.charCodeAt(wanted.length) === 47 && target.startsWith(wanted);
}

/** copyProvides on a normalized copy (stageHasPath asks several paths of the same copies). */
function normalizedProvides(n: NormalizedCopy, wanted: string, prefix: boolean): boolean {
  if (n.sources.length === 0) return false;
  if (isAt(n.dest, wanted, prefix)) return true;
  const dest = n.dest;
  // wanted.startsWith(dest + '/')
  const under = dest === '/' || (wanted.length > dest.length && wanted.charCodeAt(dest.length) === 47 && wanted.startsWith(dest));
  for (let i = 0; i < n.sources.length; i++) {
    if (isAt(n.landsAt[i]!, wanted, prefix)) return true;
    if (under && n.sameDir[i]!) return true;
  }
  return false;
}

/** Whether the stage's image (its chain) gets `path` (or something under it, with prefix) via COPY/ADD. */
export function stageHasPath(model: DockerfileModel, stage: Stage, paths: readonly string[], prefix = false): CopyOp | null {
  // the copies are normalized once per model (GDS010, GDS012 and GDS013 ask about the final stage's)
  let known = recall(model, NORMALIZED_COPIES);
  if (known === undefined || known.stage !== stage) {
    known = remember(model, NORMALIZED_COPIES, { stage, copies: model.copiesInto(stage).map(normalizeCopy) });
  }
  for (const n of known.copies) {
    for (const p of paths) if (normalizedProvides(n, p, prefix)) return n.copy;
  }
  return null;
}

/** The normalized copies into one stage (rules ask about the final stage's). */
const NORMALIZED_COPIES = memoSlot<{ stage: Stage; copies: NormalizedCopy[] }>();

export function describeBase(model: DockerfileModel, stage: Stage): string {
  const root = model.rootBase(stage);
  const chain = model.chainOf(stage);
  const via = chain.length > 1 ? ` (via ${chain.slice(0, -1).reverse().map(stageLabel).join(' -> ')})` : '';
  return (root.kind === 'scratch' ? 'scratch' : root.ref) + via;
}
