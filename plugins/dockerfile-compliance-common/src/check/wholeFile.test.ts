/** Whole-file GDS000 conditions are one finding on line 1 (Finding contract), not one per instruction. */
import { checkDockerfile } from './check';
import { DEFAULT_POLICY } from '../policy/policy';

const gds000 = (text: string) => {
  const r = checkDockerfile(text, DEFAULT_POLICY, { now: new Date('2026-11-26T00:00:00Z') });
  expect(r.status).toBe('error');
  return r.findings.map((f) => [f.ruleId, f.line, f.message]);
};

describe('whole-file GDS000 conditions', () => {
  it('a file of comments and blank lines: one finding on line 1', () => {
    expect(gds000('# syntax=docker/dockerfile:1\n# nothing here\n\n\n')).toEqual([
      ['GDS000', 1, expect.stringMatching(/no instructions/)],
    ]);
  });
  it('instructions but no FROM: one finding on line 1, not one per instruction', () => {
    expect(gds000('# build\nRUN echo hello\nCOPY . .\nCMD ["/app"]\n')).toEqual([['GDS000', 1, expect.stringMatching(/no FROM/)]]);
  });
  it('no FROM and a specific parse error: the specific error, on its line', () => {
    // the unterminated heredoc may hide a FROM, so "no FROM" would be misleading
    expect(gds000('RUN <<EOF\necho hi\nFROM scratch\n')).toEqual([['GDS000', 1, expect.stringMatching(/heredoc|EOF/i)]]);
    expect(gds000('RUN echo hi\nFROBNICATE x\n')).toEqual([['GDS000', 2, expect.stringMatching(/unknown instruction/)]]);
  });
  it('an instruction before the first FROM of a file that has one keeps its own line', () => {
    expect(gds000('ARG A=1\nENV B=2\nFROM scratch\n')).toEqual([['GDS000', 2, expect.stringMatching(/no build stage/)]]);
  });
});
