import { expectLabelledFindings, expectSilent, findings, labelledCasesOf, mutate } from '../../test-fixtures/ruleKit';

describe('GDS007 -trimpath', () => {
  it('fires without -trimpath', () => {
    expect(findings(mutate(' -trimpath', ''), 'GDS007')).toHaveLength(1);
  });
  it.each([
    ['ENV GOFLAGS=-trimpath\n', ''],
    ['ENV GOFLAGS="-mod=readonly -trimpath"\n', ''],
    ['', 'GOFLAGS=-trimpath '],
  ])('GOFLAGS counts (%j %j)', (env, inline) => {
    const text = mutate('RUN CGO_ENABLED=0 go build -trimpath', `${env}RUN ${inline}CGO_ENABLED=0 go build`);
    expect(findings(text, 'GDS007')).toEqual([]);
  });
  it('-trimpath=false does not count', () => {
    expect(findings(mutate('-trimpath', '-trimpath=false'), 'GDS007')).toHaveLength(1);
  });
});

describe('GDS007 on the labelled set', () => {
  const { fires, silent } = labelledCasesOf('GDS007');
  it.each(fires)('%s: exactly its labelled GDS007 findings', (_file, c) => expectLabelledFindings(c, 'GDS007'));
  it('stays silent in the compliant cases and the gds007-* cases labelled without it', () => expectSilent(silent, 'GDS007'));
});
