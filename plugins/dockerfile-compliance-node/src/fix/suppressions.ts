/**
 * The user's suppression comments across a rewrite. A suppressed error/warning is a decision
 * (`# hardened-go ignore=GDS009 reason="binds port 80"`) that a rewrite to the standard would
 * silently undo, so the fixer refuses instead. Global suppressions (file-wide decisions) are
 * carried into the rewrite; a per-instruction one goes with its instruction, which the
 * rewrite replaces.
 */
import { collectSuppressions, parseSuppressionComment } from '@hardened-go/plugin-dockerfile-compliance-common';
import type { CheckResult } from '@hardened-go/plugin-dockerfile-compliance-common';
import type { ParsedDockerfile } from '@hardened-go/plugin-dockerfile-compliance-common';
import { ALL_RULES } from '@hardened-go/plugin-dockerfile-compliance-common';
import { Refusal } from './refusals';

const KNOWN_IDS: ReadonlySet<string> = new Set(ALL_RULES.map((r) => r.id));

export function refuseOverriddenSuppressions(before: CheckResult): void {
  const decided = before.findings.filter((f) => f.suppressed && (f.severity === 'error' || f.severity === 'warning'));
  if (decided.length === 0) return;
  const f = decided[0];
  throw new Refusal(
    'suppressed',
    `line ${f.line} suppresses ${f.ruleId} on purpose (reason: "${f.suppressionReason ?? ''}"); a rewrite to the standard would undo that decision, so fix the rest by hand or remove the suppression first`,
  );
}

/** Global suppression comments of `parsed` whose every rule the file suppresses, inserted after the rewrite's header comment. */
export function keptSuppressions(parsed: ParsedDockerfile, rewritten: string): string {
  const { global } = collectSuppressions(parsed, KNOWN_IDS);
  if (global.size === 0) return rewritten;
  // the checker's grammar decides what a global suppression names
  const kept = parsed.comments
    .filter((c) => {
      const s = parseSuppressionComment(c, KNOWN_IDS);
      return s !== null && s.global && s.ids.length > 0 && s.ids.every((id) => global.has(id));
    })
    .map((c) => `# ${c.text}`);
  if (kept.length === 0) return rewritten;
  const lines = rewritten.split('\n');
  let header = 0;
  while (header < lines.length && lines[header].startsWith('#')) header++;
  lines.splice(header, 0, ...kept);
  return lines.join('\n');
}
