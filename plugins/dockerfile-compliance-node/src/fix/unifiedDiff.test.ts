import fc from 'fast-check';
import { unifiedDiff } from './unifiedDiff';
import { startCpuClock } from '../../../../test/support/cpuTime';

/** Applies a unified diff produced for one file (strict: context lines must match). */
function applyPatch(oldText: string, patch: string): string {
  if (patch === '') return oldText;
  const oldLines = oldText === '' ? [] : oldText.replace(/\n$/, '').split('\n');
  const oldHasNewline = oldText === '' || oldText.endsWith('\n');
  const out: string[] = [];
  let newHasNewline = oldHasNewline;
  let cursor = 0;
  const lines = patch.replace(/\n$/, '').split('\n').slice(2);
  let last: string | null = null;
  for (const line of lines) {
    const hunk = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@$/.exec(line);
    if (hunk) {
      const start = Number(hunk[1]) - (hunk[2] === '0' ? 0 : 1);
      while (cursor < start) out.push(oldLines[cursor++]);
      if (start > 0) newHasNewline = true; // lines before a hunk are never the old file's last
      continue;
    }
    if (line === '\\ No newline at end of file') {
      if (last === '+' || last === ' ') newHasNewline = false;
      continue;
    }
    const op = line[0];
    const text = line.slice(1);
    last = op;
    if (op === ' ' || op === '-') {
      if (oldLines[cursor] !== text) throw new Error(`context mismatch at old line ${cursor + 1}`);
      cursor++;
    }
    if (op === ' ' || op === '+') {
      out.push(text);
      newHasNewline = true;
    }
  }
  while (cursor < oldLines.length) {
    out.push(oldLines[cursor++]);
    newHasNewline = oldHasNewline;
  }
  if (out.length === 0) return '';
  return out.join('\n') + (newHasNewline ? '\n' : '');
}

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n', 'Dockerfile')).toBe('');
  });

  it('writes git-style headers and hunks with three lines of context', () => {
    const before = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'].join('\n') + '\n';
    const after = before.replace('5\n', 'five\n');
    expect(unifiedDiff(before, after, 'svc/Dockerfile')).toBe(
      ['--- a/svc/Dockerfile', '+++ b/svc/Dockerfile', '@@ -2,7 +2,7 @@', ' 2', ' 3', ' 4', '-5', '+five', ' 6', ' 7', ' 8', ''].join('\n'),
    );
  });

  it('marks a missing final newline', () => {
    expect(unifiedDiff('a\nb', 'a\nb\n', 'D')).toBe(['--- a/D', '+++ b/D', '@@ -1,2 +1,2 @@', ' a', '-b', '\\ No newline at end of file', '+b', ''].join('\n'));
  });

  it('handles empty old and new files', () => {
    expect(unifiedDiff('', 'x\n', 'D')).toBe(['--- a/D', '+++ b/D', '@@ -0,0 +1 @@', '+x', ''].join('\n'));
    expect(unifiedDiff('x\n', '', 'D')).toBe(['--- a/D', '+++ b/D', '@@ -1 +0,0 @@', '-x', ''].join('\n'));
  });

  it('round-trips: applying the diff to the old text gives the new text', () => {
    const line = fc.constantFrom('FROM a', 'RUN b', 'COPY . .', '', 'USER 1:1', 'x', 'y');
    const text = fc.tuple(fc.array(line, { maxLength: 30 }), fc.boolean()).map(([ls, nl]) => (ls.length === 0 ? '' : ls.join('\n') + (nl ? '\n' : '')));
    fc.assert(
      fc.property(text, text, fc.integer({ min: 0, max: 4 }), (a, b, context) => {
        expect(applyPatch(a, unifiedDiff(a, b, 'D', context))).toBe(b);
      }),
      { numRuns: 400 },
    );
  });

  it('stays fast on a large file with a small change', () => {
    const big = Array.from({ length: 50_000 }, (_, i) => `RUN echo ${i}`).join('\n') + '\n';
    const changed = big.replace('RUN echo 25000\n', 'RUN echo changed\n');
    const diff = unifiedDiff(big, changed, 'D');
    expect(diff.split('\n').filter((l) => l.startsWith('+') || l.startsWith('-'))).toEqual(['--- a/D', '+++ b/D', '-RUN echo 25000', '+RUN echo changed']);
  });
});

describe('unifiedDiff on hostile input', () => {
  it('quotes path names the way git does, so a newline cannot break the patch', () => {
    const diff = unifiedDiff('a\n', 'b\n', 'svc\n+++ b/evil\t"x"\\');
    expect(diff.split('\n').slice(0, 2)).toEqual(['--- "a/svc\\n+++ b/evil\\t\\"x\\"\\\\"', '+++ "b/svc\\n+++ b/evil\\t\\"x\\"\\\\"']);
    expect(unifiedDiff('a\n', 'b\n', 'plain/Dockerfile').split('\n')[0]).toBe('--- a/plain/Dockerfile');
  });

  it('is linear beyond the edit bound: 40,000 removed comment lines become one hunk, applied correctly', () => {
    const comments = Array.from({ length: 40_000 }, (_, i) => `# comment line ${i}`).join('\n') + '\n';
    const before = comments + 'FROM alpine\nRUN true\nCMD x\n';
    const after = 'FROM scratch\nRUN true\nUSER 1:1\nCMD ["x"]\n';
    const cpuMs = startCpuClock();
    const diff = unifiedDiff(before, after, 'D');
    // a quadratic diff took 30 s and 12 GB here; the bound makes it one linear pass
    expect(cpuMs()).toBeLessThan(5000);
    expect(applyPatch(before, diff)).toBe(after);
  });

  it('round-trips beyond the edit bound too', () => {
    const a = Array.from({ length: 3000 }, (_, i) => `A ${i}`).join('\n') + '\nsame\n';
    const b = Array.from({ length: 3000 }, (_, i) => `B ${i}`).join('\n') + '\nsame';
    expect(applyPatch(a, unifiedDiff(a, b, 'D'))).toBe(b);
    expect(applyPatch(b, unifiedDiff(b, a, 'D'))).toBe(a);
  });
});
