/**
 * The whole-file rewrite (rewriteOnly: what harden() falls back to when its in-place edits
 * leave errors or warnings).
 *
 * The corpus proof: every real-world Dockerfile of the corpus (test/support/corpus.ts) is either fixed to
 * compliant (the rewrite keeps its binary and main package) or refused with a stated reason;
 * no third outcome. The outcomes are pinned in test-fixtures/fix-corpus-golden.json, where each
 * entry carries a one-line review note written after reading the file.
 * Regenerate (keeps the review notes) with: UPDATE_FIX_GOLDEN=1 npx jest src/fix/harden.corpus
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkDockerfile } from '@hardened-go/plugin-dockerfile-compliance-common';
import { buildModel } from '@hardened-go/plugin-dockerfile-compliance-common';
import { parseDockerfile } from '@hardened-go/plugin-dockerfile-compliance-common';
import { DEFAULT_POLICY } from '@hardened-go/plugin-dockerfile-compliance-common';
import { rewriteOnly } from './harden';
import { describeWithCorpus, type CorpusFile } from '../../../../test/support/corpus';

const GOLDEN = path.resolve(__dirname, '..', '..', 'test-fixtures', 'fix-corpus-golden.json');
const NOW = new Date('2026-11-26T00:00:00Z');

type Outcome = { outcome: 'fixed'; fixed: string[]; binary: string; mainPackage: string } | { outcome: 'refused'; code: string; reason: string };
type Entry = Outcome & { review: string };

function outcomeOf(file: CorpusFile): Outcome {
  const text = file.original;
  const result = rewriteOnly(text, DEFAULT_POLICY, { now: NOW });
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

const golden: Record<string, Entry> = fs.existsSync(GOLDEN) ? JSON.parse(fs.readFileSync(GOLDEN, 'utf8')) : {};

describeWithCorpus('every corpus Dockerfile is fixed to compliant or refused with a reason', (corpus) => {
  if (process.env.UPDATE_FIX_GOLDEN) {
    it('regenerates the golden file', () => {
      const next: Record<string, Entry> = {};
      for (const f of corpus) next[f.name] = { ...outcomeOf(f), review: golden[f.name]?.review ?? 'TODO: review' } as Entry;
      fs.writeFileSync(GOLDEN, `${JSON.stringify(next, null, 2)}\n`);
    });
    return;
  }

  it('the golden file covers exactly the corpus, and every entry is reviewed', () => {
    expect(Object.keys(golden).sort()).toEqual(corpus.map((f) => f.name));
    for (const [file, entry] of Object.entries(golden)) {
      expect({ file, review: entry.review }).toEqual({ file, review: expect.not.stringMatching(/^TODO|^$/) });
    }
  });

  it.each(corpus.map((f) => [f.name, f] as const))('%s', (name, file) => {
    const { review: _review, ...expected } = golden[name] ?? ({ review: '' } as Entry);
    expect(outcomeOf(file)).toEqual(expected);
  });
});
