import { expectLabelledFindings, expectSilent, findings, labelledCasesOf, mutate } from '../../test-fixtures/ruleKit';

describe('GDS010 named user needs passwd', () => {
  const noEtc = mutate('COPY --from=build /etc/passwd /etc/group /etc/\n', '');
  it('fires for a named user without /etc/passwd, and for a named group without /etc/group', () => {
    const f = findings(noEtc.replace('USER 65534:65534', 'USER nobody:nogroup'), 'GDS010');
    expect(f.map((x) => x.message.split(' ')[1])).toEqual(['nobody', 'nogroup']);
  });
  it('numeric users need nothing', () => {
    expect(findings(noEtc, 'GDS010')).toEqual([]);
  });
  it.each([
    'COPY --from=build /etc/passwd /etc/passwd\nCOPY --from=build /etc/group /etc/group',
    'COPY --from=build /etc/passwd /etc/group /etc/',
    'COPY --chown=0:0 --from=build /etc/passwd /etc/group /etc/',
    'COPY --from=build /etc /etc',
    'COPY <<EOF /etc/passwd\nnobody:x:65534:65534::/:/sbin/nologin\nEOF\nCOPY <<EOF /etc/group\nnogroup:x:65534:\nEOF',
  ])('%s provides them', (copy) => {
    expect(findings(noEtc.replace('USER 65534:65534', `${copy}\nUSER nobody:nogroup`), 'GDS010')).toEqual([]);
  });
  it('only passwd for a named user with numeric group', () => {
    const text = noEtc.replace('USER 65534:65534', 'COPY --from=build /etc/passwd /etc/passwd\nUSER nobody:65534');
    expect(findings(text, 'GDS010')).toEqual([]);
  });
  it('a non-scratch final stage has its own /etc/passwd', () => {
    expect(findings(noEtc.replace('FROM scratch', 'FROM alpine:3.23.2').replace('USER 65534:65534', 'USER nobody'), 'GDS010')).toEqual([]);
  });
});

describe('GDS010 on the labelled set', () => {
  const { fires, silent } = labelledCasesOf('GDS010');
  it.each(fires)('%s: exactly its labelled GDS010 findings', (_file, c) => expectLabelledFindings(c, 'GDS010'));
  it('stays silent in the compliant cases and the gds010-* cases labelled without it', () => expectSilent(silent, 'GDS010'));
});
