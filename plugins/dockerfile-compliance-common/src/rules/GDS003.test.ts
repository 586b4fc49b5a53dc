import { GOOD, findings, mutate } from './__fixtures__/kit';
import { parseGolangTag } from './GDS003';

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
