/** The suppression grammar on its own (parseSuppressionComment), as the checker and the fixer both read it, and expiry through the checker. */
import { DEFAULT_POLICY } from '../policy/policy';
import { policyFromConfig } from '../policyFromConfig';
import { checkDockerfile } from './check';
import { parseSuppressionComment } from './suppress';
import { startCpuClock } from '../../../../test/support/cpuTime';

const KNOWN = new Set(['GDS001', 'GDS013', 'GDS016', 'GDS000', 'GDS-SUPPRESS']);
const read = (text: string) => parseSuppressionComment({ line: 3, text }, KNOWN);

describe('parseSuppressionComment', () => {
  it('is null for a comment that is no suppression', () => {
    expect(read('just a comment')).toBeNull();
    expect(read('hardened-gopher')).toBeNull();
  });

  it('reads well-formed per-instruction and global suppressions', () => {
    expect(read('hardened-go ignore=GDS001 reason="binds port 80"')).toEqual({ global: false, ids: ['GDS001'], reason: 'binds port 80' });
    expect(read("HARDENED-GO  GLOBAL IGNORE = gds013,gds016 reason='legacy'")).toEqual({ global: true, ids: ['GDS013', 'GDS016'], reason: 'legacy' });
    expect(read('hardened-go ignore=GDS001 reason="a \\"quoted\\" word"')).toEqual({ global: false, ids: ['GDS001'], reason: 'a "quoted" word' });
  });

  it('names what is wrong, keeping what the comment names', () => {
    expect(read('hardened-go please ignore')?.problem).toMatch(/^Malformed suppression/);
    expect(read('hardened-go ignore= reason="x"')?.problem).toMatch(/names no valid rule IDs/);
    expect(read('hardened-go ignore=GDS999 reason="x"')).toMatchObject({ ids: ['GDS999'], problem: expect.stringMatching(/unknown rule GDS999/) });
    expect(read('hardened-go ignore=GDS000 reason="x"')?.problem).toMatch(/cannot be suppressed/);
    expect(read('hardened-go global ignore=GDS013')).toMatchObject({ global: true, ids: ['GDS013'], problem: expect.stringMatching(/gives no reason/) });
    expect(read('hardened-go ignore=GDS013 reason=""')?.problem).toMatch(/on line 3 gives no reason/);
    // a space after the comma ends the IDs: the rest is not reason="..."
    expect(read("HARDENED-GO  GLOBAL IGNORE = gds013, gds016 reason='x'")).toEqual({ global: true, ids: ['GDS013'], reason: '', problem: expect.stringContaining('has unexpected text') });
  });

  it('reads hostile comments in linear time', () => {
    const long = 'a'.repeat(200_000);
    const cpuMs = startCpuClock();
    for (const text of [`hardened-go ignore=GDS001 reason=${long} x`, `hardened-go ignore=GDS001 reason="${'\\a'.repeat(100_000)}`, `hardened-go ${' '.repeat(200_000)}x`]) {
      expect(read(text)?.problem).toBeDefined();
    }
    // quadratic backtracking on 200k characters would take minutes
    expect(cpuMs()).toBeLessThan(2000);
  });
});

describe('suppressions that expire', () => {
  it('reads expires=YYYY-MM-DD before or after the reason, and refuses a date that is not one', () => {
    expect(read('hardened-go ignore=GDS001 reason="binds port 80" expires=2027-03-31')).toEqual({ global: false, ids: ['GDS001'], reason: 'binds port 80', expires: '2027-03-31' });
    expect(read("hardened-go global ignore=GDS013 expires='2027-01-01' reason=legacy")).toEqual({ global: true, ids: ['GDS013'], reason: 'legacy', expires: '2027-01-01' });
    expect(read('hardened-go ignore=GDS001 reason="x" expires=2027-02-30')?.problem).toMatch(/expires=2027-02-30, which is not a date \(YYYY-MM-DD\)/);
    expect(read('hardened-go ignore=GDS001 reason="x" expires=soon')?.problem).toMatch(/expires=soon, which is not a date/);
    expect(read('hardened-go ignore=GDS001 reason="x" reason="y"')?.problem).toMatch(/has unexpected text "reason=\"y\""/);
    expect(read('hardened-go ignore=GDS001 reason="x" until=2027-01-01')?.problem).toMatch(/expected reason="..." and optionally expires=YYYY-MM-DD/);
  });

  const file = (comment: string) => `FROM golang:1.26.8-alpine3.23 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download && go mod verify
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app .
FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build /usr/share/zoneinfo /usr/share/zoneinfo
COPY --from=build /out/app /app
${comment}
USER 0:0
ENTRYPOINT ["/app"]
`;
  const at = (date: string) => new Date(`${date}T12:00:00Z`);
  const live = (text: string, now: Date, policy = DEFAULT_POLICY) =>
    checkDockerfile(text, policy, { now })
      .findings.filter((f) => !f.suppressed)
      .map((f) => `${f.ruleId}:${f.line}`);

  it('counts through its last day (UTC); from the next day the finding is live again and GDS-SUPPRESS says it expired', () => {
    const text = file('# hardened-go ignore=GDS009 reason="binds port 80 until the ingress moves" expires=2027-03-31');
    expect(checkDockerfile(text, DEFAULT_POLICY, { now: at('2027-03-31') }).status).toBe('compliant');
    expect(checkDockerfile(text, DEFAULT_POLICY, { now: new Date('2027-03-31T23:59:59Z') }).status).toBe('compliant');
    const after = checkDockerfile(text, DEFAULT_POLICY, { now: new Date('2027-04-01T00:00:00Z') });
    expect(after.status).toBe('drifted');
    expect(live(text, new Date('2027-04-01T00:00:00Z'))).toEqual(['GDS-SUPPRESS:11', 'GDS009:12']);
    expect(after.findings.find((f) => f.ruleId === 'GDS-SUPPRESS')?.message).toBe(
      'Suppression of GDS009 on line 11 expired on 2027-03-31; the finding counts again (renew it with a new reason and date, or fix the finding).',
    );
  });

  it('with suppressionMaxDays, counts only with an expires date within that many days of the check', () => {
    const policy = policyFromConfig({ suppressionMaxDays: 90 });
    const now = at('2027-01-01');
    expect(live(file('# hardened-go ignore=GDS009 reason="r" expires=2027-04-01'), now, policy)).toEqual([]);
    expect(live(file('# hardened-go ignore=GDS009 reason="r" expires=2027-04-02'), now, policy)).toEqual(['GDS-SUPPRESS:11', 'GDS009:12']);
    const forever = checkDockerfile(file('# hardened-go ignore=GDS009 reason="r"'), policy, { now });
    expect(forever.findings.find((f) => f.ruleId === 'GDS-SUPPRESS')?.message).toMatch(/has no expires=YYYY-MM-DD, and the policy lets a suppression last at most 90 days/);
    // without the cap a suppression may last forever
    expect(live(file('# hardened-go ignore=GDS009 reason="r"'), now)).toEqual([]);
  });

  it('the policy refuses a cap that is not a whole number of days', () => {
    expect(() => policyFromConfig({ suppressionMaxDays: 0 })).toThrow('hardenedGo.standard.suppressionMaxDays must be a whole number of days from 1 to 3650, got number 0');
    expect(() => policyFromConfig({ suppressionMaxDays: '90' })).toThrow(/suppressionMaxDays/);
  });
});
