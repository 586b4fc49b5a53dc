/**
 * The labelled set (test-fixtures/labelled/): small Dockerfiles written from the standard's
 * text, each labelled with the expected status and the exact set of findings (ruleId,
 * severity, line, suppressed). checkDockerfile and the CLI's JSON report must agree with
 * every label exactly (the CLI's, in packages/cli): a missing finding, an extra one, a wrong line or status fails.
 * The labels were written before the rule code was read; where a label and the code
 * disagreed, the standard decided (see the `why` of each case and docs/rules/*.md).
 */
import * as fs from 'node:fs';
import { checkDockerfile } from './check';
import { DEFAULT_POLICY } from '../policy/policy';
import { LABELLED, bytesOf, cases, expected, normalise } from '../../test-fixtures/labelled/cases';

const NOW = new Date('2026-11-26T00:00:00Z');

describe('the labelled set', () => {
  it('is complete: every file has a label, every label a file (or a generator), every rule both fires and stays silent', () => {
    const files = fs.readdirSync(LABELLED).filter((f) => f.endsWith('.Dockerfile')).sort();
    expect(cases.filter((c) => !c.generate).map((c) => c.file).sort()).toEqual(files);
    expect(new Set(cases.map((c) => c.file)).size).toBe(cases.length);
    const fired = new Set(cases.flatMap((c) => c.findings.map((f) => f.ruleId)));
    const ids = Array.from({ length: 18 }, (_, i) => `GDS${String(i).padStart(3, '0')}`);
    for (const id of ids) expect(fired.has(id) ? id : `${id} never fires`).toBe(id);
    expect(cases.filter((c) => c.status === 'compliant').length).toBeGreaterThan(30);
  });

  it.each(cases.map((c) => [c.file, c] as const))('checkDockerfile agrees with the label of %s', (_file, c) => {
    const r = checkDockerfile(new Uint8Array(bytesOf(c)), DEFAULT_POLICY, { now: NOW });
    expect({ status: r.status, findings: normalise(r.findings) }).toEqual(expected(c));
  });
});

