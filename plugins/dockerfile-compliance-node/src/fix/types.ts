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
  /** true when a `.go` file of the module has `import "C"` (cgo). */
  repoHasCgo?: boolean;
  /** The clock for rollout deadlines when the result is checked. */
  now?: Date;
  /**
   * When the whole-file rewrite is refused, fix in place what can be fixed safely (one rule
   * at a time, minimal line edits, each proven) and report the rest in `unfixed`. Files the
   * fixer must not touch at all (unreadable, not a Go service, ONBUILD, too complex) are
   * still refused. Off by default in this release.
   */
  partial?: boolean;
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
  | 'too-complex';

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
  /** What the rewrite dropped or changed on purpose (so a reviewer sees it in the diff output). */
  notes: string[];
  /**
   * Set when the file was fixed in part (`partial: true` in the options): the errors and
   * warnings `text` still has, each with why the fixer left it.
   */
  unfixed?: UnfixedFinding[];
}
