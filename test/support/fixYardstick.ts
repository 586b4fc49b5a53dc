/**
 * The fixer's yardstick (issue 17): over a set of Dockerfiles, how many error and warning
 * findings `harden` removes, whether any rewrite is worse than its input, whether fixing
 * twice changes anything, and how many lines change per fixed finding. The suite holds it
 * to its floors (test/fix/yardstick.test.ts); `npm run bench` prints it.
 */
import { checkDockerfile, DEFAULT_POLICY, type Finding, type Policy } from '@hardened-go/plugin-dockerfile-compliance-common';
import { harden, type HardenContext } from '@hardened-go/plugin-dockerfile-compliance-node';

export interface YardstickFile {
  name: string;
  text: string;
}

export interface FileMeasure {
  name: string;
  outcome: 'fixed' | 'partial' | 'refused' | 'compliant';
  /** How a changed file was fixed. */
  method?: 'edits' | 'rewrite';
  /** Unsuppressed error and warning findings before and after. */
  before: number;
  after: number;
  /** Lines added plus lines removed (a line diff). */
  changedLines: number;
  /** Why the rewrite is worse than the input, when it is. */
  worse: string | null;
  idempotent: boolean;
}

export interface Yardstick {
  files: number;
  fixed: number;
  /** Fixed in part: some errors or warnings left, each with a reason. */
  partial: number;
  /** Changed files fixed by the whole-file rewrite (the others by in-place edits). */
  rewritten: number;
  refused: number;
  findingsBefore: number;
  findingsRemoved: number;
  /** findingsRemoved / findingsBefore. */
  shareRemoved: number;
  worseFiles: string[];
  notIdempotent: string[];
  /** Median over the files with a removed finding of changed lines / removed findings. */
  medianChangedLinesPerFixedFinding: number | null;
  perFile: FileMeasure[];
}

const blocking = (findings: readonly Finding[]) => findings.filter((f) => !f.suppressed && (f.severity === 'error' || f.severity === 'warning'));

/** Findings per rule ID, to tell a new finding from a moved one (a rewrite changes lines). */
function countByRule(findings: readonly Finding[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of findings) out.set(f.ruleId, (out.get(f.ruleId) ?? 0) + 1);
  return out;
}

/** Lines only in one of the two texts, by a longest-common-subsequence line diff. */
export function changedLineCount(a: string, b: string): number {
  if (a === b) return 0;
  const x = a.split('\n');
  const y = b.split('\n');
  // Dockerfiles are small (the fixer's inputs are bounded by the policy's maxFileBytes)
  const lcs: number[] = new Array(y.length + 1).fill(0);
  for (let i = 1; i <= x.length; i++) {
    let diagonal = 0;
    for (let j = 1; j <= y.length; j++) {
      const above = lcs[j]!;
      lcs[j] = x[i - 1] === y[j - 1] ? diagonal + 1 : Math.max(above, lcs[j - 1]!);
      diagonal = above;
    }
  }
  return x.length + y.length - 2 * lcs[y.length]!;
}

function measureFile(file: YardstickFile, policy: Policy, context: HardenContext & { now: Date }): FileMeasure {
  const now = context.now;
  const before = checkDockerfile(file.text, policy, { now });
  const result = harden(file.text, policy, context);
  const base = { name: file.name, before: blocking(before.findings).length };
  if (result.refused !== undefined || result.text === file.text) {
    return { ...base, outcome: before.status === 'compliant' ? 'compliant' : 'refused', after: base.before, changedLines: 0, worse: null, idempotent: harden(file.text, policy, context).text === file.text };
  }
  const after = checkDockerfile(result.text, policy, { now });
  let worse: string | null = null;
  if (after.status === 'error' && before.status !== 'error') worse = `the rewrite is unreadable: ${after.findings[0]?.message}`;
  const was = countByRule(before.findings.filter((f) => !f.suppressed));
  for (const [rule, n] of countByRule(after.findings.filter((f) => !f.suppressed))) {
    if (n > (was.get(rule) ?? 0)) worse ??= `the rewrite has a new ${rule} finding`;
  }
  return {
    ...base,
    outcome: result.unfixed !== undefined ? 'partial' : 'fixed',
    ...(result.method ? { method: result.method } : {}),
    after: blocking(after.findings).length,
    changedLines: changedLineCount(file.text, result.text),
    worse,
    idempotent: harden(result.text, policy, context).text === result.text,
  };
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** `rewrite: false`: in-place edits only, no whole-file rewrite for what they leave (HardenContext.rewrite). */
export function measureFixes(files: readonly YardstickFile[], options: { rewrite?: boolean; policy?: Policy; now?: Date } = {}): Yardstick {
  const policy = options.policy ?? DEFAULT_POLICY;
  const context = { now: options.now ?? new Date('2026-11-26T00:00:00Z'), rewrite: options.rewrite ?? true };
  const perFile = files.map((f) => measureFile(f, policy, context));
  const findingsBefore = perFile.reduce((n, f) => n + f.before, 0);
  const findingsRemoved = perFile.reduce((n, f) => n + Math.max(0, f.before - f.after), 0);
  return {
    files: perFile.length,
    fixed: perFile.filter((f) => f.outcome === 'fixed').length,
    partial: perFile.filter((f) => f.outcome === 'partial').length,
    rewritten: perFile.filter((f) => f.method === 'rewrite').length,
    refused: perFile.filter((f) => f.outcome === 'refused').length,
    findingsBefore,
    findingsRemoved,
    shareRemoved: findingsBefore === 0 ? 1 : findingsRemoved / findingsBefore,
    worseFiles: perFile.filter((f) => f.worse !== null).map((f) => `${f.name}: ${f.worse}`),
    notIdempotent: perFile.filter((f) => !f.idempotent).map((f) => f.name),
    medianChangedLinesPerFixedFinding: median(perFile.filter((f) => f.before > f.after).map((f) => f.changedLines / (f.before - f.after))),
    perFile,
  };
}
