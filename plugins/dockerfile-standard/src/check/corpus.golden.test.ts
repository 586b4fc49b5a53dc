/**
 * Golden findings for the real-world corpus (/work/shared/corpus/real-world, i.e.
 * <repo>/../shared/corpus/real-world). Each file's first `# corpus-source:` line is removed
 * (MANIFEST.tsv's sha256 of the original is checked), then checkDockerfile's status and
 * findings (ruleId, severity, line) must equal test-fixtures/corpus-golden.json, whose
 * entries were reviewed by hand against each file (see each entry's `reviewed` note).
 *
 * UPDATE_GOLDEN=1 rewrites the findings but keeps the review notes: review the diff.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { checkDockerfile } from './check';
import { DEFAULT_POLICY } from '../policy/policy';

const CORPUS = path.resolve(__dirname, '../../../../../shared/corpus/real-world');
const GOLDEN = path.resolve(__dirname, '../../test-fixtures/corpus-golden.json');
const NOW = new Date('2026-11-26T00:00:00Z');

interface GoldenEntry {
  status: string;
  findings: [string, string, number][];
  reviewed: string;
}

export function stripCorpusHeader(text: string): string {
  return text.replace(/^# corpus-source:[^\n]*\n/m, '');
}

const files = fs.existsSync(CORPUS) ? fs.readdirSync(CORPUS).filter((f) => f.endsWith('.Dockerfile')).sort() : [];
const manifest = new Map(
  fs.existsSync(CORPUS)
    ? fs
        .readFileSync(path.join(CORPUS, 'MANIFEST.tsv'), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split('\t'))
        .map((c) => [c[0]!, c[4]!] as [string, string])
    : [],
);
const golden = JSON.parse(fs.readFileSync(GOLDEN, 'utf8')) as Record<string, GoldenEntry>;

function actual(file: string) {
  const original = stripCorpusHeader(fs.readFileSync(path.join(CORPUS, file), 'utf8'));
  const r = checkDockerfile(original, DEFAULT_POLICY, { now: NOW });
  return { original, status: r.status, findings: r.findings.map((f) => [f.ruleId, f.severity, f.line] as [string, string, number]) };
}

describe('golden findings of the real-world corpus', () => {
  it('the corpus is there and the golden file covers exactly its files', () => {
    expect(files.length).toBe(29);
    expect(Object.keys(golden).sort()).toEqual(files);
  });

  if (process.env.UPDATE_GOLDEN === '1') {
    it('rewrites the golden file', () => {
      const out: Record<string, GoldenEntry> = {};
      for (const f of files) {
        const a = actual(f);
        out[f] = { status: a.status, findings: a.findings, reviewed: golden[f]?.reviewed ?? 'NOT REVIEWED' };
      }
      fs.writeFileSync(GOLDEN, JSON.stringify(out, null, 1).replace(/\[\n\s+"(GDS[-\w]+)",\n\s+"(\w+)",\n\s+(\d+)\n\s+\]/g, '["$1", "$2", $3]') + '\n');
    });
    return;
  }

  it.each(files)('%s', (file) => {
    const a = actual(file);
    expect(createHash('sha256').update(a.original).digest('hex')).toBe(manifest.get(file));
    const g = golden[file]!;
    expect(g.reviewed).not.toMatch(/NOT REVIEWED/);
    expect({ status: a.status, findings: a.findings }).toEqual({ status: g.status, findings: g.findings });
  });
});
