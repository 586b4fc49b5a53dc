/**
 * One pass over every stage instruction: the COPY/ADD operations (sources, destination,
 * `--from`) and the RUN `--mount`s, indexed for the rules; and the other instructions whose
 * arguments BuildKit expands when it builds, expanded here so a bad substitution is the
 * error BuildKit would report.
 */
import { csvFields } from '../parser/csvFields';
import type { Instruction } from '../parser/types';
import type { ModelContext } from './modelError';
import { resolvePath } from './paths';
import type { StageGraph } from './stageGraph';
import type { CopyOp, RunMount, Stage, StageInstruction } from './types';

/** Instructions whose arguments BuildKit expands (besides FROM, ARG, ENV, WORKDIR, COPY and ADD, modelled apart). */
function expandedByBuildKit(keyword: string): boolean {
  return keyword === 'USER' || keyword === 'EXPOSE' || keyword === 'STOPSIGNAL' || keyword === 'VOLUME' || keyword === 'LABEL';
}
const HEREDOC_WORD = /^\d*<<-?\s*["']?([^"'\s]+)["']?$/;

/**
 * Per-stage and per-instruction facts are kept in arrays by Stage.index and
 * StageInstruction.index: a few array slots per file instead of Map entries keyed by objects.
 */
export interface CopyIndex {
  /** Every COPY/ADD with two or more words, in file order. */
  allCopies: CopyOp[];
  /** By Stage.index: the stage's own COPY/ADD operations (undefined: none). */
  copiesByStage: (CopyOp[] | undefined)[];
  /** By StageInstruction.index. */
  copyByInstruction: (CopyOp | undefined)[];
  /** By StageInstruction.index: the RUN's `--mount`s (undefined: none). */
  mounts: (RunMount[] | undefined)[];
  /** Whether any RUN has a `--mount`. */
  anyMounts: boolean;
}

/** `FROM`/`--from` reference: an `AS` name (any case) or a stage index. */
export function stageByRef(graph: StageGraph, ref: string): Stage | null {
  const s = graph.stagesByName.get(ref.toLowerCase());
  if (s) return s;
  if (/^\d+$/.test(ref)) return graph.stages[Number(ref)] ?? null;
  return null;
}

export function indexCopies(ctx: ModelContext, graph: StageGraph): CopyIndex {
  const index: CopyIndex = {
    allCopies: [],
    copiesByStage: new Array<CopyOp[] | undefined>(graph.stages.length),
    copyByInstruction: new Array<CopyOp | undefined>(graph.instructionCount),
    mounts: new Array<RunMount[] | undefined>(graph.instructionCount),
    anyMounts: false,
  };
  for (const stage of graph.stages) {
    for (const at of stage.instructions) {
      const ins = at.instruction;
      const kw = ins.keyword;
      if (kw === 'RUN') {
        // most RUNs have no flags at all: mountsOf answers [] for them without an entry
        if (ins.flags.length > 0) {
          const mounts = runMounts(ins);
          if (mounts.length > 0) {
            index.mounts[at.index] = mounts;
            index.anyMounts = true;
          }
        }
      } else if (expandedByBuildKit(kw)) {
        // BuildKit expands these when it builds the stage: a bad substitution fails the build
        if (kw === 'USER') ctx.expandIn(at.vars, ins.args.length === 1 ? ins.args[0]! : ins.args.join(' '), ins);
        else for (const word of ins.args) ctx.expandIn(at.vars, word, ins);
      } else if (kw === 'COPY' || kw === 'ADD') {
        const copy = copyOp(ctx, graph, at);
        if (!copy) continue;
        index.allCopies.push(copy);
        index.copyByInstruction[at.index] = copy;
        const list = index.copiesByStage[stage.index];
        if (list) list.push(copy);
        else index.copiesByStage[stage.index] = [copy];
      }
    }
  }
  return index;
}

function copyOp(ctx: ModelContext, graph: StageGraph, at: StageInstruction): CopyOp | null {
  const ins = at.instruction;
  let words = ins.args;
  if (!ins.json) {
    words = new Array<string>(ins.args.length);
    for (let i = 0; i < words.length; i++) words[i] = ctx.expandIn(at.vars, ins.args[i]!, ins);
  }
  if (words.length < 2) return null;
  const heredocNames = ins.heredocs.length === 0 || ins.json ? null : new Set(ins.heredocs.map((h) => h.name));
  const sources: string[] = [];
  const heredocSources: string[] = [];
  for (let i = 0; i < words.length - 1; i++) {
    const w = words[i]!;
    const m = heredocNames ? HEREDOC_WORD.exec(w) : null;
    if (m && heredocNames!.has(m[1]!)) {
      sources.push(m[1]!);
      heredocSources.push(m[1]!);
    } else sources.push(w);
  }
  let fromFlag: Instruction['flags'][number] | undefined;
  for (const f of ins.flags) if (f.name === 'from') fromFlag = f;
  let from: CopyOp['from'] = null;
  if (fromFlag && fromFlag.value !== null && ins.keyword === 'COPY') {
    const name = ctx.expandIn(at.vars, fromFlag.value, ins);
    const s = stageByRef(graph, name);
    from = s && s.index < at.stage.index ? { kind: 'stage', stage: s } : { kind: 'image', name };
  }
  return { at, keyword: ins.keyword as CopyOp['keyword'], sources, heredocSources, dest: resolvePath(at.workdir, words[words.length - 1]!), from };
}

/**
 * The RUN's `--mount` flags as BuildKit's parseMount reads them: go-csvvalue fields (so
 * `"source=a,b"` is one field), keys case-insensitive, `dst`/`destination` meaning target
 * and `src` meaning source, a key without `=` meaning true.
 */
function runMounts(ins: Instruction): RunMount[] {
  const out: RunMount[] = [];
  for (const f of ins.flags) {
    if (f.name !== 'mount' || f.value === null) continue;
    const options = new Map<string, string>();
    // the parser has already rejected a value that is not valid CSV
    for (const field of csvFields(f.value) ?? []) {
      const eq = field.indexOf('=');
      const k = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
      options.set(k === 'destination' || k === 'dst' ? 'target' : k === 'src' ? 'source' : k, eq < 0 ? 'true' : field.slice(eq + 1));
    }
    out.push({ type: (options.get('type') ?? 'bind').toLowerCase(), options });
  }
  return out;
}
