/** What an in-place fix reads and what it proposes. */
import type { DockerfileModel, Finding, Policy } from '@hardened-go/plugin-dockerfile-compliance-common';
import type { LineEdit } from './lineEdits';

export interface FixInput {
  model: DockerfileModel;
  /** The current text's lines (see lineEdits.ts). */
  lines: string[];
  policy: Policy;
  /** This rule's unsuppressed findings on the current text. */
  findings: Finding[];
  /** The Go release a golang build image is pinned to (the policy's, or what go.mod needs), or why none fits. */
  goVersion: { version: string } | { refused: string };
}

/** Edits that should remove the rule's findings, or why no safe edit exists. */
export type FixProposal =
  | {
      edits: LineEdit[];
      what: string;
      /** Why some of the rule's findings got no edit (the others are fixed). */
      left?: string;
    }
  | { unfixed: string };

export interface InPlaceFix {
  /** The rules one edit fixes together (GDS002 and GDS003 are both fixed by pinning a FROM). */
  ruleIds: readonly string[];
  propose(input: FixInput): FixProposal;
}
