/**
 * The JSON report: a stable contract for scripts and CI. Key order is part of the contract
 * (standardVersion, files; path, status, findings; ruleId ... suppressed); fields after
 * `suppressed` are additive.
 */
import type { FileStatus, Severity } from '../check/types';
import type { FileReport } from './types';

/** @public */
export interface JsonFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  line: number;
  endLine: number;
  suppressed: boolean;
  /** Additive: what to change. */
  fixHint: string;
  /** Additive: present only for a suppressed finding that gave a reason. */
  suppressionReason?: string;
}

/** @public */
export interface JsonFileReport {
  path: string;
  status: FileStatus;
  findings: JsonFinding[];
}

/** @public */
export interface JsonReport {
  standardVersion: string;
  files: JsonFileReport[];
}

/** @public */
export function toJsonReport(files: readonly FileReport[], options: { standardVersion: string }): JsonReport {
  return {
    standardVersion: options.standardVersion,
    files: files.map(({ path, result }) => ({
      path,
      status: result.status,
      findings: result.findings.map(f => {
        const finding: JsonFinding = {
          ruleId: f.ruleId,
          severity: f.severity,
          message: f.message,
          line: f.line,
          endLine: f.endLine,
          suppressed: f.suppressed,
          fixHint: f.fixHint,
        };
        if (f.suppressed && f.suppressionReason) finding.suppressionReason = f.suppressionReason;
        return finding;
      }),
    })),
  };
}
