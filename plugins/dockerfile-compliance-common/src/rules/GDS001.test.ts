import { GOOD, expectLabelledFindings, expectSilent, findings, labelledCasesOf, mutate, policy } from '../../test-fixtures/ruleKit';

describe('GDS001 final base', () => {
  it('fires for a non-scratch final stage', () => {
    const f = findings(mutate('FROM scratch', 'FROM alpine:3.23.2'), 'GDS001');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain('alpine:3.23.2');
    expect(f[0]!.line).toBe(9);
  });
  it('follows FROM <stage> chains to scratch', () => {
    const text = mutate('FROM scratch', 'FROM scratch AS base\nFROM base AS final');
    expect(findings(text, 'GDS001')).toEqual([]);
  });
  it('follows chains to a non-scratch root', () => {
    const text = mutate('FROM scratch', 'FROM debian:12.8 AS base\nFROM base');
    expect(findings(text, 'GDS001')[0]!.message).toContain('debian:12.8 (via stage "base")');
  });
  it('a stage only copied from is not an ancestor', () => {
    const text = `FROM alpine:3.23.2 AS certs\nFROM scratch\nCOPY --from=certs /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\n`;
    expect(findings(text, 'GDS001')).toEqual([]);
  });
  it('allows a base the policy allows (repo or exact ref)', () => {
    const text = mutate('FROM scratch', 'FROM gcr.io/distroless/static-debian12:1.0.0');
    expect(findings(text, 'GDS001', policy({ finalBases: ['scratch', 'gcr.io/distroless/static-debian12'] }))).toEqual([]);
    expect(findings(text, 'GDS001', policy({ finalBases: ['gcr.io/distroless/static-debian12:2.0.0'] }))).toHaveLength(1);
  });
  it('allows an allowed repo:tag pinned by digest, and only by the digest the policy lists for it', () => {
    const d1 = `sha256:${'ab'.repeat(32)}`;
    const d2 = `sha256:${'cd'.repeat(32)}`;
    const text = mutate('FROM scratch', `FROM gcr.io/distroless/static-debian12:1.0.0@${d1}`);
    const allowed = ['gcr.io/distroless/static-debian12:1.0.0'];
    expect(findings(text, 'GDS001', policy({ finalBases: allowed }))).toEqual([]);
    expect(findings(text, 'GDS001', policy({ finalBases: allowed, imageDigests: [{ image: allowed[0]!, digest: d1 }] }))).toEqual([]);
    expect(findings(text, 'GDS001', policy({ finalBases: allowed, imageDigests: [{ image: allowed[0]!, digest: d2 }] }))).toHaveLength(1);
    expect(findings(text, 'GDS001', policy({ finalBases: ['gcr.io/distroless/static-debian12:2.0.0'] }))).toHaveLength(1);
  });
  it('lower-case keywords are keywords', () => {
    expect(findings(GOOD.replace('FROM scratch', 'from alpine:3.23.2'), 'GDS001')).toHaveLength(1);
  });
});

describe('GDS001 on the labelled set', () => {
  const { fires, silent } = labelledCasesOf('GDS001');
  it.each(fires)('%s: exactly its labelled GDS001 findings', (_file, c) => expectLabelledFindings(c, 'GDS001'));
  it('stays silent in the compliant cases and the gds001-* cases labelled without it', () => expectSilent(silent, 'GDS001'));
});
