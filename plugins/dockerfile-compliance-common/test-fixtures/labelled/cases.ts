/**
 * The labelled set's cases (expectations.json) and their bytes, shared by the suites that
 * hold the checker and the CLI to every label.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const LABELLED = __dirname;

export interface ExpectedFinding {
  ruleId: string;
  severity: string;
  line: number;
  suppressed?: boolean;
}
export interface LabelledCase {
  file: string;
  status: string;
  why: string;
  findings: ExpectedFinding[];
  /** No file in the folder: the base file padded with comment lines to exactly padToBytes bytes. */
  generate?: { base: string; padToBytes: number };
}

export const cases = (JSON.parse(fs.readFileSync(path.join(LABELLED, 'expectations.json'), 'utf8')) as { cases: LabelledCase[] }).cases;

/** The case's bytes: read as bytes (so invalid UTF-8 and NUL reach the checker), or generated. */
export function bytesOf(c: LabelledCase): Buffer {
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
export function normalise(findings: readonly ExpectedFinding[]): string[] {
  return findings.map((f) => `${f.ruleId} ${f.severity} line ${f.line}${f.suppressed ? ' suppressed' : ''}`).sort();
}

export const expected = (c: LabelledCase) => ({ status: c.status, findings: normalise(c.findings) });

