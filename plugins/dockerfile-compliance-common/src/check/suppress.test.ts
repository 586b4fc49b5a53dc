/** The suppression grammar on its own (parseSuppressionComment), as the checker and the fixer both read it. */
import { parseSuppressionComment } from './suppress';

const KNOWN = new Set(['GDS001', 'GDS013', 'GDS016', 'GDS000', 'GDS-SUPPRESS']);
const read = (text: string) => parseSuppressionComment({ line: 3, text }, KNOWN);

describe('parseSuppressionComment', () => {
  it('is null for a comment that is no suppression', () => {
    expect(read('just a comment')).toBeNull();
    expect(read('hardened-gopher')).toBeNull();
  });

  it('reads well-formed per-instruction and global suppressions', () => {
    expect(read('hardened-go ignore=GDS001 reason="binds port 80"')).toEqual({ global: false, ids: ['GDS001'], reason: 'binds port 80' });
    expect(read("HARDENED-GO  GLOBAL IGNORE = gds013,gds016 reason='legacy'")).toEqual({ global: true, ids: ['GDS013', 'GDS016'], reason: 'legacy' });
    expect(read('hardened-go ignore=GDS001 reason="a \\"quoted\\" word"')).toEqual({ global: false, ids: ['GDS001'], reason: 'a "quoted" word' });
  });

  it('names what is wrong, keeping what the comment names', () => {
    expect(read('hardened-go please ignore')?.problem).toMatch(/^Malformed suppression/);
    expect(read('hardened-go ignore= reason="x"')?.problem).toMatch(/names no valid rule IDs/);
    expect(read('hardened-go ignore=GDS999 reason="x"')).toMatchObject({ ids: ['GDS999'], problem: expect.stringMatching(/unknown rule GDS999/) });
    expect(read('hardened-go ignore=GDS000 reason="x"')?.problem).toMatch(/cannot be suppressed/);
    expect(read('hardened-go global ignore=GDS013')).toMatchObject({ global: true, ids: ['GDS013'], problem: expect.stringMatching(/gives no reason/) });
    expect(read('hardened-go ignore=GDS013 reason=""')?.problem).toMatch(/on line 3 gives no reason/);
    // a space after the comma ends the IDs: the rest is not reason="..."
    expect(read("HARDENED-GO  GLOBAL IGNORE = gds013, gds016 reason='x'")).toEqual({ global: true, ids: ['GDS013'], reason: '', problem: expect.stringContaining('has unexpected text') });
  });

  it('reads hostile comments in linear time', () => {
    const long = 'a'.repeat(200_000);
    const started = Date.now();
    for (const text of [`hardened-go ignore=GDS001 reason=${long} x`, `hardened-go ignore=GDS001 reason="${'\\a'.repeat(100_000)}`, `hardened-go ${' '.repeat(200_000)}x`]) {
      expect(read(text)?.problem).toBeDefined();
    }
    // quadratic backtracking on 200k characters would take minutes
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
