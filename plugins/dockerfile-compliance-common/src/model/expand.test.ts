import { expand, expandWord, ExpansionError, MAX_EXPANSION_DEPTH, MAX_EXPANSION_LENGTH, type ExpandOptions } from './expand';

const vars: Record<string, string> = { A: 'a', EMPTY: '', PATHV: '/usr/local/bin:/usr/bin', FILE: 'archive.tar.gz', SP: 'x y' };
const lookup = (n: string) => vars[n];
const w = (s: string) => expandWord(s, lookup);

describe('BuildKit shell lexer expansion', () => {
  it.each([
    ['$A', 'a'],
    ['${A}', 'a'],
    ['${UNSET}', ''],
    ['pre${A}post', 'preapost'],
    ['${UNSET:-d}', 'd'],
    ['${EMPTY:-d}', 'd'],
    ['${EMPTY-d}', ''],
    ['${UNSET-d}', 'd'],
    ['${A:-d}', 'a'],
    ['${A:+x}', 'x'],
    ['${EMPTY:+x}', ''],
    ['${EMPTY+x}', 'x'],
    ['${UNSET+x}', ''],
    ['${A:?msg}', 'a'],
    ['${UNSET:-${A}}', 'a'],
    ['${UNSET:-${UNSET2:-deep}}', 'deep'],
    ["'$A'", '$A'],
    ['"$A"', 'a'],
    ['"${A} b"', 'a b'],
    ['\\$A', '$A'],
    ['"\\$A"', '$A'],
    ['a\\ b', 'a b'],
    ['$', '$'],
    ['$1x', 'x'],
    ['${FILE%.gz}', 'archive.tar'],
    ['${FILE%%.*}', 'archive'],
    ['${FILE#*.}', 'tar.gz'],
    ['${FILE##*.}', 'gz'],
    ['${PATHV/usr/opt}', '/opt/local/bin:/usr/bin'],
    ['${PATHV//usr/opt}', '/opt/local/bin:/opt/bin'],
  ])('%s -> %s', (input, expected) => {
    expect(w(input)).toBe(expected);
  });

  it('uses the backtick escape character when the file says so', () => {
    expect(expandWord('`$A', lookup, { escapeChar: '`' })).toBe('$A');
    expect(expandWord('\\$A', lookup, { escapeChar: '`' })).toBe('\\a');
  });

  it('splits words after expansion like ProcessWords', () => {
    expect(expand('$SP z', lookup, { words: true }).words).toEqual(['x', 'y', 'z']);
    expect(expand('"$SP" z', lookup, { words: true }).words).toEqual(['x y', 'z']);
  });

  it('reports unset names', () => {
    expect(expand('${X}-${A}-$Y-${Z:-d}-${W:+x}', lookup).unmatched.sort()).toEqual(['X', 'Y']);
  });

  it('keeps unset references with skipUnset', () => {
    expect(expandWord('${X}/$Y/${X:-d}/$A', lookup, { skipUnset: true })).toBe('${X}/$Y/${X:-d}/a');
  });

  it.each([
    ['${', "missing '}'"],
    ['${}', 'bad substitution'],
    ['${:a}', 'bad substitution'],
    ['${A:x}', 'unsupported modifier'],
    ['${UNSET:?must be set}', 'UNSET: must be set'],
    ['${UNSET?}', 'is not allowed to be unset'],
    ['${EMPTY:?}', 'is not allowed to be empty'],
    ["'open", 'single-quote'],
    ['"open', 'double-quote'],
    ['${A:-x', "missing '}'"],
  ])('%s is an error like BuildKit (%s)', (input, message) => {
    expect(() => w(input)).toThrow(ExpansionError);
    expect(() => w(input)).toThrow(message);
  });

  it('bounds nesting depth', () => {
    const deep = '${U:-'.repeat(MAX_EXPANSION_DEPTH + 5) + 'x' + '}'.repeat(MAX_EXPANSION_DEPTH + 5);
    let err: unknown;
    try {
      w(deep);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ExpansionError);
    expect((err as ExpansionError).pathological).toBe(true);
    // just under the bound still works
    const ok = '${U:-'.repeat(MAX_EXPANSION_DEPTH - 2) + 'x' + '}'.repeat(MAX_EXPANSION_DEPTH - 2);
    expect(w(ok)).toBe('x');
  });

  it('bounds the expanded size', () => {
    const big = 'x'.repeat(MAX_EXPANSION_LENGTH / 2 + 1);
    expect(() => expandWord('$B$B', (n) => (n === 'B' ? big : undefined))).toThrow(/exceeds/);
  });
});

describe('differential against BuildKit', () => {
  // Results recorded from BuildKit's own Lex.ProcessWord (see the fixture's generator field).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fixture = require('../../test-fixtures/buildkit-lex-cases.json') as { vars: Record<string, string>; cases: [string, string | null][] };
  it(`matches BuildKit on every recorded word`, () => {
    expect(fixture.cases.length).toBeGreaterThan(2000);
    const mismatches: string[] = [];
    for (const [input, expected] of fixture.cases) {
      let got: string | null;
      try {
        got = expandWord(input, (n) => fixture.vars[n]);
      } catch (e) {
        if (!(e instanceof ExpansionError)) throw e;
        got = null;
      }
      if (got !== expected) mismatches.push(`${JSON.stringify(input)}: buildkit ${JSON.stringify(expected)}, ours ${JSON.stringify(got)}`);
    }
    expect(mismatches).toEqual([]);
  });
});

describe('the one-pass path for plain `$NAME` / `${NAME}` words', () => {
  // expand() takes it unless words are asked for; with `words: true` the full lexer runs, so
  // the two must agree on every word, set or unset, with and without skipUnset.
  const ALPHABET = ['a', 'Z', '_', '1', '/', ':', '-', '.', ' ', '$', '$', '{', '}', 'é', '<', 'V', 'AR'];
  const generatedVars: Record<string, string> = { a: 'x', V: '1.26', VAR: '', Z_1: 'z z', AR: '$a' };
  const generatedLookup = (name: string) => generatedVars[name];
  let seed = 7;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const outcome = (word: string, options: ExpandOptions) => {
    try {
      const r = expand(word, generatedLookup, options);
      return { result: r.result, unmatched: r.unmatched };
    } catch (e) {
      return { error: (e as Error).message };
    }
  };
  it('agrees with the full lexer on 20,000 generated words', () => {
    for (let k = 0; k < 20_000; k++) {
      const word = Array.from({ length: 1 + random(10) }, () => ALPHABET[random(ALPHABET.length)]).join('');
      for (const skipUnset of [false, true]) {
        expect({ word, skipUnset, ...outcome(word, { skipUnset }) }).toEqual({ word, skipUnset, ...outcome(word, { skipUnset, words: true }) });
      }
    }
  });
});
