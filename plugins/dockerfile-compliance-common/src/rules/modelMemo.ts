/**
 * What several rules work out from the same model (the final base's facts, the final stage's
 * normalized copies, the first go build per stage, which chains run `go mod ...`), worked out
 * once. Kept for the one model checked last, not in a WeakMap per model: a WeakMap entry per
 * model costs more than most rules do. checkDockerfile releases it once its rules have run;
 * another caller's last model stays referenced until the next model is asked about.
 * Models are read-only once built, so the facts never go stale.
 */
import type { CopyOp, DockerfileModel, GoBuild, Stage } from '../model/types';
import type { Policy } from '../policy/types';
import type { FinalBaseFacts } from './knownFinalBases';

/** A copy's destination and sources normalized, with what copyProvides derives from them. */
export interface NormalizedCopy {
  copy: CopyOp;
  dest: string;
  sources: string[];
  /** Per source: where it lands when copied into dest under its own name (`dest/basename`). */
  landsAt: string[];
  /** Per source: `/`, or a directory of the same (non-empty) name as dest. */
  sameDir: boolean[];
}

export interface ModelMemo {
  readonly model: DockerfileModel;
  finalBase: { policy: Policy; facts: FinalBaseFacts | null } | null;
  /** The normalized copies into `copiesStage` (rules only ask about the final stage). */
  copiesStage: Stage | null;
  copies: NormalizedCopy[];
  firstBuilds: GoBuild[] | null;
  /** `go mod <sub>` -> per stage index: 0 not known yet, 1 its chain does not run it, 2 it does. */
  goMod: Map<string, Uint8Array> | null;
}

let last: ModelMemo | null = null;

export function memoOf(model: DockerfileModel): ModelMemo {
  if (last === null || last.model !== model) {
    last = { model, finalBase: null, copiesStage: null, copies: [], firstBuilds: null, goMod: null };
  }
  return last;
}

/** Drops the memo (and with it the reference to the last model). */
export function releaseModelMemo(): void {
  last = null;
}
