/**
 * The user's suppression comments across a rewrite. A suppressed error/warning is a decision
 * (`# hardened-go ignore=GDS009 reason="binds port 80"`) that a rewrite to the standard would
 * silently undo, so the fixer refuses instead. Global suppressions (file-wide decisions) are
 * carried into the rewrite; a per-instruction one goes with its instruction, which the
 * rewrite replaces.
 */
import { collectSuppressions } from '@hardened-go/plugin-dockerfile-compliance-common';
import type { CheckResult } from '@hardened-go/plugin-dockerfile-compliance-common';
import type { ParsedDockerfile } from '@hardened-go/plugin-dockerfile-compliance-common';
import { ALL_RULES } from '@hardened-go/plugin-dockerfile-compliance-common';
import { Refusal } from './refusals';

export function refuseOverriddenSuppressions(before: CheckResult): void {
  const decided = before.findings.filter((f) => f.suppressed && (f.severity === 'error' || f.severity === 'warning'));
  if (decided.length === 0) return;
  const f = decided[0];
  throw new Refusal(
    'suppressed',
    `line ${f.line} suppresses ${f.ruleId} on purpose (reason: "${f.suppressionReason ?? ''}"); a rewrite to the standard would undo that decision, so fix the rest by hand or remove the suppression first`,
  );
}

/** Well-formed global suppression comments of `parsed`, inserted after the rewrite's header comment. */
export function keptSuppressions(parsed: ParsedDockerfile, rewritten: string): string {
  const known = new Set(ALL_RULES.map((r) => r.id));
  const { global } = collectSuppressions(parsed, known);
  if (global.size === 0) return rewritten;
  const kept = parsed.comments
    .filter((c) => /^hardened-go\s+global\s+ignore\s*=/i.test(c.text))
    .filter((c) => {
      const ids = /ignore\s*=\s*(\S*)/i.exec(c.text)?.[1]?.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean) ?? [];
      return ids.length > 0 && ids.every((id) => global.has(id));
    })
    .map((c) => `# ${c.text}`);
  if (kept.length === 0) return rewritten;
  const lines = rewritten.split('\n');
  let header = 0;
  while (header < lines.length && lines[header].startsWith('#')) header++;
  lines.splice(header, 0, ...kept);
  return lines.join('\n');
}
