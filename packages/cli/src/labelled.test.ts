/**
 * The labelled set (plugins/dockerfile-compliance-common/test-fixtures/labelled) through the
 * real executable: `hardened-go check --format json` must agree with every label exactly.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Finding } from '@hardened-go/plugin-dockerfile-compliance-common';
import { bytesOf, cases, expected, normalise } from '../../../plugins/dockerfile-compliance-common/test-fixtures/labelled/cases';

const BIN = path.resolve(__dirname, '..', 'bin', 'hardened-go');

describe('the labelled set through the CLI (`hardened-go check --format json`)', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hardened-go-labelled-'));
    for (const c of cases) fs.writeFileSync(path.join(dir, c.file), bytesOf(c));
  }, 180_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the JSON report agrees with every label, and the exit code is 1 (drifted and error files)', () => {
    const r = spawnSync(process.execPath, [BIN, 'check', '--format', 'json', '.'], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(r.stderr).toMatch(/^hardened-go check: policy v1 \(version [0-9a-f]{16}\) from the built-in standard\n$/);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as { standardVersion: string; files: { path: string; status: string; findings: Finding[] }[] };
    expect(report.standardVersion).toBe('v1');
    const got = Object.fromEntries(report.files.map((f) => [f.path, { status: f.status, findings: normalise(f.findings) }]));
    const want = Object.fromEntries(cases.map((c) => [c.file, expected(c)]));
    expect(got).toEqual(want);
  });
});
