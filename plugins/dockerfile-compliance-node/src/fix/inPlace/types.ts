/** What an in-place fix reads and what it proposes. */
import type { DockerfileModel, Finding, Policy } from '@hardened-go/plugin-dockerfile-compliance-common';
import type { HardenContext } from '../types';
import type { LineEdit } from './lineEdits';

export interface FixInput {
  model: DockerfileModel;
  /** The current text's lines (see lineEdits.ts). */
  lines: string[];
  policy: Policy;
  /** This rule's unsuppressed findings on the current text. */
  findings: Finding[];
  /** What the adapter knows about the repository (cgo, go.mod). */
  context: HardenContext;
  /** The Go release a golang build image is pinned to (the policy's, or what go.mod needs), or why none fits. */
  goVersion: { version: string } | { refused: string };
}

/** Why findings stay: one reason for all of them, or one per finding line (of the text proposed on). */
export type Reasons = string | ReadonlyMap<number, string>;

/** Edits that should remove the rule's findings, or why no safe edit exists. */
export type FixProposal =
  | {
      edits: LineEdit[];
      what: string;
      /** Why some of the rule's findings got no edit (the others are fixed). */
      left?: Reasons;
    }
  | { unfixed: Reasons };

export interface InPlaceFix {
  /** The rules one edit fixes together (GDS002 and GDS003 are both fixed by pinning a FROM). */
  ruleIds: readonly string[];
  propose(input: FixInput): FixProposal;
  /**
   * Fixes made right after this one and proven with it as one change: a scratch final stage
   * needs the CA bundle, time zones and a USER that its old base brought along.
   */
  then?: readonly InPlaceFix[];
}
