import { GOOD, expectLabelledFindings, expectSilent, findings, labelledCasesOf, mutate } from '../../test-fixtures/ruleKit';

describe('GDS006 CGO_ENABLED', () => {
  const build = (line: string, extra = '') => mutate('RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/svc ./cmd/svc', extra + line);
  it.each([
    ['RUN go build -o /out/svc .', ''],
    ['RUN CGO_ENABLED=1 go build -o /out/svc .', ''],
    ['RUN go build -o /out/svc .', 'ENV CGO_ENABLED=1\n'],
  ])('%s fires', (line, extra) => {
    expect(findings(build(line, extra), 'GDS006')).toHaveLength(1);
  });
  it.each([
    ['RUN CGO_ENABLED=0 go build -o /out/svc .', ''],
    ['RUN env CGO_ENABLED=0 go build -o /out/svc .', ''],
    ['RUN export CGO_ENABLED=0 && go build -o /out/svc .', ''],
    ['RUN go build -o /out/svc .', 'ENV CGO_ENABLED=0\n'],
    ['RUN go build -o /out/svc .', 'ENV CGO_ENABLED 0\n'],
    ['RUN go build -o /out/svc .', 'ARG CGO_ENABLED=0\n'],
    ['RUN go build -o /out/svc .', 'RUN go env -w CGO_ENABLED=0\n'],
    ['RUN CGO_ENABLED=$CGO go build -o /out/svc .', 'ARG CGO=0\n'],
    ['RUN ["/bin/sh", "-c", "CGO_ENABLED=0 go build -o /out/svc ."]', ''],
    ['RUN <<EOF\nset -e\nCGO_ENABLED=0 go build -o /out/svc .\nEOF', ''],
  ])('%s (after %j) is fine', (line, extra) => {
    expect(findings(build(line, extra), 'GDS006')).toEqual([]);
  });
  it('ENV inherited through FROM <stage> counts, ENV of an unrelated stage does not', () => {
    const inherited = mutate('FROM golang:1.26.8-alpine3.23 AS build', 'FROM golang:1.26.8-alpine3.23 AS base\nENV CGO_ENABLED=0\nFROM base AS build').replace('RUN CGO_ENABLED=0 go build', 'RUN go build');
    expect(findings(inherited, 'GDS006')).toEqual([]);
    const unrelated = mutate('FROM golang:1.26.8-alpine3.23 AS build', 'FROM golang:1.26.8-alpine3.23 AS tools\nENV CGO_ENABLED=0\nFROM golang:1.26.8-alpine3.23 AS build').replace('RUN CGO_ENABLED=0 go build', 'RUN go build');
    const f = findings(unrelated, 'GDS006');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain('stage "build"');
  });
  it('a go build in a stage that does not reach the final image is not checked', () => {
    const text = 'FROM golang:1.26.8-alpine3.23 AS lint\nRUN go build ./...\n' + GOOD;
    expect(findings(text, 'GDS006')).toEqual([]);
  });
  it('go install pkg@version in a stage that reaches the final image is a build too', () => {
    expect(findings(build('RUN go install example.com/svc@v1.2.3 && CGO_ENABLED=0 go build -o /out/svc .'), 'GDS006')).toHaveLength(1);
  });
});

describe('GDS006 on the labelled set', () => {
  const { fires, silent } = labelledCasesOf('GDS006');
  it.each(fires)('%s: exactly its labelled GDS006 findings', (_file, c) => expectLabelledFindings(c, 'GDS006'));
  it('stays silent in the compliant cases and the gds006-* cases labelled without it', () => expectSilent(silent, 'GDS006'));
});
