/**
 * Properties of parseDockerfile on arbitrary input: it never throws, its result is well
 * formed, and its time grows linearly with the input (generous bounds; no absolute times).
 */
import fc from 'fast-check';
import { parseDockerfile } from './parse';
import type { ParsedDockerfile } from './types';
import { corpusTextsOrExamples } from '../../../../test/support/corpus';

// the corpus as stored (its metadata comment line included), or the example Dockerfiles
const CORPUS = corpusTextsOrExamples();

const TRICKY = ['\\', '`', '\n', '\r\n', '\r', '<<', '<<-', '<<EOF', '\nEOF\n', '"', "'", '#', ' ', '\t', '--', '--from=', '=', '[', ']', '["', '$', '${', '}', '\u0000', '\u00a0', '\u0085', '\ufeff', 'é', '😀', '\ud800', '# escape=`\n', 'ONBUILD ', 'RUN ', 'RUN <<EOF ', '${a:-', '['.repeat(12000), '${x:-'.repeat(3000), 'ONBUILD ONBU\u0130LD '.repeat(200), 'ONBUILD \\\n'.repeat(3000)];

type Mutation = { kind: 'insert'; at: number; s: string } | { kind: 'delete' | 'duplicate'; at: number; len: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), s: fc.constantFrom(...TRICKY) }),
  fc.record({ kind: fc.constantFrom('delete' as const, 'duplicate' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
);

function applyMutation(text: string, m: Mutation): string {
  const at = text.length === 0 ? 0 : m.at % (text.length + 1);
  switch (m.kind) {
    case 'insert':
      return text.slice(0, at) + m.s + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.len);
    case 'duplicate':
      return text.slice(0, at) + text.slice(at, at + m.len) + text.slice(at);
  }
}

function lineCount(text: string): number {
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** Shape problems of a result (empty when well formed); plain checks keep 1000s of runs fast. */
function shapeProblems(text: string, r: ParsedDockerfile): string[] {
  const problems: string[] = [];
  const lines = lineCount(text);
  if (!Array.isArray(r.errors) || !Array.isArray(r.instructions)) problems.push('missing arrays');
  if (r.escapeChar !== '\\' && r.escapeChar !== '`') problems.push(`escape ${r.escapeChar}`);
  let previousEnd = 0;
  for (const ins of r.instructions) {
    if (!(ins.line > previousEnd && ins.endLine >= ins.line && ins.endLine <= lines)) {
      problems.push(`${ins.keyword} has lines ${ins.line}-${ins.endLine} after ${previousEnd} (file has ${lines})`);
    }
    if (ins.keyword !== ins.keyword.toUpperCase()) problems.push(`keyword ${ins.keyword} not upper-case`);
    if (!ins.args.every((a) => typeof a === 'string')) problems.push(`${ins.keyword} has non-string args`);
    previousEnd = ins.endLine;
  }
  for (const e of r.errors) {
    if (typeof e.message !== 'string' || e.message === '' || !(e.endLine >= e.line)) problems.push(`bad error ${JSON.stringify(e)}`);
  }
  // no instructions is never a clean verdict
  if (r.instructions.length === 0 && r.errors.length === 0) problems.push('no instructions and no error');
  return problems;
}

function expectWellFormed(text: string, r: ParsedDockerfile): void {
  const problems = shapeProblems(text, r);
  if (problems.length > 0) expect(problems).toEqual([]);
}

describe('parseDockerfile properties', () => {
  it('never throws and stays well formed on mutated corpus files', () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(mutationArb, { minLength: 1, maxLength: 12 }), (pick, mutations) => {
        const text = mutations.reduce(applyMutation, CORPUS[pick % CORPUS.length]);
        expectWellFormed(text, parseDockerfile(text));
      }),
      { numRuns: 1500 },
    );
  });

  it('never throws on arbitrary strings of parser-relevant pieces', () => {
    const piece = fc.oneof(fc.constantFrom(...TRICKY, 'FROM x', 'COPY a b', 'HEALTHCHECK ', '--mount=', 'a'), fc.string({ maxLength: 5 }));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const text = pieces.join('');
        expectWellFormed(text, parseDockerfile(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on arbitrary unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        expectWellFormed(text, parseDockerfile(text));
      }),
      { numRuns: 1000 },
    );
  });
});

/**
 * Fastest time of one call of fn over repetitions lasting about `budgetMs` (at least 5):
 * the minimum is what the code costs; other processes and GC pauses only add to it.
 */
function timePerCall(fn: () => void, budgetMs = 40): number {
  fn(); // warm up
  let best = Infinity;
  let runs = 0;
  const deadline = performance.now() + budgetMs;
  do {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
    runs++;
  } while (performance.now() < deadline || runs < 5);
  return Math.max(best, 0.001);
}

describe('parseDockerfile time is linear in the input', () => {
  // Each family builds an input of `n` repetitions; 100x larger input may take at most
  // ~2,000x the time (a quadratic parser would take ~10,000x).
  const families: [string, (n: number) => string][] = [
    // 4 vs 400 files: the large one is about 1 MiB, the policy's default maxFileBytes
    ['concatenated corpus files', (n) => Array.from({ length: (n * 2) / 5 }, (_, i) => CORPUS[i % CORPUS.length]).join('\n')],
    ['one long continuation', (n) => 'FROM x\nRUN a \\\n' + '  b \\\n'.repeat(n * 20) + '  c\n'],
    ['continuation with comment lines', (n) => 'FROM x\nRUN a \\\n' + '# c\n  b \\\n'.repeat(n * 10) + '  c\n'],
    ['many heredocs on one line', (n) => 'FROM x\nRUN ' + '<<E '.repeat(n * 5) + '\n' + 'body\nE\n'.repeat(n * 5)],
    ['one long heredoc body', (n) => 'FROM x\nRUN <<EOF\n' + 'echo line\n'.repeat(n * 20) + 'EOF\n'],
    ['long quoted ENV line', (n) => 'FROM x\nENV ' + 'A="x y" B=\'z\' '.repeat(n * 3) + '\n'],
    ['many flags', (n) => 'FROM x\nRUN ' + '--mount=type=cache,target=/x '.repeat(n * 2) + 'true\n'],
    ['unterminated quotes with <<', (n) => 'FROM x\nRUN "' + '<< '.repeat(n * 10) + '\n'],
    ['deep JSON', (n) => 'FROM x\nCMD ' + '['.repeat(n * 5) + ']'.repeat(n * 5) + '\n'],
    ['backslashes', (n) => 'FROM x\nRUN ' + '\\\\ '.repeat(n * 20) + '\n'],
    ['nested substitutions in a heredoc line', (n) => 'FROM x\nRUN <<EOF ' + '${a:-'.repeat(n) + '}'.repeat(n) + '\nEOF\n'],
    ['nested ONBUILD over continuations', (n) => 'FROM x\n' + 'ONBUILD ONBU\u0130LD \\\n'.repeat(n) + 'RUN x\n'],
  ];

  it.each(families)('%s', (_, build) => {
    const small = build(10);
    const large = build(1000);
    const sizeRatio = large.length / small.length; // about 100
    const tSmall = timePerCall(() => parseDockerfile(small));
    const tLarge = timePerCall(() => parseDockerfile(large), 300);
    const timeRatio = tLarge / tSmall;
    if (timeRatio >= 2 * sizeRatio) {
      console.warn(`${_}: ${sizeRatio.toFixed(0)}x the input took ${timeRatio.toFixed(0)}x the time`);
    }
    // linear is ~1x sizeRatio; quadratic would be ~100x it. The small input takes only
    // microseconds, so GC pauses and a loaded 2-core machine can inflate the ratio several
    // times (4x failed once under load): 20x still tells linear from quadratic.
    expect(timeRatio).toBeLessThan(20 * sizeRatio);
  });
});
