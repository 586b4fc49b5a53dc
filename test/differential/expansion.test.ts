/**
 * Differential test of variable expansion: our expand() against BuildKit's own shell lexer
 * (shell.Lex.ProcessWord, run live through test/buildkit-parser --lex) on random words
 * rich in the pattern forms `${v#p}`, `${v##p}`, `${v%p}`, `${v%%p}`, `${v/p/r}` and
 * `${v//p/r}`, whose matcher (model/shellPattern.ts) replaced backtracking RegExps. The
 * values hold what makes RE2 and JavaScript differ: "\n" (which `.` never matches), "\r",
 * U+2028, astral code points; replacements hold `$0`-style templates. The bar is 100 %.
 *
 * Needs the Go toolchain: skipped locally without it, a failure in CI.
 */
import { expand } from '@hardened-go/plugin-dockerfile-compliance-common';
import { buildkitLex, buildkitParserStatus, goToolchain, type LexCase } from '../buildkit-parser/run';
import { seededRandom } from './edgeCases';

jest.setTimeout(300_000);

const VARS: Record<string, string> = {
  A: 'a',
  EMPTY: '',
  V: 'xxyxyzz',
  P: '/usr/local/bin:/usr/bin',
  NL: 'ab\ncd\nab',
  CR: 'x\ry\rx',
  U: 'é😀é\u2028😀',
  STARS: 'a*b?c\\d',
};

const PATTERN_TOKENS = ['*', '**', '?', 'x', 'y', 'z', 'a', 'b', '\\*', '\\?', '\\\\', '\\}', '\\/', '\n', '\r', 'é', '😀', '\u2028', '/', ':', '.', '[', '(', '$A', '${A}', '\\q'];
const REPLACEMENT_TOKENS = ['-', '', '$0', '\\$0', '\\$$', '\\${0}', '\\$1', '\\$x', '\\$', '$A', 'R', '\\}'];
const OPERATORS = ['#', '##', '%', '%%', '/', '//'];

function pick<T>(rnd: () => number, items: readonly T[]): T {
  return items[Math.floor(rnd() * items.length)]!;
}

function randomPattern(rnd: () => number): string {
  let p = '';
  const n = Math.floor(rnd() * 6);
  for (let i = 0; i < n; i++) p += pick(rnd, PATTERN_TOKENS);
  return p;
}

/** A word of one to three pattern expansions with some literal text around them. */
function randomWord(rnd: () => number): string {
  let w = rnd() < 0.3 ? 'pre' : '';
  const parts = 1 + Math.floor(rnd() * 3);
  for (let i = 0; i < parts; i++) {
    const name = pick(rnd, Object.keys(VARS).concat(['UNSET']));
    const op = pick(rnd, OPERATORS);
    const pattern = randomPattern(rnd);
    if (op === '/' || op === '//') {
      let r = '';
      const n = Math.floor(rnd() * 3);
      for (let k = 0; k < n; k++) r += pick(rnd, REPLACEMENT_TOKENS);
      w += `\${${name}${op}${pattern}/${r}}`;
    } else {
      w += `\${${name}${op}${pattern}}`;
    }
    if (rnd() < 0.3) w += pick(rnd, ['-', ' ', '"q"', '$A']);
  }
  return w;
}

function ours(c: LexCase): { result: string } | { error: string } {
  try {
    return { result: expand(c.word, (n) => c.vars[n], { escapeChar: c.escape ?? '\\' }).result };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

const go = goToolchain();
if (!go.available && !process.env.CI) console.warn(`[differential] expansion skipped: ${go.reason}`);
const itWithGo = go.available || process.env.CI ? it : it.skip;

beforeAll(async () => {
  if (!go.available) throw new Error(`the expansion differential test needs Go: ${go.reason}`);
  await buildkitParserStatus();
});

describe('expand agrees with BuildKit shell lexer on pattern substitutions', () => {
  itWithGo('on 3,000 random words', async () => {
    const rnd = seededRandom(20261202);
    const cases: LexCase[] = Array.from({ length: 3000 }, () => ({ word: randomWord(rnd), vars: VARS }));
    const theirs = await buildkitLex(cases);
    const failures: string[] = [];
    let errors = 0;
    cases.forEach((c, i) => {
      const t = theirs[i]!;
      const o = ours(c);
      if ('error' in t) errors++;
      // an error on both sides agrees; the messages are compared by the recorded lexer fixture
      const agree = 'error' in t ? 'error' in o : 'result' in o && o.result === t.result;
      if (!agree) failures.push(`${JSON.stringify(c.word)}: BuildKit ${JSON.stringify(t)}, ours ${JSON.stringify(o)}`);
    });
    console.log(`[differential] expansion: ${cases.length - failures.length}/${cases.length} words agree with BuildKit (${errors} rejected by it)`);
    // both verdicts must be exercised
    expect(errors).toBeGreaterThan(50);
    expect(cases.length - errors).toBeGreaterThan(2000);
    expect(failures.slice(0, 20)).toEqual([]);
  });

  itWithGo('on the pathological patterns of the hostile-input issue (small sizes BuildKit can still answer)', async () => {
    const cases: LexCase[] = [];
    for (let stars = 1; stars <= 8; stars++) {
      const pattern = Array.from({ length: stars }, () => '*').join('a') + 'y';
      for (const op of ['#', '##', '%', '%%']) cases.push({ word: `\${a${op}${pattern}}`, vars: { a: 'x'.repeat(20) } });
      cases.push({ word: `\${a/${pattern}/r}`, vars: { a: 'ax'.repeat(10) } });
      cases.push({ word: `\${a//${pattern}/r}`, vars: { a: 'axay'.repeat(5) } });
    }
    const theirs = await buildkitLex(cases);
    const failures = cases.filter((c, i) => JSON.stringify(ours(c)) !== JSON.stringify(theirs[i]));
    expect(failures).toEqual([]);
  });
});
