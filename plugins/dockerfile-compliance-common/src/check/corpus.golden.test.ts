/**
 * Golden findings for the real-world corpus (test/support/corpus.ts: HARDENED_GO_CORPUS, or
 * ../shared/corpus/real-world beside the clone; skipped when absent, failing when it is not
 * the recorded one). Each file's `# corpus-source:` line is removed, then checkDockerfile's
 * status and findings (ruleId, severity, line) must equal test-fixtures/corpus-golden.json,
 * whose entries were reviewed by hand against each file (see each entry's `reviewed` note).
 *
 * UPDATE_GOLDEN=1 rewrites the findings but keeps the review notes: review the diff.
 */
import * as fs from 'fs';
import * as path from 'path';
import { checkDockerfile } from './check';
import { DEFAULT_POLICY } from '../policy/policy';
import { describeWithCorpus, type CorpusFile } from '../../../../test/support/corpus';

const GOLDEN = path.resolve(__dirname, '../../test-fixtures/corpus-golden.json');
const NOW = new Date('2026-11-26T00:00:00Z');

interface GoldenEntry {
  status: string;
  findings: [string, string, number][];
  reviewed: string;
}

const golden = JSON.parse(fs.readFileSync(GOLDEN, 'utf8')) as Record<string, GoldenEntry>;

function actual(file: CorpusFile) {
  const r = checkDockerfile(file.original, DEFAULT_POLICY, { now: NOW });
  return { status: r.status, findings: r.findings.map((f) => [f.ruleId, f.severity, f.line] as [string, string, number]) };
}

describeWithCorpus('golden findings of the real-world corpus', (corpus) => {
  const files = corpus.map((f) => f.name);
  it('the golden file covers exactly the corpus files', () => {
    expect(files.length).toBe(29);
    expect(Object.keys(golden).sort()).toEqual(files);
  });

  if (process.env.UPDATE_GOLDEN === '1') {
    it('rewrites the golden file', () => {
      const out: Record<string, GoldenEntry> = {};
      for (const f of corpus) {
        const a = actual(f);
        out[f.name] = { status: a.status, findings: a.findings, reviewed: golden[f.name]?.reviewed ?? 'NOT REVIEWED' };
      }
      fs.writeFileSync(GOLDEN, JSON.stringify(out, null, 1).replace(/\[\n\s+"(GDS[-\w]+)",\n\s+"(\w+)",\n\s+(\d+)\n\s+\]/g, '["$1", "$2", $3]') + '\n');
    });
    return;
  }

  it.each(corpus.map((f) => [f.name, f] as const))('%s', (name, file) => {
    const a = actual(file);
    const g = golden[name]!;
    expect(g.reviewed).not.toMatch(/NOT REVIEWED/);
    expect({ status: a.status, findings: a.findings }).toEqual({ status: g.status, findings: g.findings });
  });
});
