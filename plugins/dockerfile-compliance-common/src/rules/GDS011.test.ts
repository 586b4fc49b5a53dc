import { check, expectLabelledFindings, expectSilent, findings, labelledCasesOf, mutate } from '../../test-fixtures/ruleKit';

describe('GDS011 numeric user', () => {
  it.each(['USER nobody', 'USER 65534', 'USER nobody:65534'])('%s is reported as info', (u) => {
    const f = findings(mutate('USER 65534:65534', u), 'GDS011');
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('info');
  });
  it('info alone keeps the file compliant', () => {
    expect(check(mutate('USER 65534:65534', 'USER nobody:nogroup')).status).toBe('compliant');
  });
});

describe('GDS011 on the labelled set', () => {
  const { fires, silent } = labelledCasesOf('GDS011');
  it.each(fires)('%s: exactly its labelled GDS011 findings', (_file, c) => expectLabelledFindings(c, 'GDS011'));
  it('stays silent in the compliant cases and the gds011-* cases labelled without it', () => expectSilent(silent, 'GDS011'));
});
