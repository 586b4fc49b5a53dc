import type { Finding } from '@hardened-go/plugin-dockerfile-compliance-common';

/**
 * What the adapter (CLI, rollout) knows about the repository beside the Dockerfile.
 *
 * @public
 */
export interface HardenContext {
  /** The Go version go.mod asks for: the higher of its `go` and `toolchain` lines (`1.26.3`). */
  goModGoVersion?: string;
  /** The `module` path of go.mod, to map `go install <module>/cmd/x` to `./cmd/x`. */
  goModulePath?: string;
  /** go.mod's text: the checks before and after fixing compare its `go` line with the build image (GDS018). */
  goMod?: string;
  /** true when a `.go` file of the module has `import "C"` (cgo). */
  repoHasCgo?: boolean;
  /** The clock for rollout deadlines when the result is checked. */
  now?: Date;
  /**
   * When the in-place edits leave errors or warnings, try the whole-file rewrite from the
   * canonical template and take it if it checks clean (default true). False keeps every
   * change to minimal edits of the owner's lines.
   */
  rewrite?: boolean;
}

/**
 * Why the fixer would not rewrite a file; each has one test and one doc entry.
 *
 * @public
 */
export type RefusalCode =
  | 'unreadable'
  | 'not-go'
  | 'no-go-build'
  | 'remote-source'
  | 'cgo'
  | 'multiple-binaries'
  | 'needs-shell'
  | 'runtime-packages'
  | 'foreign-files'
  | 'other-targets'
  | 'unsupported-build'
  | 'go-version'
  | 'cannot-render'
  | 'not-clean'
  | 'suppressed'
  | 'too-complex'
  | 'no-safe-edit';

/**
 * An error or warning the fixer left for a human, and why.
 *
 * @public
 */
export interface UnfixedFinding {
  ruleId: string;
  /** Line in the fixed text. */
  line: number;
  reason: string;
}

/**
 * One in-place edit of the owner's file, for the pull request.
 *
 * @public
 */
export interface FixEdit {
  /** The rules whose findings the edit removes. */
  ruleIds: string[];
  /** Lines of the fixed text the edit wrote (for a removal only: where the lines were). */
  lines: number[];
  /** What changed, in one sentence. */
  what: string;
  /** Why: the rules' titles. */
  why: string;
}

/** @public */
export interface HardenResult {
  /** The hardened Dockerfile; the input unchanged when it was already compliant or was refused. */
  text: string;
  /** Rule IDs that reported on the input and no longer report on `text`, sorted. */
  fixed: string[];
  /** Findings of `text` under the policy (info and suppressed ones included). */
  remaining: Finding[];
  /** Set when the fixer refused: why, in one sentence naming the line or value. */
  refused?: string;
  refusalCode?: RefusalCode;
  /** What the fixer changed or dropped on purpose, one sentence each (so a reviewer sees it beside the diff). */
  notes: string[];
  /** How the file was fixed: minimal edits of its lines, or the whole-file rewrite. Unset when nothing changed. */
  method?: 'edits' | 'rewrite';
  /** With `method: 'edits'`: each edit, in the order made. */
  edits?: FixEdit[];
  /** Set when errors or warnings are left (fixed in part, or refused): each with why the fixer left it. */
  unfixed?: UnfixedFinding[];
}
