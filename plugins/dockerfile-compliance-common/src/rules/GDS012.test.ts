import { expectLabelledFindings, expectSilent, findings, labelledCasesOf, lines, mutate } from '../../test-fixtures/ruleKit';

describe('GDS012 CA bundle', () => {
  it('fires without the bundle', () => {
    expect(lines(findings(mutate('COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt\n', ''), 'GDS012'))).toEqual([9]);
  });
  it.each([
    'COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/',
    'COPY --from=build /etc/ssl/certs /etc/ssl/certs',
    'COPY --from=build /etc/ssl/certs/ /etc/ssl/certs/',
    'COPY --from=alpine:3.23.2 /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt',
  ])('%s provides it', (copy) => {
    expect(findings(mutate('COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt', copy), 'GDS012')).toEqual([]);
  });
  it('copying it somewhere else does not count', () => {
    expect(findings(mutate('/etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt', '/etc/ssl/certs/ca-certificates.crt /certs.crt'), 'GDS012')).toHaveLength(1);
  });
});

describe('GDS012 on the labelled set', () => {
  const { fires, silent } = labelledCasesOf('GDS012');
  it.each(fires)('%s: exactly its labelled GDS012 findings', (_file, c) => expectLabelledFindings(c, 'GDS012'));
  it('stays silent in the compliant cases and the gds012-* cases labelled without it', () => expectSilent(silent, 'GDS012'));
});
