import { expectLabelledFindings, expectSilent, findings, labelledCasesOf, mutate } from '../../test-fixtures/ruleKit';

describe('GDS015 ADD', () => {
  it.each(['ADD . .', 'ADD --chown=1:1 src/ /src/', 'ADD <<EOF /x\nhi\nEOF'])('%s fires', (add) => {
    expect(findings(mutate('COPY . .', add), 'GDS015')).toHaveLength(1);
  });
  it.each(['ADD https://example.com/x.tgz /tmp/', 'ADD git@github.com:moby/buildkit.git /src', 'ADD vendor.tar.gz /src/'])('%s does not fire', (add) => {
    expect(findings(mutate('COPY . .', `COPY . .\n${add}`), 'GDS015')).toEqual([]);
  });
});

describe('GDS015 on the labelled set', () => {
  const { fires, silent } = labelledCasesOf('GDS015');
  it.each(fires)('%s: exactly its labelled GDS015 findings', (_file, c) => expectLabelledFindings(c, 'GDS015'));
  it('stays silent in the compliant cases and the gds015-* cases labelled without it', () => expectSilent(silent, 'GDS015'));
});
