import { GOOD, expectLabelledFindings, expectSilent, findings, labelledCasesOf, mutate, policy } from '../../test-fixtures/ruleKit';
import { parseGolangTag } from '../policy/goVersion';

const withBuildImage = (image: string) => mutate('FROM golang:1.26.8-alpine3.23 AS build', `FROM ${image} AS build`, GOOD);

describe('GDS003 on golang tags that name only the Alpine version', () => {
  it('parses `alpine3.20` as the newest Go on Alpine 3.20', () => {
    expect(parseGolangTag('alpine3.20')).toEqual({ go: null, variant: 'alpine', alpine: '3.20' });
    expect(parseGolangTag('alpine')).toEqual({ go: null, variant: 'alpine', alpine: null });
    expect(parseGolangTag('bookworm')).toEqual({ go: null, variant: 'bookworm', alpine: null });
    expect(parseGolangTag('1.26.8-alpine3.23')).toEqual({ go: '1.26.8', variant: 'alpine', alpine: '3.23' });
  });
  it('an older Alpine fires even when the Go version floats (GDS002 reports the float)', () => {
    const f = findings(withBuildImage('golang:alpine3.20'), 'GDS003');
    expect(f.map((x) => [x.line, x.message.includes('Alpine 3.20 is older')])).toEqual([[1, true]]);
    expect(findings(withBuildImage('golang:alpine3.20'), 'GDS002')).toHaveLength(1);
  });
  it('the current or a newer Alpine, or none named, does not fire', () => {
    expect(findings(withBuildImage('golang:alpine3.23'), 'GDS003')).toEqual([]);
    expect(findings(withBuildImage('golang:alpine3.24'), 'GDS003')).toEqual([]);
    expect(findings(withBuildImage('golang:alpine'), 'GDS003')).toEqual([]);
    expect(findings(withBuildImage('golang:bookworm'), 'GDS003')).toEqual([]);
  });
});

describe('GDS003 golang image age', () => {
  const withBase = (from: string) => mutate('FROM golang:1.26.8-alpine3.23 AS build', from);
  it('compares numerically (1.9 < 1.26, 1.100 > 1.26)', () => {
    expect(findings(withBase('FROM golang:1.9.7-alpine3.23 AS build'), 'GDS003')[0]!.message).toContain('Go 1.9.7');
    expect(findings(withBase('FROM golang:1.100.0-alpine3.23 AS build'), 'GDS003')).toEqual([]);
    expect(findings(withBase('FROM golang:1.26.7-alpine3.23 AS build'), 'GDS003')).toHaveLength(1);
    expect(findings(withBase('FROM golang:1.26.9-alpine3.23 AS build'), 'GDS003')).toEqual([]);
  });
  it('checks the alpine version', () => {
    expect(findings(withBase('FROM golang:1.26.8-alpine3.9 AS build'), 'GDS003')[0]!.message).toContain('Alpine 3.9');
    expect(findings(withBase('FROM golang:1.26.8-alpine3.100 AS build'), 'GDS003')).toEqual([]);
  });
  it('a floating 1.26 is not older than 1.26.8 (GDS002 reports it)', () => {
    expect(findings(withBase('FROM golang:1.26-alpine3.23 AS build'), 'GDS003')).toEqual([]);
    expect(findings(withBase('FROM golang:1.25-alpine AS build'), 'GDS003')).toHaveLength(1);
  });
  it('follows the policy', () => {
    expect(findings(GOOD, 'GDS003', policy({ goVersion: '1.27.0' }))).toHaveLength(1);
  });
  it('applies to a shipped golang stage even when its build hides behind make', () => {
    expect(findings(withBase('FROM golang:1.20.7-alpine3.17 AS build').replace(/RUN CGO_ENABLED=0 go build.*/, 'RUN make build'), 'GDS003')).toHaveLength(1);
  });
  it('not to a golang stage nothing ships', () => {
    expect(findings('FROM golang:1.20.7-alpine3.17 AS lint\nRUN go vet ./...\n' + GOOD, 'GDS003')).toEqual([]);
  });
});

describe('GDS003 on the labelled set', () => {
  const { fires, silent } = labelledCasesOf('GDS003');
  it.each(fires)('%s: exactly its labelled GDS003 findings', (_file, c) => expectLabelledFindings(c, 'GDS003'));
  it('stays silent in the compliant cases and the gds003-* cases labelled without it', () => expectSilent(silent, 'GDS003'));
});
