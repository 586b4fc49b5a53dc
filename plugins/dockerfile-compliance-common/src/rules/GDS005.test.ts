import { MODULES_STAGE, expectLabelledFindings, expectSilent, findings, labelledCasesOf, lines, mutate } from '../../test-fixtures/ruleKit';

describe('GDS005 go mod verify', () => {
  it('fires without verify, on the go build line', () => {
    const f = findings(mutate('go mod download && go mod verify', 'go mod download'), 'GDS005');
    expect(lines(f)).toEqual([7]);
  });
  it('verify in an ancestor stage counts', () => {
    const text = mutate('COPY . .\nRUN CGO_ENABLED', 'FROM build AS compile\nCOPY . .\nRUN CGO_ENABLED').replace('--from=build /out', '--from=compile /out');
    expect(findings(text, 'GDS005')).toEqual([]);
  });
  it('verify in an unrelated stage does not count', () => {
    const text = 'FROM golang:1.26.8-alpine3.23 AS other\nRUN go mod verify\n' + mutate('go mod download && go mod verify', 'go mod download');
    expect(findings(text, 'GDS005')).toHaveLength(1);
  });
});

describe('GDS005 with a separate modules stage', () => {
  it('a module cache copied from a stage that downloaded and verified it counts', () => {
    expect(findings(MODULES_STAGE, 'GDS005')).toEqual([]);
  });
  it('but not when that stage did not verify', () => {
    const noDownload = MODULES_STAGE.replace('RUN go mod download && go mod verify', 'RUN true');
    expect(findings(noDownload, 'GDS005')).toHaveLength(1);
  });
});

describe('GDS005 on the labelled set', () => {
  const { fires, silent } = labelledCasesOf('GDS005');
  it.each(fires)('%s: exactly its labelled GDS005 findings', (_file, c) => expectLabelledFindings(c, 'GDS005'));
  it('stays silent in the compliant cases and the gds005-* cases labelled without it', () => expectSilent(silent, 'GDS005'));
});
