import { checkDockerfile, statusOf } from './check';
import { GDS000 } from '../rules/GDS000';
import { RULES } from '../rules';
import { resolveSeverity } from './severity';
import { GOOD, NOW, check, policy } from '../../test-fixtures/ruleKit';
import type { Policy } from '../policy/types';
import { startCpuClock } from '../../../../test/support/cpuTime';

const gds000 = (r: ReturnType<typeof check>) => r.findings.filter((f) => f.ruleId === 'GDS000');

/** 40 global ARGs, each the previous one twice, in the FROM: 16 x 2^39 characters if expanded. */
const DOUBLING_ARGS = ['ARG A0=xxxxxxxxxxxxxxxx', ...Array.from({ length: 39 }, (_, k) => `ARG A${k + 1}=\${A${k}}\${A${k}}`), 'FROM golang:${A39}', ''].join('\n');

describe('GDS000: every unreadable input is an error, never compliant, never a throw', () => {
  const cases: [string, string | Uint8Array, RegExp][] = [
    ['empty', '', /empty/],
    ['whitespace only', ' \n\t\r\n  ', /only whitespace/],
    ['NUL byte (string)', 'FROM scratch\n\u0000', /NUL/],
    ['NUL byte (bytes)', new Uint8Array([0x46, 0x52, 0x4f, 0x4d, 0x20, 0x00]), /NUL byte at offset 5/],
    ['invalid UTF-8', new Uint8Array([0x46, 0x52, 0x4f, 0x4d, 0x20, 0xc3, 0x28]), /not valid UTF-8.*0xc3.*offset 5/],
    ['overlong UTF-8', new Uint8Array([0x46, 0xc0, 0xaf]), /not valid UTF-8/],
    ['unterminated heredoc', 'FROM scratch\nRUN <<EOF\necho hi\n', /heredoc|EOF/i],
    ['unknown instruction', 'FROM scratch\nFOO bar\n', /unknown instruction|FOO/i],
    ['no FROM', '# just a comment\n', /no instructions|no FROM/],
    ['ARG-only', 'ARG A=1\n', /no FROM/],
    ['instruction before FROM', 'RUN echo hi\nFROM scratch\n', /no build stage|before the first FROM/],
    ['bad substitution in FROM', 'FROM golang:${:x}\n', /bad substitution/],
    ['${v:?} on an unset build arg', 'ARG GO\nFROM golang:${GO:?required}\n', /GO: required/],
    ['duplicate stage name', 'FROM scratch AS a\nFROM scratch AS a\n', /duplicate stage name/],
  ];
  it.each(cases)('%s', (_name, input, message) => {
    const r = checkDockerfile(input, policy(), { now: NOW });
    expect(r.status).toBe('error');
    expect(gds000(r).length).toBeGreaterThan(0);
    expect(gds000(r).map((f) => f.message).join(' ')).toMatch(message);
    for (const f of gds000(r)) expect(f.severity).toBe('error');
  });
  it('a file over maxFileBytes (string and bytes; multi-byte characters counted as bytes)', () => {
    const p = policy({ maxFileBytes: 100 });
    const big = GOOD;
    expect(checkDockerfile(big, p).findings[0]!.message).toMatch(/maxFileBytes \(100 bytes\)/);
    expect(checkDockerfile(new TextEncoder().encode(big), p).status).toBe('error');
    const multi = 'FROM scratch\n#' + 'é'.repeat(45); // 14 + 90 bytes, 59 chars
    expect(checkDockerfile(multi, p).status).toBe('error');
    expect(checkDockerfile('FROM scratch\n#' + 'é'.repeat(40), p).status).not.toBe('error');
  });
  it('pathological expansion is a bounded GDS000', () => {
    const cpuMs = startCpuClock();
    const r = check(DOUBLING_ARGS);
    expect(cpuMs()).toBeLessThan(5000);
    expect(r.status).toBe('error');
    expect(r.findings[0]!.message).toMatch(/^The file could not be checked within the limits: /);
    expect(r.reasonCode).toBe('too-complex');
    const nested = 'FROM golang:' + '${X:-'.repeat(200) + '1' + '}'.repeat(200) + '\n';
    expect(check(nested).findings[0]!.message).toMatch(/nested deeper/);
  });
  it('malformed words BuildKit expands are GDS000, not internal errors, and never drifted', () => {
    for (const [text, expected] of [
      ['FROM scratch\nCOPY app /app\nUSER 65534:65534"\nENTRYPOINT ["/app"]\n', /USER on line 3: unexpected end of statement while looking for matching double-quote/],
      ['FROM scratch\nCOPY app /app\nEXPOSE ${PORT\nUSER 65534:65534\nENTRYPOINT ["/app"]\n', /EXPOSE on line 3: unsupported modifier/],
      ['FROM scratch\nLABEL a="${x"\n', /LABEL on line 2/],
      ['FROM scratch\nSTOPSIGNAL ${SIG:?no signal}\n', /STOPSIGNAL on line 2: SIG: no signal/],
    ] as const) {
      const r = check(text);
      expect(r.status).toBe('error');
      expect(r.findings).toHaveLength(1);
      expect(r.findings[0]!.ruleId).toBe('GDS000');
      expect(r.findings[0]!.message).toMatch(expected);
      expect(r.findings[0]!.message).not.toMatch(/Internal error/);
    }
  });
  it('non-text input and a broken policy do not throw', () => {
    expect(checkDockerfile(42 as unknown as string, policy()).status).toBe('error');
    expect(checkDockerfile(GOOD, null as unknown as Policy).status).toBe('error');
    expect(checkDockerfile(GOOD, null as unknown as Policy).findings[0]!.message).toMatch(/Internal error/);
  });
  it('a UTF-8 BOM and CRLF line endings are fine', () => {
    expect(check('\ufeff' + GOOD.replace(/\n/g, '\r\n')).findings).toEqual([]);
    expect(checkDockerfile(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(GOOD)]), policy(), { now: NOW }).status).toBe('compliant');
  });
});

describe('status semantics', () => {
  it('drifted on any unsuppressed error or warning, compliant with info only', () => {
    expect(check(GOOD.replace(' -trimpath', '')).status).toBe('drifted'); // warning
    expect(check(GOOD.replace('USER 65534:65534', 'USER root')).status).toBe('drifted'); // error
    expect(check(GOOD.replace('--no-cache ', '')).status).toBe('compliant'); // info
  });
  it('statusOf', () => {
    const f = (ruleId: string, severity: 'error' | 'warning' | 'info', suppressed = false) => ({ ruleId, severity, suppressed, message: '', line: 1, endLine: 1, fixHint: '' });
    expect(statusOf([])).toBe('compliant');
    expect(statusOf([f('GDS011', 'info')])).toBe('compliant');
    expect(statusOf([f('GDS009', 'error', true)])).toBe('compliant');
    expect(statusOf([f('GDS007', 'warning')])).toBe('drifted');
    expect(statusOf([f('GDS000', 'error'), f('GDS007', 'warning')])).toBe('error');
  });
  it('findings are sorted by line and carry line ranges of the instruction', () => {
    const text = GOOD.replace('RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w"', 'RUN go build \\\n   -o /x').replace('USER 65534:65534', 'USER root');
    const r = check(text);
    const ls = r.findings.map((f) => f.line);
    expect(ls).toEqual([...ls].sort((a, b) => a - b));
    const cgo = r.findings.find((f) => f.ruleId === 'GDS006')!;
    expect([cgo.line, cgo.endLine]).toEqual([7, 8]);
  });
});

describe('suppressions', () => {
  const rootUser = GOOD.replace('USER 65534:65534', 'USER nobody');
  it('a line suppression with a reason suppresses that rule on that instruction only', () => {
    const text = rootUser.replace('USER nobody', '# hardened-go ignore=GDS011 reason="legacy PSP"\nUSER nobody');
    const r = check(text);
    const f = r.findings.find((x) => x.ruleId === 'GDS011')!;
    expect(f.suppressed).toBe(true);
    expect(f.suppressionReason).toBe('legacy PSP');
    expect(r.status).toBe('compliant');
  });
  it('comma-separated IDs and stacked comment lines', () => {
    const text = GOOD.replace('RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w"', '# hardened-go ignore=GDS007,GDS008 reason="debug build"\n# another comment\nRUN CGO_ENABLED=0 go build');
    const r = check(text);
    expect(r.findings.map((f) => [f.ruleId, f.suppressed])).toEqual([['GDS007', true], ['GDS008', true]]);
    expect(r.status).toBe('compliant');
  });
  it('a suppression does not reach other instructions', () => {
    const text = GOOD.replace('RUN CGO_ENABLED=0 go build -trimpath', '# hardened-go ignore=GDS007 reason="x"\nRUN true\nRUN CGO_ENABLED=0 go build');
    const r = check(text);
    expect(r.findings.find((f) => f.ruleId === 'GDS007')!.suppressed).toBe(false);
    expect(r.status).toBe('drifted');
  });
  it('a global suppression covers the whole file', () => {
    const text = '# hardened-go global ignore=GDS013,GDS012 reason="no TLS, UTC only"\n' + GOOD.replace('COPY --from=build /usr/share/zoneinfo /usr/share/zoneinfo\nCOPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt\n', '');
    const r = check(text);
    expect(r.findings.map((f) => [f.ruleId, f.suppressed, f.suppressionReason])).toEqual([
      ['GDS012', true, 'no TLS, UTC only'],
      ['GDS013', true, 'no TLS, UTC only'],
    ]);
    expect(r.status).toBe('compliant');
  });
  it.each([
    ['# hardened-go ignore=GDS011', /no reason/],
    ['# hardened-go ignore=GDS011 reason=""', /no reason/],
    ['# hardened-go ignore=GDS999 reason="x"', /unknown rule GDS999/],
    ['# hardened-go ignore=GDS000 reason="x"', /cannot be suppressed/],
    ['# hardened-go ignroe=GDS011 reason="x"', /Malformed/],
    ['# hardened-go ignore=GDS011 because="x"', /unexpected text/],
  ])('%s is ineffective and reported as GDS-SUPPRESS', (comment, message) => {
    const r = check(rootUser.replace('USER nobody', `${comment}\nUSER nobody`));
    const meta = r.findings.filter((f) => f.ruleId === 'GDS-SUPPRESS');
    expect(meta).toHaveLength(1);
    expect(meta[0]!.message).toMatch(message);
    expect(meta[0]!.severity).toBe('warning');
    expect(r.findings.find((f) => f.ruleId === 'GDS011')!.suppressed).toBe(false);
    expect(r.status).toBe('drifted');
  });
  it('a line suppression not directly above an instruction is reported', () => {
    const r = check(GOOD + '\n# hardened-go ignore=GDS011 reason="x"\n');
    expect(r.findings.map((f) => f.ruleId)).toEqual(['GDS-SUPPRESS']);
  });
  it("single-quoted and bare reasons work", () => {
    expect(check(rootUser.replace('USER nobody', "# hardened-go ignore=GDS011 reason='k8s PSP'\nUSER nobody")).findings[0]!.suppressionReason).toBe('k8s PSP');
    expect(check(rootUser.replace('USER nobody', '# hardened-go ignore=gds011 reason=legacy\nUSER nobody')).findings[0]!.suppressionReason).toBe('legacy');
  });
});

describe('severity and rollout', () => {
  const noTrim = GOOD.replace(' -trimpath', '');
  const sev = (p: Policy, now = NOW) => checkDockerfile(noTrim, p, { now }).findings.find((f) => f.ruleId === 'GDS007');
  it('rule default', () => {
    expect(sev(policy())!.severity).toBe('warning');
  });
  it('severity override and off', () => {
    expect(sev(policy({ rules: { GDS007: { severity: 'error' } } }))!.severity).toBe('error');
    expect(sev(policy({ rules: { GDS007: { severity: 'info' } } }))!.severity).toBe('info');
    expect(sev(policy({ rules: { GDS007: { severity: 'off' } } }))).toBeUndefined();
    expect(checkDockerfile(noTrim, policy({ rules: { GDS007: { severity: 'off' } } }), { now: NOW }).status).toBe('compliant');
  });
  it('does not run a rule the policy turns off (severity or mode), and runs it otherwise', () => {
    const gds016 = RULES.find((r) => r.id === 'GDS016')!;
    const spy = jest.spyOn(gds016, 'check');
    try {
      checkDockerfile(noTrim, policy({ rules: { GDS016: { severity: 'off' } } }), { now: NOW });
      checkDockerfile(noTrim, policy({ rules: { GDS016: { mode: 'off' } } }), { now: NOW });
      expect(spy).not.toHaveBeenCalled();
      checkDockerfile(noTrim, policy({ rules: { GDS016: { mode: 'inform' } } }), { now: NOW });
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });
  it('with every rule off, a file the model refuses is still an error, never compliant', () => {
    const allOff = policy({ rules: Object.fromEntries(RULES.filter((r) => r.configurable !== false).map((r) => [r.id, { severity: 'off' as const }])) });
    const cpuMs = startCpuClock();
    const tooComplex = checkDockerfile(DOUBLING_ARGS, allOff, { now: NOW });
    expect(cpuMs()).toBeLessThan(5000);
    expect(tooComplex).toMatchObject({ status: 'error', reasonCode: 'too-complex' });
    expect(checkDockerfile('FROM scratch\nUSER ${U\n', allOff, { now: NOW }).status).toBe('error');
    expect(checkDockerfile(GOOD.replace('FROM', 'FORM'), allOff, { now: NOW }).status).toBe('error');
    expect(checkDockerfile(GOOD, allOff, { now: NOW })).toMatchObject({ status: 'compliant', findings: [] });
  });
  it('rollout modes', () => {
    expect(sev(policy({ rules: { GDS007: { mode: 'off' } } }))).toBeUndefined();
    expect(sev(policy({ rules: { GDS007: { mode: 'inform' } } }))!.severity).toBe('info');
    expect(sev(policy({ rules: { GDS007: { mode: 'warn' } } }))!.severity).toBe('warning');
    expect(sev(policy({ rules: { GDS007: { mode: 'enforce' } } }))!.severity).toBe('error');
  });
  it('enforce with enforceAfter: a warning naming the deadline before, an error on and after it', () => {
    const p = policy({ rules: { GDS007: { mode: 'enforce', enforceAfter: '2027-01-01' } } });
    const before = sev(p, new Date('2026-12-31T23:59:59Z'))!;
    expect(before.severity).toBe('warning');
    expect(before.message).toContain('enforced as an error from 2027-01-01');
    expect(sev(p, new Date('2027-01-01T00:00:00Z'))!.severity).toBe('error');
    expect(sev(p, new Date('2027-06-01T00:00:00Z'))!.message).not.toContain('enforced as');
  });
  it('GDS000 is always an error', () => {
    const p = policy({ rules: { GDS000: { severity: 'off' } } });
    // the policy reader refuses this setting; a policy built by hand must not weaken GDS000 either
    expect(resolveSeverity(GDS000, p, NOW)).toEqual({ severity: 'error' });
    expect(checkDockerfile('', p).status).toBe('error');
  });
  it('is pure: the same now gives the same result', () => {
    const p = policy({ rules: { GDS007: { mode: 'enforce', enforceAfter: '2027-01-01' } } });
    expect(checkDockerfile(noTrim, p, { now: NOW })).toEqual(checkDockerfile(noTrim, p, { now: NOW }));
  });
});
