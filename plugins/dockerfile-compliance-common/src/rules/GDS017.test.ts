import { GOOD, expectLabelledFindings, expectSilent, findings, labelledCasesOf, mutate } from '../../test-fixtures/ruleKit';

describe('GDS017 secrets', () => {
  it.each(['ENV DB_PASSWORD=hunter2', 'ENV API_KEY abc', 'ARG GITHUB_TOKEN=ghp_x', 'ENV A=1 SECRET_KEY="s3cr3t"', 'ARG AUTH=basic'])('%s fires', (line) => {
    expect(findings(mutate('WORKDIR /src', `${line}\nWORKDIR /src`), 'GDS017')).toHaveLength(1);
  });
  it.each(['ARG GITHUB_TOKEN', 'ENV DB_PASSWORD_FILE=/run/secrets/db', 'ENV TOKEN=$TOKEN', 'ENV TOKEN=${TOKEN}', 'ENV PUBLIC_KEY=abc', 'ENV GO_VERSION=1', 'ENV MONKEY=1', 'ENV PASSWORD=""'])('%s is fine', (line) => {
    expect(findings(mutate('WORKDIR /src', `${line}\nWORKDIR /src`), 'GDS017')).toEqual([]);
  });
  it('also before the first FROM', () => {
    expect(findings('ARG NPM_TOKEN=abc\n' + GOOD, 'GDS017')).toHaveLength(1);
  });
});

describe('GDS017 on the labelled set', () => {
  const { fires, silent } = labelledCasesOf('GDS017');
  it.each(fires)('%s: exactly its labelled GDS017 findings', (_file, c) => expectLabelledFindings(c, 'GDS017'));
  it('stays silent in the compliant cases and the gds017-* cases labelled without it', () => expectSilent(silent, 'GDS017'));
});
