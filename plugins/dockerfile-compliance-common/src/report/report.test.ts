import { sarifValidator } from '../../../../test/fixtures/sarif/validate';
import type { CheckResult, Finding } from '../check/types';
import { ALL_RULES } from '../rules';
import { checkDockerfile } from '../check/check';
import { DEFAULT_POLICY } from '../policy/policy';
import { formatText, toCodeQuality, toJsonReport, toSarif, type FileReport } from '.';

function finding(overrides: Partial<Finding>): Finding {
  return {
    ruleId: 'GDS009',
    severity: 'error',
    message: 'The final stage runs as root.',
    line: 1,
    endLine: 1,
    fixHint: 'Add `USER 65534:65534` to the final stage.',
    suppressed: false,
    ...overrides,
  };
}

function result(status: CheckResult['status'], findings: Finding[]): CheckResult {
  return { status, standardVersion: 'v1', findings };
}

const SOURCE = [
  'FROM golang:1.26.8-alpine3.23 AS build',
  'RUN apk add git',
  'RUN go build \\',
  '  -o /out/app \\',
  '  .',
  'FROM alpine:3.23.0',
  'USER root',
  '',
].join('\n');

const FILES: FileReport[] = [
  {
    path: 'services/api/Dockerfile',
    source: new TextEncoder().encode(SOURCE),
    result: result('drifted', [
      finding({ line: 7, endLine: 7 }),
      finding({ ruleId: 'GDS008', severity: 'warning', message: '-ldflags lacks -s -w.', line: 3, endLine: 5, fixHint: 'Add -ldflags="-s -w".' }),
      finding({ ruleId: 'GDS016', severity: 'info', message: 'apk add without --no-cache.', line: 2, endLine: 2, suppressed: true, suppressionReason: 'cache mount upstream', fixHint: 'Use --no-cache.' }),
    ]),
  },
  { path: 'Dockerfile', source: 'FROM scratch\n', result: result('compliant', []) },
  { path: 'broken/Dockerfile', result: result('error', [finding({ ruleId: 'GDS000', message: 'The file is empty.', fixHint: 'Write a Dockerfile.' })]) },
];

describe('toCodeQuality (GitLab)', () => {
  it('lists each unsuppressed finding on its lines, with GitLab severities and fingerprints shared with SARIF', () => {
    const issues = toCodeQuality(FILES);
    expect(issues.map(i => [i.check_name, i.severity, i.location.path, i.location.lines])).toEqual([
      ['GDS009', 'critical', 'services/api/Dockerfile', { begin: 7, end: 7 }],
      ['GDS008', 'major', 'services/api/Dockerfile', { begin: 3, end: 5 }],
      ['GDS000', 'critical', 'broken/Dockerfile', { begin: 1, end: 1 }],
    ]);
    expect(issues[0]!.description).toBe('GDS009: The final stage runs as root. Fix: Add `USER 65534:65534` to the final stage.');
    const sarif = toSarif(FILES, { standardVersion: 'v1' }) as { runs: { results: { partialFingerprints: Record<string, string> }[] }[] };
    expect(issues[0]!.fingerprint).toBe(`services/api/Dockerfile:${sarif.runs[0]!.results[0]!.partialFingerprints['hardenedGoFinding/v1']}`);
    expect(new Set(issues.map(i => i.fingerprint)).size).toBe(issues.length);
  });

  it('keeps a finding\'s fingerprint when lines above it move', () => {
    const moved: FileReport = {
      ...FILES[0]!,
      source: `# a comment\n${SOURCE}`,
      result: result('drifted', [finding({ line: 8, endLine: 8 })]),
    };
    expect(toCodeQuality([moved])[0]!.fingerprint).toBe(toCodeQuality(FILES)[0]!.fingerprint);
  });
});

describe('toJsonReport', () => {
  it('follows the JSON contract exactly, key order included', () => {
    const json = JSON.stringify(toJsonReport(FILES.slice(0, 2), { standardVersion: 'v1' }));
    expect(json).toBe(
      JSON.stringify({
        standardVersion: 'v1',
        files: [
          {
            path: 'services/api/Dockerfile',
            status: 'drifted',
            findings: [
              { ruleId: 'GDS009', severity: 'error', message: 'The final stage runs as root.', line: 7, endLine: 7, suppressed: false, fixHint: 'Add `USER 65534:65534` to the final stage.' },
              { ruleId: 'GDS008', severity: 'warning', message: '-ldflags lacks -s -w.', line: 3, endLine: 5, suppressed: false, fixHint: 'Add -ldflags="-s -w".' },
              { ruleId: 'GDS016', severity: 'info', message: 'apk add without --no-cache.', line: 2, endLine: 2, suppressed: true, fixHint: 'Use --no-cache.', suppressionReason: 'cache mount upstream' },
            ],
          },
          { path: 'Dockerfile', status: 'compliant', findings: [] },
        ],
      }),
    );
  });

  it('reports an error status for an unparseable file', () => {
    const report = toJsonReport(FILES.slice(2), { standardVersion: 'v2' });
    expect(report.standardVersion).toBe('v2');
    expect(report.files[0]).toMatchObject({ path: 'broken/Dockerfile', status: 'error', findings: [{ ruleId: 'GDS000', severity: 'error' }] });
  });
});

describe('formatText', () => {
  const text = formatText(FILES);

  it('gives each file its status and counts', () => {
    expect(text).toContain('services/api/Dockerfile: drifted (2 findings, 1 suppressed)\n');
    expect(text).toContain('Dockerfile: compliant\n');
    expect(text).toContain('broken/Dockerfile: error (1 finding)\n');
    expect(text.trimEnd().split('\n').pop()).toBe(
      '3 files checked: 1 compliant, 1 drifted, 1 error. Findings: 2 errors, 1 warning, 0 info, 1 suppressed.',
    );
  });

  it('shows findings in line order with the source excerpt and the fix', () => {
    const lines = text.split('\n');
    const at = lines.indexOf('  services/api/Dockerfile:3-5  warning GDS008  -ldflags lacks -s -w.');
    expect(at).toBeGreaterThan(-1);
    expect(lines.slice(at + 1, at + 5)).toEqual(['    3 | RUN go build \\', '    4 |   -o /out/app \\', '    5 |   .', '    fix: Add -ldflags="-s -w".']);
    expect(lines.indexOf('  services/api/Dockerfile:2  info    GDS016  apk add without --no-cache. (suppressed: cache mount upstream)')).toBe(at - 2);
    expect(lines[at - 1]).toBe('    2 | RUN apk add git');
    expect(lines[at + 5]).toBe('  services/api/Dockerfile:7  error   GDS009  The final stage runs as root.');
    expect(lines[at + 6]).toBe('    7 | USER root');
  });

  it('cuts long excerpts', () => {
    const long = formatText(FILES.slice(0, 1), { maxExcerptLines: 2 });
    expect(long).toContain('    3 | RUN go build \\\n    4 |   -o /out/app \\\n      | ... 1 more line\n');
  });

  it('reads CRLF and a BOM', () => {
    const crlf = formatText([{ path: 'D', source: '\uFEFFFROM x\r\nUSER root\r\n', result: result('drifted', [finding({ line: 2, endLine: 2 })]) }]);
    expect(crlf).toContain('    2 | USER root\n');
  });

  it('uses colour only when asked', () => {
    expect(text).not.toContain('\u001b[');
    const coloured = formatText(FILES, { color: true });
    expect(coloured).toContain('\u001b[31merror  \u001b[0m');
    expect(coloured).toContain('\u001b[32mcompliant\u001b[0m');
  });

  it('never passes terminal control sequences from a file through', () => {
    const evil = formatText([
      {
        path: 'evil\u001b]0;owned\u0007/Dockerfile',
        source: 'FROM x\nUSER \u001b[2Jroot\u202e\n',
        result: result('drifted', [finding({ line: 2, endLine: 2, message: 'runs as \u001b[31mroot\nFAKE' })]),
      },
    ]);
    expect(evil).not.toMatch(/[\u001b\u0007\u202e]/);
    expect(evil).toContain('USER \\u{1b}[2Jroot\\u{202e}');
    expect(evil).toContain('runs as \\u{1b}[31mroot\\u{a}FAKE');
  });
});

describe('toSarif', () => {
  const validate = sarifValidator();
  const sarif = toSarif(FILES, { standardVersion: 'v1', toolVersion: '0.1.0' }) as any;

  it('is valid SARIF 2.1.0', () => {
    expect(validate(sarif) ? [] : validate.errors).toEqual([]);
    expect(sarif.version).toBe('2.1.0');
  });

  it('describes every rule of the catalog in the driver', () => {
    const driver = sarif.runs[0].tool.driver;
    expect(driver.name).toBe('hardened-go');
    expect(driver.semanticVersion).toBe('0.1.0');
    expect(driver.rules.map((r: any) => r.id)).toEqual(ALL_RULES.map(r => r.id));
    const gds009 = driver.rules[ALL_RULES.findIndex(r => r.id === 'GDS009')];
    const rule = ALL_RULES.find(r => r.id === 'GDS009')!;
    expect(gds009).toMatchObject({
      id: 'GDS009',
      name: expect.stringMatching(/^[A-Z][A-Za-z0-9]+$/),
      shortDescription: { text: rule.title },
      fullDescription: { text: rule.rationale },
      defaultConfiguration: { level: 'error' },
    });
    expect(gds009.help.text).toContain(rule.fixHint);
    expect(gds009.help.markdown).toContain(rule.docsPath);
    // without a configured base: this project's own rule page, so code scanning can always link it
    expect(gds009.helpUri).toBe('https://github.com/hardened-go/hardened-go/blob/main/plugins/dockerfile-compliance-common/docs/rules/GDS009.md');
    for (const r of driver.rules) expect(r.helpUri).toMatch(/^https:\/\/github\.com\/hardened-go\/hardened-go\/blob\/main\/plugins\/dockerfile-compliance-common\/docs\/rules\/GDS(?:\d{3}|-SUPPRESS)\.md$/);
    const info = driver.rules.find((r: any) => r.id === 'GDS011');
    expect(info.defaultConfiguration.level).toBe('note');
  });

  it('resolves helpUri against the docs base URL', () => {
    const withDocs = toSarif(FILES, { standardVersion: 'v1', docsBaseUri: 'https://example.com/acme/hardened-go/blob/main/plugins/dockerfile-compliance-common' }) as any;
    const rule = withDocs.runs[0].tool.driver.rules.find((r: any) => r.id === 'GDS009');
    expect(rule.helpUri).toBe('https://example.com/acme/hardened-go/blob/main/plugins/dockerfile-compliance-common/docs/rules/GDS009.md');
    expect(validate(withDocs) ? [] : validate.errors).toEqual([]);
  });

  it('has one result per finding, pointing at the rule, the file and the lines', () => {
    const results = sarif.runs[0].results;
    expect(results).toHaveLength(4);
    for (const r of results) expect(sarif.runs[0].tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    expect(results[1]).toEqual({
      ruleId: 'GDS008',
      ruleIndex: ALL_RULES.findIndex(r => r.id === 'GDS008'),
      level: 'warning',
      message: { text: '-ldflags lacks -s -w. Fix: Add -ldflags="-s -w".' },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'services/api/Dockerfile' }, region: { startLine: 3, endLine: 5 } } }],
      partialFingerprints: { 'hardenedGoFinding/v1': expect.stringMatching(/^[0-9a-f]{16}:0$/) },
    });
    expect(results[2].level).toBe('note');
    expect(results[2].suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'cache mount upstream' }]);
    expect(results[3].locations[0].physicalLocation.artifactLocation.uri).toBe('broken/Dockerfile');
    expect(sarif.runs[0].properties).toEqual({ standardVersion: 'v1' });
  });

  it('writes relative, percent-encoded URIs and stays valid for odd paths and unknown rules', () => {
    const odd = toSarif(
      [{ path: 'my services\\api/Dockerfile#1', result: result('drifted', [finding({ ruleId: 'GDS999' })]) }],
      { standardVersion: 'v1' },
    ) as any;
    const r = odd.runs[0].results[0];
    expect(r.locations[0].physicalLocation.artifactLocation.uri).toBe('my%20services/api/Dockerfile%231');
    expect(r.ruleIndex).toBeUndefined();
    expect(validate(odd) ? [] : validate.errors).toEqual([]);
  });

  it('fingerprints each result by its rule and text, not its line: stable when lines above move, distinct otherwise', () => {
    const text = 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app\nUSER root\nCMD /app\n';
    const checked = (source: string) => toSarif([{ path: 'Dockerfile', source, result: checkDockerfile(source, DEFAULT_POLICY, { now: new Date('2026-11-26T00:00:00Z') }) }], { standardVersion: 'v1' }) as any;
    const prints = (source: string) => Object.fromEntries(checked(source).runs[0].results.map((r: any) => [`${r.ruleId}@${r.locations[0].physicalLocation.region.startLine}`, r.partialFingerprints['hardenedGoFinding/v1']]));
    const before = prints(text);
    const moved = prints(`# a comment\n\n${text.replace('\nUSER root', '\n  USER   root')}`);
    expect(Object.keys(before).length).toBeGreaterThan(4);
    // every finding keeps its fingerprint two lines further down (whitespace does not count)
    for (const [key, print] of Object.entries(before)) {
      const [rule, line] = key.split('@');
      expect(moved[`${rule}@${Number(line) + 2}`]).toBe(print);
    }
    expect(new Set(Object.values(before)).size).toBe(Object.keys(before).length);
    // the same rule on two identical lines: told apart by their order
    const twice = checked('FROM alpine:3.20\nRUN true\nFROM alpine:3.20\nCMD ["/x"]\n').runs[0].results.filter((r: any) => r.ruleId === 'GDS002');
    expect(twice.map((r: any) => r.partialFingerprints['hardenedGoFinding/v1'].split(':')[1])).toEqual(['0', '1']);
    expect(validate(checked(text)) ? [] : validate.errors).toEqual([]);
  });

  it('is valid for an empty run', () => {
    const empty = toSarif([], { standardVersion: 'v1' }) as any;
    expect(empty.runs[0].results).toEqual([]);
    expect(validate(empty) ? [] : validate.errors).toEqual([]);
  });

  it('the validator rejects what SARIF forbids (the schema check can fail)', () => {
    const broken = JSON.parse(JSON.stringify(sarif));
    broken.runs[0].results[0].level = 'fatal';
    delete broken.runs[0].tool.driver.name;
    expect(validate(broken)).toBe(false);
  });
});
