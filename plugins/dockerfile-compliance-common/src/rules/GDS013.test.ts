import { expectLabelledFindings, expectSilent, findings, labelledCasesOf, mutate } from '../../test-fixtures/ruleKit';

describe('GDS013 time-zone data', () => {
  const noZone = mutate('COPY --from=build /usr/share/zoneinfo /usr/share/zoneinfo\n', '');
  it('fires without zoneinfo', () => {
    expect(findings(noZone, 'GDS013')).toHaveLength(1);
  });
  it('-tags timetzdata embeds it', () => {
    expect(findings(noZone.replace('-trimpath', '-trimpath -tags timetzdata'), 'GDS013')).toEqual([]);
    expect(findings(noZone.replace('-trimpath', '-trimpath -tags=netgo,timetzdata'), 'GDS013')).toEqual([]);
    expect(findings(noZone.replace('RUN CGO', 'ENV GOFLAGS=-tags=timetzdata\nRUN CGO'), 'GDS013')).toEqual([]);
  });
  it('a single zone file counts', () => {
    expect(findings(noZone.replace('USER', 'COPY --from=build /usr/share/zoneinfo/UTC /usr/share/zoneinfo/UTC\nUSER'), 'GDS013')).toEqual([]);
  });
});

describe('GDS013 on the labelled set', () => {
  const { fires, silent } = labelledCasesOf('GDS013');
  it.each(fires)('%s: exactly its labelled GDS013 findings', (_file, c) => expectLabelledFindings(c, 'GDS013'));
  it('stays silent in the compliant cases and the gds013-* cases labelled without it', () => expectSilent(silent, 'GDS013'));
});
