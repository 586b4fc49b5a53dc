/** The shape of one rule of the standard: metadata for docs/SARIF/UI plus a pure check. */
import type { Severity } from '../policy/types';
import type { DockerfileModel } from '../model/types';
import type { Policy } from '../policy/types';
import type { GoModRequirement } from '../buildContext/goMod';

/**
 * A finding before severity resolution and suppressions (check/ adds those).
 *
 * @public
 */
export interface RawFinding {
  message: string;
  line: number;
  endLine: number;
  /** Overrides the rule's generic fixHint with a specific one. */
  fixHint?: string;
}

/**
 * IDs of overlapping checks in other tools, for cross-reference.
 *
 * @public
 */
export interface RelatedRules {
  hadolint: string[];
  trivy: string[];
  checkov: string[];
  buildkit: string[];
}

/** @public */
export interface Rule {
  /** `GDS001` ... */
  id: string;
  title: string;
  defaultSeverity: Severity;
  /** Why the standard asks for it, in one or two sentences. */
  rationale: string;
  /** What to change, in one sentence. */
  fixHint: string;
  /** The rule's page, relative to the package root (`docs/rules/GDS001.md`). */
  docsPath: string;
  /**
   * False for a rule whose severity no policy may change (GDS000: turning it down would
   * report unreadable files as compliant). Absent means configurable.
   */
  configurable?: boolean;
  related: RelatedRules;
  /** Pure: reads the model, the policy and what the caller knows of the build context. */
  check(model: DockerfileModel, policy: Policy, context?: BuildContextFacts): RawFinding[];
}

/**
 * What the caller read from the build context beside the Dockerfile (CheckOptions.goMod).
 *
 * @public
 */
export interface BuildContextFacts {
  /** go.mod's `go` directive, when go.mod was found. */
  goMod?: GoModRequirement;
}

export const NO_RELATED: RelatedRules = { hadolint: [], trivy: [], checkov: [], buildkit: [] };
