/**
 * Property: hostile fragments inserted anywhere after the first FROM of a drifted Dockerfile
 * never make the checker throw, never take longer than the per-file limit, and never make
 * the file compliant: the result is `error` (GDS000), or still `drifted` with at least the
 * rules the original broke. The fragments are verdict-neutral on purpose (non-secret ENV and
 * ARG names, labels, comments, RUN scripts, expansions), so any lost finding is a bug.
 */
import fc from 'fast-check';
import { DEFAULT_POLICY, checkDockerfile, type CheckResult } from '@hardened-go/plugin-dockerfile-compliance-common';
import { DEFAULT_CHECK_LIMITS } from '@hardened-go/plugin-dockerfile-compliance-node';
import { DRIFTED_SERVICE } from './families';

const BASES = [
  DRIFTED_SERVICE,
  // scratch final stage, no USER, shell-form CMD, no CA bundle
  'FROM golang:1.26.8-alpine3.23 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\nCMD /app\n',
  // floating golang tag, ADD, apk without --no-cache
  'FROM golang:1.26 AS build\nRUN apk add git\nWORKDIR /src\nADD . .\nRUN CGO_ENABLED=0 go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app\nUSER 65534:65534\nENTRYPOINT ["/app"]\n',
];

const stars = (n: number) => Array.from({ length: n }, () => '*').join('a');

/** A verdict-neutral fragment repeated `n` times. */
const FRAGMENTS: Array<(n: number) => string> = [
  (n) => Array.from({ length: n }, (_, i) => `ENV HG_V${i}=x${i}`).join('\n'),
  (n) => Array.from({ length: n }, (_, i) => `ARG HG_A${i}=\${HG_A${Math.max(0, i - 1)}:-y}`).join('\n'),
  (n) => Array.from({ length: n }, (_, i) => `# a comment ${i} with \${unbalanced and "quotes`).join('\n'),
  (n) => `LABEL ${Array.from({ length: n }, (_, i) => `l${i}="\${HG_L:-${i}}"`).join(' \\\n  ')}`,
  (n) => `ARG HG_P=${'a'.repeat(Math.min(n, 200))}\n` + Array.from({ length: n }, (_, i) => `ENV HG_Q${i}=\${HG_P#${stars(1 + (i % 12))}y}\${HG_P//a?/b}`).join('\n'),
  (n) => `ENV HG_N=${'${HG_U:-'.repeat(Math.min(n, 80))}x${'}'.repeat(Math.min(n, 80))}`,
  (n) => `RUN true ${Array.from({ length: n }, (_, i) => `&& export HG_E${i}=$HG_E${i} && echo "$HG_E${i}"`).join(' \\\n ')}`,
  (n) => `RUN <<HG_EOF\n${Array.from({ length: n }, (_, i) => `echo line ${i} \${HG_X%%*y}`).join('\n')}\nHG_EOF`,
  (n) => Array.from({ length: n }, (_, i) => `EXPOSE \${HG_PORT:-80${i % 10}}`).join('\n'),
  (n) => `RUN sh -c "${Array.from({ length: Math.min(n, 50) }, (_, i) => `export HG_S${i}=1; echo $HG_S${i}`).join('; ')}"`,
];

function ruleIds(text: string): Set<string> {
  return new Set(checkDockerfile(text, DEFAULT_POLICY).findings.filter((f) => !f.suppressed).map((f) => f.ruleId));
}

describe('hostile fragments in a drifted Dockerfile', () => {
  it('never throw, stay within the time limit, and never turn the file compliant', () => {
    const baseRules = BASES.map(ruleIds);
    fc.assert(
      fc.property(
        fc.nat({ max: BASES.length - 1 }),
        fc.array(fc.tuple(fc.nat({ max: FRAGMENTS.length - 1 }), fc.integer({ min: 1, max: 400 }), fc.nat()), { minLength: 1, maxLength: 4 }),
        (baseIndex, inserts) => {
          const lines = BASES[baseIndex]!.replace(/\n$/, '').split('\n');
          for (const [fragment, n, at] of inserts) {
            // anywhere after the first FROM: before it only ARG is allowed, which would test the parser, not the model
            const position = 1 + (at % lines.length);
            lines.splice(position, 0, FRAGMENTS[fragment]!(n));
          }
          const text = `${lines.join('\n')}\n`;
          const start = performance.now();
          let result: CheckResult | undefined;
          expect(() => (result = checkDockerfile(text, DEFAULT_POLICY))).not.toThrow();
          expect(performance.now() - start).toBeLessThan(DEFAULT_CHECK_LIMITS.timeoutMs);
          const { status, findings } = result!;
          expect(['drifted', 'error']).toContain(status);
          if (status === 'drifted') {
            const after = new Set(findings.filter((f) => !f.suppressed).map((f) => f.ruleId));
            for (const rule of baseRules[baseIndex]!) expect(after.has(rule) ? rule : `${rule} lost`).toBe(rule);
          } else {
            expect(findings.some((f) => f.ruleId === 'GDS000')).toBe(true);
          }
        },
      ),
      { numRuns: 300, seed: 20261202 },
    );
  });
});
