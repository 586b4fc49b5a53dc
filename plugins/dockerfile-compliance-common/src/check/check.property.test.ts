/**
 * Property tests: random mutations of the real-world corpus never make checkDockerfile
 * throw, always give a valid status and well-formed findings, and the time per file stays
 * bounded and roughly linear in the input size.
 */
import fc from 'fast-check';
import { checkDockerfile, statusOf } from './check';
import { DEFAULT_POLICY } from '../policy/policy';
import { ALL_RULES } from '../rules';
import { corpusTextsOrExamples } from '../../../../test/support/corpus';

const files = corpusTextsOrExamples();
const KNOWN = new Set(ALL_RULES.map((r) => r.id));
const NOW = new Date('2026-11-26T00:00:00Z');

const TOKENS = ['$', '${', '}', '${A:-', '${A:?}', '\\', '\\\n', '`', '"', "'", '\n', '\r\n', ' ', '<<EOF', '<<-EOF\n', 'EOF\n', '[', ']', '["a",', '--from=', '--mount=type=bind,target=. ', 'FROM ', 'FROM scratch\n', 'AS x\n', 'ARG A=$A$A\n', 'USER root\n', 'COPY . .\n', 'RUN go build -ldflags="-s -w"\n', '# hardened-go ignore=GDS009\n', '# escape=`\n', '\u0000', '\ufeff', 'é', '\u2028'];

type Mutation = { kind: 'insert' | 'delete' | 'replace'; at: number; len: number; token: string };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('insert', 'delete', 'replace'),
  at: fc.nat(),
  len: fc.integer({ min: 0, max: 40 }),
  token: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 8 })),
});

function apply(text: string, muts: Mutation[]): string {
  let t = text;
  for (const m of muts) {
    const at = t.length === 0 ? 0 : m.at % (t.length + 1);
    if (m.kind === 'insert') t = t.slice(0, at) + m.token + t.slice(at);
    else if (m.kind === 'delete') t = t.slice(0, at) + t.slice(at + m.len);
    else t = t.slice(0, at) + m.token + t.slice(at + m.len);
  }
  return t;
}

function assertValid(input: string | Uint8Array): void {
  const r = checkDockerfile(input, DEFAULT_POLICY, { now: NOW });
  expect(['compliant', 'drifted', 'error']).toContain(r.status);
  expect(r.status).toBe(statusOf(r.findings));
  for (const f of r.findings) {
    expect(KNOWN.has(f.ruleId)).toBe(true);
    expect(['error', 'warning', 'info']).toContain(f.severity);
    expect(f.line).toBeGreaterThanOrEqual(1);
    expect(f.endLine).toBeGreaterThanOrEqual(f.line);
    expect(typeof f.message).toBe('string');
    expect(f.message.length).toBeGreaterThan(0);
    expect(f.message).not.toMatch(/Internal error/);
  }
}

describe('checkDockerfile on mutated corpus files', () => {
  it('never throws, always a valid status and well-formed findings (text mutations)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: files.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }), (i, muts) => {
        assertValid(apply(files[i]!, muts));
      }),
      { numRuns: 400, seed: 20261126 },
    );
  });

  it('never throws on byte-level corruption', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: files.length - 1 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), (i, edits) => {
        const bytes = new TextEncoder().encode(files[i]!);
        for (const [at, b] of edits) bytes[at % bytes.length] = b;
        assertValid(bytes);
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('never throws on splices of two corpus files', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.nat(), fc.nat(), (a, b, x, y) => {
        const A = files[a % files.length]!;
        const B = files[b % files.length]!;
        assertValid(A.slice(0, x % (A.length + 1)) + B.slice(y % (B.length + 1)));
      }),
      { numRuns: 200, seed: 42 },
    );
  });

  /** n build stages (each shipped), n COPY --from lines in a scratch final stage. */
  const manyStages = (n: number) => {
    let t = 'ARG GO=1.26.8\n';
    for (let i = 0; i < n; i++) {
      t += `FROM golang:\${GO}-alpine3.23 AS b${i}\nWORKDIR /src\nCOPY go.mod go.sum* ./\nRUN go mod download && go mod verify\nCOPY . .\nRUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/s${i} ./cmd/s${i}\n`;
    }
    t += 'FROM scratch\n';
    for (let i = 0; i < n; i++) t += `COPY --from=b${i} /out/s${i} /s${i}\n`;
    return t + 'USER 65534:65534\nENTRYPOINT ["/s0"]\n';
  };
  const time = (text: string) => {
    const t0 = process.hrtime.bigint();
    const r = checkDockerfile(text, DEFAULT_POLICY, { now: NOW });
    return { ms: Number(process.hrtime.bigint() - t0) / 1e6, r };
  };

  it('time stays bounded and roughly linear in the input size', () => {
    time(manyStages(50)); // warm up
    // best of three: other processes share the cores, the minimum is the honest cost
    const best = (text: string) => [time(text), time(text), time(text)].reduce((a, b) => (b.ms < a.ms ? b : a));
    const small = best(manyStages(100));
    const large = best(manyStages(800));
    expect(large.r.status).toBe('drifted'); // only GDS012/GDS013: no CA bundle, no zoneinfo
    expect(large.r.findings.map((f) => f.ruleId)).toEqual(['GDS012', 'GDS013']);
    // 8x the input may cost at most ~8x (times a generous factor for GC and timer noise)
    expect(large.ms).toBeLessThan(Math.max(small.ms * 8 * 4, 1000));
  });

  it('a chain of 20,000 FROM <previous> stages is checked, not a stack overflow', () => {
    let t = 'FROM scratch AS s0\n';
    for (let i = 1; i < 20000; i++) t += `FROM s${i - 1} AS s${i}\n`;
    t += 'USER 65534:65534\n';
    const { ms, r } = time(t);
    expect(r.findings.filter((f) => f.ruleId === 'GDS000')).toEqual([]);
    expect(ms).toBeLessThan(10000);
  });
});
