import { expand, expandWord, ExpansionError, MAX_EXPANSION_DEPTH, MAX_EXPANSION_LENGTH } from './expand';

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
