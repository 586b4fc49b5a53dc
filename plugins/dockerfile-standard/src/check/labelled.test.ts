/**
 * The labelled set (test-fixtures/labelled/): small Dockerfiles written from the standard's
 * text, each labelled with the expected status and the exact set of findings (ruleId,
 * severity, line, suppressed). checkDockerfile and the CLI's JSON report must agree with
 * every label exactly: a missing finding, an extra one, a wrong line or status fails.
 * The labels were written before the rule code was read; where a label and the code
 * disagreed, the standard decided (see the `why` of each case and docs/rules/*.md).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkDockerfile } from './check';
import type { Finding } from './types';
import { DEFAULT_POLICY } from '../policy/policy';

const PACKAGE = path.resolve(__dirname, '..', '..');
const REPO = path.resolve(PACKAGE, '..', '..');
const BIN = path.join(PACKAGE, 'bin', 'hardened-go.js');
const LABELLED = path.join(PACKAGE, 'test-fixtures', 'labelled');
const NOW = new Date('2026-11-26T00:00:00Z');

interface ExpectedFinding {
  ruleId: string;
  severity: string;
  line: number;
  suppressed?: boolean;
}
interface LabelledCase {
  file: string;
  status: string;
  why: string;
  findings: ExpectedFinding[];
  /** No file in the folder: the base file padded with comment lines to exactly padToBytes bytes. */
  generate?: { base: string; padToBytes: number };
}

const cases = (JSON.parse(fs.readFileSync(path.join(LABELLED, 'expectations.json'), 'utf8')) as { cases: LabelledCase[] }).cases;

/** The case's bytes: read as bytes (so invalid UTF-8 and NUL reach the checker), or generated. */
function bytesOf(c: LabelledCase): Buffer {
  if (!c.generate) return fs.readFileSync(path.join(LABELLED, c.file));
  const base = fs.readFileSync(path.join(LABELLED, c.generate.base));
  let missing = c.generate.padToBytes - base.length;
  const parts: Buffer[] = [base];
  while (missing > 0) {
    // comment lines of at most 100 bytes, the last one cut to fit exactly (never a lone '#'-less line)
    const n = Math.min(100, missing);
    parts.push(Buffer.from(n === 1 ? '\n' : `#${'x'.repeat(n - 2)}\n`));
    missing -= n;
  }
  const out = Buffer.concat(parts);
  if (out.length !== c.generate.padToBytes) throw new Error(`generated ${c.file} has ${out.length} bytes`);
  return out;
}

/** Findings in a comparable, order-independent form. */
function normalise(findings: readonly ExpectedFinding[]): string[] {
  return findings.map((f) => `${f.ruleId} ${f.severity} line ${f.line}${f.suppressed ? ' suppressed' : ''}`).sort();
}

const expected = (c: LabelledCase) => ({ status: c.status, findings: normalise(c.findings) });

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

describe('the labelled set through the CLI (`hardened-go check --format json`)', () => {
  let dir: string;
  beforeAll(() => {
    // bin/hardened-go.js runs the compiled dist/: build it (incremental, quick when built)
    execFileSync(process.execPath, [path.join(REPO, 'node_modules/typescript/bin/tsc'), '-b', PACKAGE], { cwd: REPO, stdio: 'pipe' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hardened-go-labelled-'));
    for (const c of cases) fs.writeFileSync(path.join(dir, c.file), bytesOf(c));
  }, 180_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the JSON report agrees with every label, and the exit code is 1 (drifted and error files)', () => {
    const r = spawnSync(process.execPath, [BIN, 'check', '--format', 'json', '.'], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as { standardVersion: string; files: { path: string; status: string; findings: Finding[] }[] };
    expect(report.standardVersion).toBe('v1');
    const got = Object.fromEntries(report.files.map((f) => [f.path, { status: f.status, findings: normalise(f.findings) }]));
    const want = Object.fromEntries(cases.map((c) => [c.file, expected(c)]));
    expect(got).toEqual(want);
  });
});
