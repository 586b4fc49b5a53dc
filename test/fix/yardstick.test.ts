/**
 * The fixer's yardstick (test/support/fixYardstick.ts) on the real-world corpus and the
 * labelled set, held to floors: no rewrite worse than its input, fixing twice changes
 * nothing, and the share of error and warning findings removed never drops below what the
 * fixer achieves today, with and without the in-place fixes (`partial`). Issue 17's 70 %
 * target is printed next to the figures, not asserted, until the fixer reaches it.
 */
import { describeWithCorpus } from '../support/corpus';
import { measureFixes, changedLineCount, type Yardstick } from '../support/fixYardstick';
import { bytesOf, cases } from '../../plugins/dockerfile-compliance-common/test-fixtures/labelled/cases';

/** What the whole-file rewrite removes (53 of 203 on the corpus, 26 %). */
const CORPUS_FLOOR = 0.26;
/** With the in-place fixes for what it refuses (138 of 203, 68.0 %). */
const PARTIAL_FLOOR = 0.67;

function report(name: string, y: Yardstick): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  return `[fix yardstick] ${name}: ${y.files} files, ${y.fixed} fixed, ${y.partial} fixed in part, ${y.refused} refused; removed ${y.findingsRemoved} of ${y.findingsBefore} error/warning findings (${pct(y.shareRemoved)}, target >= 70 %); median changed lines per fixed finding ${y.medianChangedLinesPerFixedFinding === null ? '-' : y.medianChangedLinesPerFixedFinding.toFixed(1)} (target <= 2)`;
}

describe('changedLineCount', () => {
  it('counts the lines only one side has', () => {
    expect(changedLineCount('a\nb\nc\n', 'a\nb\nc\n')).toBe(0);
    expect(changedLineCount('a\nb\nc', 'a\nX\nc')).toBe(2);
    expect(changedLineCount('a\nc', 'a\nb\nc')).toBe(1);
    expect(changedLineCount('a\nb\nc', 'c\nb\na')).toBe(4);
  });
});

describeWithCorpus('the fixer on the real-world corpus', (corpus) => {
  const y = measureFixes(corpus.map((f) => ({ name: f.name, text: f.original })));
  it('never makes a file worse and is idempotent', () => {
    console.log(report('corpus', y));
    expect(y.worseFiles).toEqual([]);
    expect(y.notIdempotent).toEqual([]);
  });
  it(`removes at least ${100 * CORPUS_FLOOR} % of the error and warning findings`, () => {
    expect(y.findingsBefore).toBeGreaterThan(150);
    expect(y.shareRemoved).toBeGreaterThanOrEqual(CORPUS_FLOOR);
  });
});

describeWithCorpus('the fixer with partial fixes on the real-world corpus', (corpus) => {
  const y = measureFixes(
    corpus.map((f) => ({ name: f.name, text: f.original })),
    { partial: true },
  );
  it('never makes a file worse, is idempotent, and changes at most 2 lines per fixed finding (median)', () => {
    console.log(report('corpus, partial', y));
    expect(y.worseFiles).toEqual([]);
    expect(y.notIdempotent).toEqual([]);
    expect(y.medianChangedLinesPerFixedFinding).toBeLessThanOrEqual(2);
  });
  it(`removes at least ${100 * PARTIAL_FLOOR} % of the error and warning findings`, () => {
    expect(y.shareRemoved).toBeGreaterThanOrEqual(PARTIAL_FLOOR);
    expect(y.partial).toBeGreaterThan(10);
  });
});

describe('the fixer on the labelled set', () => {
  const readable = cases.filter((c) => c.status !== 'error' && !c.generate);
  const y = measureFixes(readable.map((c) => ({ name: c.file, text: bytesOf(c).toString('utf8') })));
  it('never makes a file worse, is idempotent, and every file it fixes ends with no error or warning', () => {
    console.log(report('labelled set', y));
    expect(y.worseFiles).toEqual([]);
    expect(y.notIdempotent).toEqual([]);
    expect(y.perFile.filter((f) => f.outcome === 'fixed' && f.after > 0).map((f) => f.name)).toEqual([]);
    expect(y.fixed).toBeGreaterThan(0);
  });
  it('with partial fixes: never worse, idempotent', () => {
    const p = measureFixes(
      readable.map((c) => ({ name: c.file, text: bytesOf(c).toString('utf8') })),
      { partial: true },
    );
    console.log(report('labelled set, partial', p));
    expect(p.worseFiles).toEqual([]);
    expect(p.notIdempotent).toEqual([]);
    expect(p.shareRemoved).toBeGreaterThanOrEqual(y.shareRemoved);
  });
});
