import { expectLabelledFindings, expectSilent, findings, labelledCasesOf, mutate } from '../../test-fixtures/ruleKit';

describe('GDS016 apk cache', () => {
  it.each(['RUN apk add git', 'RUN apk update && apk add git', 'RUN apk add --update git', 'RUN xx-apk add musl-dev'])('%s fires (info)', (run) => {
    const f = findings(mutate('RUN apk add --no-cache ca-certificates tzdata', run), 'GDS016');
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('info');
  });
  it.each(['RUN apk --no-cache add git', 'RUN --mount=type=cache,target=/var/cache/apk apk add git', 'RUN --mount=type=cache,target=/etc/apk/cache apk add git', 'RUN apk del git'])('%s is fine', (run) => {
    expect(findings(mutate('RUN apk add --no-cache ca-certificates tzdata', run), 'GDS016')).toEqual([]);
  });
});

describe('GDS016 on the labelled set', () => {
  const { fires, silent } = labelledCasesOf('GDS016');
  it.each(fires)('%s: exactly its labelled GDS016 findings', (_file, c) => expectLabelledFindings(c, 'GDS016'));
  it('stays silent in the compliant cases and the gds016-* cases labelled without it', () => expectSilent(silent, 'GDS016'));
});
