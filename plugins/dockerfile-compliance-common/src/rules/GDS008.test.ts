import { GOOD, findings, mutate } from './__fixtures__/kit';
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
