import type { CheckResult, Finding } from '@hardened-go/plugin-dockerfile-compliance-common';
import { MAX_MESSAGE_CHARS, outcomeFromCheckResult } from './summarize';

function finding(ruleId: string, severity: Finding['severity'], line: number, extra: Partial<Finding> = {}): Finding {
  return { ruleId, severity, message: `${ruleId} message`, line, endLine: line, fixHint: 'fix it', suppressed: false, ...extra };
}

const opts = { path: 'Dockerfile', url: 'https://x/Dockerfile', maxFindings: 3 };

describe('outcomeFromCheckResult', () => {
  it('keeps the library\'s status, counts unsuppressed findings and lists the most severe first', () => {
    const result: CheckResult = {
      status: 'drifted',
      standardVersion: 'v1',
      findings: [finding('GDS011', 'info', 20), finding('GDS007', 'warning', 8), finding('GDS009', 'error', 18), finding('GDS006', 'error', 8)],
    };
    const o = outcomeFromCheckResult(result, opts);
    expect(o.status).toBe('drifted');
    expect(o.counts).toEqual({ error: 2, warning: 1, info: 1 });
    expect(o.findings.map(f => f.rule)).toEqual(['GDS006', 'GDS009', 'GDS007']);
    expect(o.more).toBe(1);
    expect(o.reason).toBeUndefined();
  });

  it('leaves suppressed findings out of counts and list', () => {
    const result: CheckResult = { status: 'compliant', standardVersion: 'v1', findings: [finding('GDS012', 'warning', 3, { suppressed: true, suppressionReason: 'no TLS' })] };
    expect(outcomeFromCheckResult(result, opts)).toMatchObject({ status: 'compliant', counts: { error: 0, warning: 0, info: 0 }, findings: [], more: 0 });
  });

  it('caps long messages to one line', () => {
    const long = 'x'.repeat(1000) + '\nsecond line';
    const result: CheckResult = { status: 'drifted', standardVersion: 'v1', findings: [finding('GDS002', 'error', 1, { message: long })] };
    const [f] = outcomeFromCheckResult(result, opts).findings;
    expect(f.message.length).toBe(MAX_MESSAGE_CHARS);
    expect(f.message).not.toContain('\n');
  });

  it('turns GDS000 into an error with the library\'s reason', () => {
    const result: CheckResult = { status: 'error', standardVersion: 'v1', findings: [finding('GDS000', 'error', 2, { message: 'unterminated heredoc <<EOF' })] };
    expect(outcomeFromCheckResult(result, opts)).toMatchObject({ status: 'error', reasonCode: 'not-checkable', reason: 'unterminated heredoc <<EOF' });
  });

  it('reports a file cut at the size cap as error whatever the prefix looked like', () => {
    const result: CheckResult = { status: 'compliant', standardVersion: 'v1', findings: [] };
    expect(outcomeFromCheckResult(result, { ...opts, truncatedAtBytes: 1024 })).toMatchObject({
      status: 'error',
      reasonCode: 'not-checkable',
      reason: expect.stringContaining('larger than 1024 bytes'),
    });
  });
});
