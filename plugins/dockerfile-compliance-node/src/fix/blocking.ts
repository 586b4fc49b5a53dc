/** The findings a fix is for: unsuppressed errors and warnings (info never makes a file drifted). */
import type { Finding } from '@hardened-go/plugin-dockerfile-compliance-common';

const BLOCKING: ReadonlySet<string> = new Set(['error', 'warning']);

export function blocking(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => !f.suppressed && BLOCKING.has(f.severity));
}
