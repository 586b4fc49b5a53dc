/**
 * The corpus proof: every real-world Dockerfile in shared/corpus/real-world is either fixed to
 * compliant (the rewrite keeps its binary and main package) or refused with a stated reason;
 * no third outcome. The outcomes are pinned in test-fixtures/fix-corpus-golden.json, where each
 * entry carries a one-line review note written after reading the file.
 * Regenerate (keeps the review notes) with: UPDATE_FIX_GOLDEN=1 npx jest src/fix/harden.corpus
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkDockerfile } from '../check/check';
import { buildModel } from '../model/build';
import { parseDockerfile } from '../parser/parse';
import { DEFAULT_POLICY } from '../policy/policy';
import { harden } from './harden';

const CORPUS_DIR = path.resolve(__dirname, '..', '..', '..', '..', '..', 'shared', 'corpus', 'real-world');
const GOLDEN = path.resolve(__dirname, '..', '..', 'test-fixtures', 'fix-corpus-golden.json');
const NOW = new Date('2026-11-26T00:00:00Z');

type Entry =
  | { outcome: 'fixed'; fixed: string[]; binary: string; mainPackage: string; review: string }
  | { outcome: 'refused'; code: string; reason: string; review: string };

/** The original bytes: the corpus adds one `# corpus-source:` line (below any parser directives). */
function corpusOriginal(text: string): string {
  return text.replace(/^# corpus-source:[^\n]*\n/m, '');
}

function corpusFiles(): string[] {
  if (!fs.existsSync(CORPUS_DIR)) {
    if (process.env.CI) throw new Error(`the corpus is missing at ${CORPUS_DIR} (CI checks out shared/ beside the repository)`);
    return [];
  }
  return fs.readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.Dockerfile')).sort();
}

function outcomeOf(file: string): Omit<Entry, 'review'> {
  const text = corpusOriginal(fs.readFileSync(path.join(CORPUS_DIR, file), 'utf8'));
  const result = harden(text, DEFAULT_POLICY, { now: NOW });
  if (result.refused !== undefined) {
    expect(result.text).toBe(text);
    expect(result.refused.length).toBeGreaterThan(20);
    return { outcome: 'refused', code: result.refusalCode!, reason: result.refused };
  }
  expect(result.text).not.toBe(text); // every corpus file is drifted: "fixed" must change it
  expect(checkDockerfile(result.text, DEFAULT_POLICY, { now: NOW }).status).toBe('compliant');
  const model = buildModel(parseDockerfile(result.text));
  const build = model.goBuilds[0];
  return {
    outcome: 'fixed',
    fixed: result.fixed,
    binary: model.lastInChain(model.finalStage, 'ENTRYPOINT')!.instruction.args[0],
    mainPackage: build.args[build.args.length - 1],
  };
}

const files = corpusFiles();
const golden: Record<string, Entry> = fs.existsSync(GOLDEN) ? JSON.parse(fs.readFileSync(GOLDEN, 'utf8')) : {};

if (process.env.UPDATE_FIX_GOLDEN) {
  test('regenerates the golden file', () => {
    const next: Record<string, Entry> = {};
    for (const f of files) next[f] = { ...outcomeOf(f), review: golden[f]?.review ?? 'TODO: review' } as Entry;
    fs.writeFileSync(GOLDEN, `${JSON.stringify(next, null, 2)}\n`);
  });
} else {
  describe('every corpus Dockerfile is fixed to compliant or refused with a reason', () => {
    it('the golden file covers exactly the corpus, and every entry is reviewed', () => {
      if (files.length === 0) return; // no corpus outside CI: nothing to compare
      expect(Object.keys(golden).sort()).toEqual(files);
      for (const [file, entry] of Object.entries(golden)) {
        expect({ file, review: entry.review }).toEqual({ file, review: expect.not.stringMatching(/^TODO|^$/) });
      }
    });

    it.each(files)('%s', (file) => {
      const { review: _review, ...expected } = golden[file] ?? ({ review: '' } as Entry);
      expect(outcomeOf(file)).toEqual(expected);
    });
  });
}
