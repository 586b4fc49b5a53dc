/**
 * Idempotence as a property over the real-world corpus: for random policies (Go versions,
 * supported lists, users) and random go.mod versions, harden(harden(x).text) returns
 * harden(x).text byte-identical with nothing fixed, and every result is a refusal (text
 * untouched), a file that checks compliant under that policy, or a file fixed in part: readable,
 * no rule reporting more than before, and every error or warning it still has listed in
 * `unfixed` with a reason.
 */
import fc from 'fast-check';
import { checkDockerfile, type Policy } from '@hardened-go/plugin-dockerfile-compliance-common';
import { compareVersions } from '@hardened-go/plugin-dockerfile-compliance-common';
import { DEFAULT_POLICY, policyFromConfig } from '@hardened-go/plugin-dockerfile-compliance-common';
import { renderDockerfile } from '../render/render';
import { harden } from './harden';
import type { HardenResult } from './types';
import { corpusTextsOrExamples } from '../../../../test/support/corpus';

const NOW = new Date('2026-11-26T00:00:00Z');

function corpus(): string[] {
  const fallback = [
    'FROM golang:1.22\nWORKDIR /app\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /svc\nEXPOSE 8080\nCMD ["/svc"]\n',
    'FROM golang:1.22 AS b\nWORKDIR /w\nCOPY . .\nRUN make\nFROM alpine:3.20\nCOPY --from=b /w/x /x\nCMD ["/x"]\n',
  ];
  return [...corpusTextsOrExamples(), ...fallback];
}

const TEXTS = corpus();

function countsByRule(text: string, policy: Policy): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of checkDockerfile(text, policy, { now: NOW }).findings) if (!f.suppressed) out.set(f.ruleId, (out.get(f.ruleId) ?? 0) + 1);
  return out;
}

/** Refused and untouched, compliant, or fixed in part and no worse, with every blocking finding left listed. Returns the outcome. */
function expectSound(before: string, result: HardenResult, policy: Policy): 'refused' | 'compliant' | 'in part' {
  if (result.refused !== undefined) {
    expect(result.text).toBe(before);
    return 'refused';
  }
  const after = checkDockerfile(result.text, policy, { now: NOW });
  if (result.unfixed === undefined) {
    expect(after.status).toBe('compliant');
    return 'compliant';
  }
  expect(after.status).not.toBe('error');
  const was = countsByRule(before, policy);
  for (const [rule, n] of countsByRule(result.text, policy)) expect({ rule, n: Math.min(n, was.get(rule) ?? 0) }).toEqual({ rule, n });
  const blocking = after.findings.filter((f) => !f.suppressed && (f.severity === 'error' || f.severity === 'warning'));
  expect(result.unfixed.map((u) => `${u.ruleId}:${u.line}`)).toEqual(blocking.map((f) => `${f.ruleId}:${f.line}`));
  for (const u of result.unfixed) expect(u.reason).not.toBe('');
  return 'in part';
}
const goVersion = fc.tuple(fc.constantFrom(25, 26, 27), fc.integer({ min: 0, max: 12 })).map(([minor, patch]) => `1.${minor}.${patch}`);
const policyArb = fc
  .record({
    goVersion,
    extra: fc.array(goVersion, { maxLength: 3 }),
    alpineVersion: fc.constantFrom('3.21', '3.22', '3.23'),
    user: fc.constantFrom('65534:65534', '10001:10001', '1000:0'),
    finalBases: fc.constantFrom(['scratch'], ['gcr.io/distroless/static-debian12:1.0.0', 'scratch']),
  })
  .map(({ goVersion: go, extra, alpineVersion, user, finalBases }) =>
    policyFromConfig({
      goVersion: go,
      // the policy requires supported versions >= goVersion
      supportedGoVersions: [...new Set([go, ...extra.filter((v) => compareVersions(v, go) > 0)])],
      alpineVersion,
      user,
      finalBases,
    }),
  );
const goModArb = fc.option(fc.oneof(goVersion, fc.constantFrom('1.21', '1.26', '1.27')), { nil: undefined });

describe('harden is idempotent over the corpus under random policies', () => {
  it('harden(harden(x)) === harden(x), and each result is compliant, fixed in part and no worse, or an untouched refusal', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TEXTS), policyArb, goModArb, (text, policy, goModGoVersion) => {
        const context = { now: NOW, goModGoVersion };
        const once = harden(text, policy, context);
        const outcome = expectSound(text, once, policy);
        const twice = harden(once.text, policy, context);
        expect(twice.text).toBe(once.text);
        expect(twice.fixed).toEqual([]);
        if (outcome === 'compliant') expect(twice.refused).toBeUndefined();
        else expect(twice.unfixed).toEqual(once.unfixed);
      }),
      { numRuns: 150 },
    );
  });

  it('a rendered canonical Dockerfile (compliant) comes back byte-identical under its policy', () => {
    fc.assert(
      fc.property(policyArb, fc.constantFrom('api', 'worker', 'svc.v2'), fc.constantFrom('.', './cmd/api'), (policy, binaryName, mainPackage) => {
        const text = renderDockerfile(policy, { binaryName, mainPackage, port: 8080 });
        expect(harden(text, policy, { now: NOW })).toEqual({ text, fixed: [], remaining: expect.any(Array), notes: [] });
      }),
      { numRuns: 50 },
    );
  });

  it('never throws on mutated corpus files: every outcome is an untouched refusal, compliant, or fixed in part and no worse', () => {
    // Line-level mutations (insert an instruction, delete or duplicate a line) keep most mutants
    // parseable so they reach the fixer; a few inserted lines break the parse on purpose.
    const lines = ['RUN go build -o /x ./cmd/x', 'FROM scratch', 'ENV CGO_ENABLED=1', 'USER root', 'ENTRYPOINT sh -c x', 'COPY --from=build / /', 'ENV TOKEN=x', 'EXPOSE 80', 'CMD ["/x"]', 'LABEL a=b', 'WORKDIR /w', 'RUN <<EOF', 'RUN echo "unterminated'];
    const mutation = fc.record({ at: fc.nat(), kind: fc.constantFrom('insert', 'delete', 'duplicate'), line: fc.constantFrom(...lines) });
    const tally: Record<string, number> = {};
    fc.assert(
      fc.property(fc.constantFrom(...TEXTS), fc.array(mutation, { minLength: 1, maxLength: 3 }), (text, mutations) => {
        const mutatedLines = text.split('\n');
        for (const m of mutations) {
          const at = m.at % (mutatedLines.length + 1);
          if (m.kind === 'insert') mutatedLines.splice(at, 0, m.line);
          else if (m.kind === 'delete') mutatedLines.splice(at, 1);
          else mutatedLines.splice(at, 0, mutatedLines[at] ?? '');
        }
        const mutated = mutatedLines.join('\n');
        const result = harden(mutated, DEFAULT_POLICY, { now: NOW });
        const outcome = expectSound(mutated, result, DEFAULT_POLICY);
        const key = outcome === 'refused' ? result.refusalCode! : outcome;
        tally[key] = (tally[key] ?? 0) + 1;
        expect(result.refused ?? '').not.toMatch(/internal error/);
      }),
      { numRuns: 300 },
    );
    // the property must reach the fixes, not only the parser
    expect((tally.compliant ?? 0) + (tally['in part'] ?? 0)).toBeGreaterThan(10);
  });
});
