import { GOOD, expectLabelledFindings, expectSilent, findings, labelledCasesOf, mutate } from '../../test-fixtures/ruleKit';
import { ldflagsWithoutPattern } from './GDS008';

const BUILD = 'RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/svc ./cmd/svc';
const withLdflags = (ld: string) => mutate(BUILD, `RUN CGO_ENABLED=0 go build -trimpath ${ld} -o /out/svc ./cmd/svc`, GOOD);

describe('GDS008 with a package pattern in -ldflags (go build [pattern=]arg list)', () => {
  it('strips only a leading pattern', () => {
    expect(ldflagsWithoutPattern('all=-s -w')).toBe('-s -w');
    expect(ldflagsWithoutPattern(' example.com/cmd/...=-w -s ')).toBe('-w -s');
    expect(ldflagsWithoutPattern('-s -w -X main.v=1')).toBe('-s -w -X main.v=1');
    expect(ldflagsWithoutPattern('')).toBe('');
  });
  it('`all=-s -w` has both flags', () => {
    expect(findings(withLdflags('-ldflags="all=-s -w"'), 'GDS008')).toEqual([]);
    expect(findings(withLdflags("-ldflags='all=-w -s -X main.v=1'"), 'GDS008')).toEqual([]);
  });
  it('`all=-s` still lacks -w', () => {
    const f = findings(withLdflags('-ldflags=all=-s'), 'GDS008');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain('without -w');
  });
});

describe('GDS008 -ldflags -s -w', () => {
  const ld = (flags: string, extra = '') => mutate('RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w"', `${extra}RUN CGO_ENABLED=0 go build -trimpath ${flags}`);
  it.each([
    '-ldflags="-s -w"',
    "-ldflags '-w -s -X main.v=1'",
    '-ldflags=-s\\ -w',
    '-ldflags "-X main.version=1.0 -s -w"',
    '--ldflags="-s -w"',
    '-ldflags="-s -w -extldflags \'-static\'"',
  ])('%s is fine', (flags) => {
    expect(findings(ld(flags), 'GDS008')).toEqual([]);
  });
  it('an unresolved build arg between the flags does not hide -ldflags', () => {
    expect(findings(ld('${GO_EXTRA_FLAGS} -ldflags "-s -w $(cat /tmp/.ldflags)"', 'ARG GO_EXTRA_FLAGS\n'), 'GDS008')).toEqual([]);
  });
  it('expands ARG/ENV used in -ldflags', () => {
    expect(findings(ld('-ldflags "$LDFLAGS"', 'ARG LDFLAGS="-s -w"\n'), 'GDS008')).toEqual([]);
    expect(findings(ld('-ldflags "${LDFLAGS}"', 'ENV LDFLAGS="-w"\n'), 'GDS008')[0]!.message).toContain('without -s');
  });
  it.each(['', '-ldflags="-s"', '-ldflags "-X main.v=1"', '-ldflags="-s -w" -ldflags="-X a.b=c"'])('%j fires', (flags) => {
    expect(findings(ld(flags), 'GDS008')).toHaveLength(1);
  });
});

describe('GDS008 on the labelled set', () => {
  const { fires, silent } = labelledCasesOf('GDS008');
  it.each(fires)('%s: exactly its labelled GDS008 findings', (_file, c) => expectLabelledFindings(c, 'GDS008'));
  it('stays silent in the compliant cases and the gds008-* cases labelled without it', () => expectSilent(silent, 'GDS008'));
});
