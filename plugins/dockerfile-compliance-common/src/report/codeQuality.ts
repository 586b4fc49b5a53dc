/**
 * GitLab Code Quality (the Code Climate issue format GitLab reads from
 * `artifacts:reports:codequality`): the merge request widget and, where the tier allows, the
 * diff show each finding on its line. Suppressed findings are left out: GitLab has no notion
 * of an accepted finding.
 */
import type { Severity } from '../policy/types';
import { findingFingerprints } from './fingerprint';
import { artifactUri } from './sarif';
import type { FileReport } from './types';

/** @public */
export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  location: { path: string; lines: { begin: number; end: number } };
}

const SEVERITY: Record<Severity, CodeQualityIssue['severity']> = { error: 'critical', warning: 'major', info: 'info' };

/** @public */
export function toCodeQuality(files: readonly FileReport[]): CodeQualityIssue[] {
  return files.flatMap(file => {
    const fingerprints = findingFingerprints(file);
    const path = decodeURIComponent(artifactUri(file.path));
    return file.result.findings.flatMap((f, i) =>
      f.suppressed
        ? []
        : [
            {
              description: `${f.ruleId}: ${f.message}${f.fixHint ? ` Fix: ${f.fixHint}` : ''}`,
              check_name: f.ruleId,
              // unique per issue across the whole report: the path is part of it
              fingerprint: `${path}:${fingerprints[i]}`,
              severity: SEVERITY[f.severity],
              location: { path, lines: { begin: Math.max(1, f.line), end: Math.max(1, f.line, f.endLine) } },
            },
          ],
    );
  });
}
