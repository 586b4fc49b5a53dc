/**
 * The semantic model of a Dockerfile: what rules reason about. Built once per file from
 * the parser's syntax tree (see build.ts); rules never look at text again.
 */
import type { Instruction, ParsedDockerfile } from '../parser/types';
import type { Map as PersistentMap } from 'immutable';

/**
 * An external image reference after ARG expansion, split like a registry reference.
 *
 * @public
 */
export interface ImageRef {
  /** The reference as expanded, e.g. `docker.io/library/golang:1.26.8-alpine3.23`. */
  ref: string;
  /** Repository without the Docker Hub defaults: `golang`, `gcr.io/distroless/static-debian12`. */
  repository: string;
  tag: string | null;
  /** `sha256:...` when pinned by digest. */
  digest: string | null;
  /** Build args the reference used that have no value in the file (supplied at build time or empty). */
  unresolvedArgs: string[];
}

/** @public */
export type BaseImage =
  | { kind: 'scratch' }
  | { kind: 'stage'; stage: Stage }
  | ({ kind: 'image' } & ImageRef);

/**
 * Read access to one version of a persistent variable map (see scope.ts).
 *
 * @public
 */
export interface VarMap<V> {
  get(name: string): V | undefined;
  has(name: string): boolean;
}

/**
 * ENV and ARG values visible at a point of a stage: persistent maps, so each instruction's
 * snapshot shares all but a few nodes with the one before it (memory linear in the file).
 *
 * @public
 */
export interface Vars {
  env: VarMap<string>;
  /** ARGs declared in the stage (or inherited from its parent stage); undefined = no value. */
  args: VarMap<string | undefined>;
}

/**
 * One instruction of a stage with the state in effect before it runs.
 *
 * @public
 */
export interface StageInstruction {
  instruction: Instruction;
  stage: Stage;
  /** ENV/ARG in effect when the instruction runs (before its own changes). */
  vars: Vars;
  /** Absolute working directory when the instruction runs. */
  workdir: string;
  /** 0-based position among all stage instructions of the file, in file order (the model keeps per-instruction facts in arrays by it). */
  index: number;
}

/** @public */
export interface Stage {
  /** 0-based position in the file; also what `COPY --from=<n>` refers to. */
  index: number;
  /** Lower-cased `AS` name, or null. */
  name: string | null;
  from: Instruction;
  /** The FROM image word after expansion with the global ARGs. */
  baseName: string;
  base: BaseImage;
  /** The stage this one is built FROM, if any. */
  parent: Stage | null;
  /** Instructions after FROM, in order. */
  instructions: StageInstruction[];
  /** Vars at the end of the stage (what a child stage inherits). */
  endVars: Vars;
  endWorkdir: string;
}

/**
 * A file placed into a stage by COPY/ADD.
 *
 * @public
 */
export interface CopyOp {
  at: StageInstruction;
  keyword: 'COPY' | 'ADD';
  /** Expanded source paths; heredoc sources are the heredoc names. */
  sources: string[];
  /** Names of sources that are heredocs (inline file content). */
  heredocSources: string[];
  /** Expanded destination, made absolute against WORKDIR. */
  dest: string;
  /** `--from` after expansion: a stage, an image name, or null for the build context. */
  from: { kind: 'stage'; stage: Stage } | { kind: 'image'; name: string } | null;
}

/**
 * A `--mount` of a RUN instruction.
 *
 * @public
 */
export interface RunMount {
  type: string;
  options: Map<string, string>;
}

/**
 * One `go build` / `go install` command and the environment it runs with.
 *
 * @public
 */
export interface GoBuild {
  at: StageInstruction;
  subcommand: 'build' | 'install';
  /** The words after the subcommand (flags and packages). */
  args: string[];
  /** The go process' environment: inline assignments first, then exported shell variables, then ENV/ARG, then `go env -w`. */
  env: (name: string) => string | undefined;
  /** Effective `-ldflags` value (command line wins over GOFLAGS), or null. */
  ldflags: string | null;
  trimpath: boolean;
  /** Effective `-mod` (`vendor`, `mod`, `readonly`; command line wins over GOFLAGS), or null. */
  mod: string | null;
  /** Effective `-tags`, split on commas and spaces. */
  tags: string[];
}

/** @public */
export interface DockerfileModel {
  parsed: ParsedDockerfile;
  /** ARGs before the first FROM, visible to FROM lines only (unless redeclared in a stage). */
  globalArgs: ReadonlyMap<string, string | undefined>;
  stages: Stage[];
  /** The last stage (the image that is built by default). */
  finalStage: Stage;
  /** A stage by `AS` name (case-insensitive) or index, as `COPY --from` / `FROM` refer to it. */
  stageByRef(ref: string): Stage | null;
  /** The stages a stage is built FROM, root first (stages only copied from are not ancestors). */
  ancestorsOf(stage: Stage): Stage[];
  /** ancestorsOf(stage) followed by stage. */
  chainOf(stage: Stage): Stage[];
  /** Every instruction of the chain of `stage`, in the order they apply to its image. */
  chainInstructions(stage: Stage): StageInstruction[];
  /** The first stage of the stage's FROM chain (the stage itself when it is built FROM an image or scratch). */
  rootStage(stage: Stage): Stage;
  /** The stage's base after following `FROM <stage>` chains: scratch or an external image. */
  rootBase(stage: Stage): Exclude<BaseImage, { kind: 'stage' }>;
  /** Variable lookup (ENV over ARG) at an instruction. */
  envAt(at: StageInstruction): (name: string) => string | undefined;
  /** Expands a word with the variables at an instruction (BuildKit lexer; throws ExpansionError). */
  expandAt(at: StageInstruction, word: string): string;
  /** The last USER of the stage's chain (expanded), or null when none is set. */
  effectiveUser(stage: Stage): { user: string; group: string | null; at: StageInstruction } | null;
  /** The last instruction with `keyword` (CMD, ENTRYPOINT, ...) in the stage's chain. */
  lastInChain(stage: Stage, keyword: string): StageInstruction | null;
  /** COPY/ADD instructions that put files into the stage's image (its whole chain). */
  copiesInto(stage: Stage): CopyOp[];
  /** Every COPY/ADD of the file. */
  allCopies: CopyOp[];
  /** The COPY/ADD at an instruction, or null. */
  copyAt(at: StageInstruction): CopyOp | null;
  /** Shell commands a RUN instruction runs (shell form, exec form, heredoc scripts). */
  commandsOf(at: StageInstruction): SimpleCommand[];
  mountsOf(at: StageInstruction): RunMount[];
  /** A RUN's command text plus heredoc bodies (for cheap "could it mention X" prefilters); '' for other instructions. */
  runText(at: StageInstruction): string;
  /** Stages whose files reach the final image: its chain and, transitively, what they copy or mount from. */
  shippedStages: ReadonlySet<Stage>;
  /** `go build`/`go install` commands in shipped stages (stages whose files reach the final image). */
  goBuilds: GoBuild[];
  /** Stages that run a shipped go build (each rule also looks at its ancestors via chainOf). */
  buildStages: Stage[];
}

/** @public */
export interface SimpleCommand {
  /** Words after the leading `NAME=value` assignments, quotes removed, variables expanded. */
  words: string[];
  /** The leading `NAME=value` assignments (the command's own environment). */
  assignments: ReadonlyMap<string, string>;
  /** Shell variables exported at this point by earlier commands of the same script (a persistent map, shared between commands). */
  exported: Scope<string>;
}

/**
 * A persistent map of variables (Immutable.js): setting one makes a new version sharing all but O(log n) nodes (see scope.ts).
 *
 * @public
 */
export type Scope<V> = PersistentMap<string, V>;
