/** `rollout apply` on a terminal: one line per service as it is known, a bar, and the totals. */
import { visible } from '@hardened-go/plugin-dockerfile-compliance-common';
import type { CliIO } from '../command';
import type { ApplyOutcome, ApplyReport, ServiceResult } from './apply';

const LABEL: Record<ApplyOutcome, string> = {
  'would-open': 'would open',
  opened: 'opened',
  'already-open': 'already open',
  'in-progress': 'in progress',
  declined: 'declined',
  refused: 'refused',
  'nothing-to-fix': 'nothing to fix',
  failed: 'failed',
  gone: 'gone',
  deferred: 'deferred',
};

/** One service as a line: what happened, the service, its pull request or the reason. */
export function serviceLine(r: ServiceResult): string {
  const detail = [r.url, r.reason].filter(Boolean).join(' ');
  // names, URLs and reasons come from the catalog, the portal and the Git host: no escape sequence reaches the terminal
  return visible(`${LABEL[r.outcome].padEnd(14)} ${r.entityRef}${detail ? `  ${detail}` : ''}`);
}

function bar(done: number, total: number, width = 30): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
}

/** Text: each service's line on stdout as it is known; on a terminal, a bar on stderr under them. */
export function progressPrinter(io: CliIO, format: 'text' | 'json'): (result: ServiceResult, done: number, total: number) => void {
  return (result, done, total) => {
    if (io.isTTY) io.stderr.write(`\r\x1b[2K`);
    if (format === 'text') io.stdout.write(`${serviceLine(result)}\n`);
    if (io.isTTY) io.stderr.write(done === total ? `${bar(done, total)}\n` : bar(done, total));
  };
}

/** The totals after the lines: what was done, and what a rerun will do. */
export function formatApplyText(report: ApplyReport): string {
  const out: string[] = [];
  const t = report.totals;
  const parts = (Object.keys(LABEL) as ApplyOutcome[]).filter((k) => (t[k] ?? 0) > 0).map((k) => `${t[k]} ${LABEL[k]}`);
  out.push('');
  out.push(
    `${report.dryRun ? 'Dry run (nothing submitted; --yes to act)' : 'Campaign run'}: ${report.results.length} service(s) of template ${report.templateRef}: ${parts.join(', ') || 'nothing selected'}`,
  );
  out.push(`  limits: ${report.limits.concurrency} task(s) at once, ${report.limits.perHour} per hour (${report.tasksLastHourBefore} started in the hour before this run)`);
  if (report.stopped) out.push(`  stopped submitting: ${report.stopped.reason}; run again after ${report.stopped.resumeAfter}`);
  if ((t.failed ?? 0) > 0) out.push('  failed tasks are tried again by the next run; their logs are in the portal under Create > Tasks');
  return `${out.map(visible).join('\n')}\n`;
}
