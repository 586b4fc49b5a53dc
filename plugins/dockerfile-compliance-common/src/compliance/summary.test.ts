import { parseDockerfileUrls, parseFindingsAnnotation, rulesWithFindings, totalCounts, worstStatus, type FileOutcome } from './summary';

const drifted: FileOutcome = {
  path: 'deploy/worker.Dockerfile',
  url: 'https://git.example/acme/orders/blob/main/deploy/worker.Dockerfile',
  status: 'drifted',
  counts: { error: 1, warning: 1, info: 0 },
  findings: [
    { rule: 'GDS001', severity: 'error', line: 1, message: 'build image is golang:1.22' },
    { rule: 'GDS007', severity: 'warning', line: 7, message: 'go build does not use -trimpath' },
  ],
  more: 0,
};

describe('parseFindingsAnnotation', () => {
  it('reads what the drift processor writes', () => {
    const unknown = { path: 'Dockerfile', status: 'unknown', counts: { error: 0, warning: 0, info: 0 }, findings: [], more: 0, reasonCode: 'not-found', reason: 'no such file' };
    const parsed = parseFindingsAnnotation(JSON.stringify([drifted, unknown]));
    expect(parsed).toEqual({ ok: true, files: [drifted, unknown] });
  });

  it('defaults a missing "more" to 0 and drops an unknown reason code but keeps the reason', () => {
    const raw = [{ path: 'Dockerfile', status: 'unknown', counts: { error: 0, warning: 0, info: 0 }, findings: [], reasonCode: 'from-the-future', reason: 'why' }];
    const parsed = parseFindingsAnnotation(JSON.stringify(raw));
    expect(parsed).toEqual({
      ok: true,
      files: [{ path: 'Dockerfile', status: 'unknown', counts: { error: 0, warning: 0, info: 0 }, findings: [], more: 0, reason: 'why' }],
    });
  });

  it.each([
    [undefined, /missing/],
    ['', /missing/],
    ['{not json', /not JSON/],
    ['{"path":"Dockerfile"}', /not a JSON array/],
    ['[1]', /file\[0\]: is not an object/],
    ['[{"status":"drifted","counts":{"error":0,"warning":0,"info":0},"findings":[]}]', /"path"/],
    ['[{"path":"D","status":"fine","counts":{"error":0,"warning":0,"info":0},"findings":[]}]', /"status" must be one of/],
    ['[{"path":"D","status":"drifted","counts":{"error":-1,"warning":0,"info":0},"findings":[]}]', /"counts"/],
    ['[{"path":"D","status":"drifted","counts":{"error":0,"warning":0},"findings":[]}]', /"counts"/],
    ['[{"path":"D","status":"drifted","counts":{"error":0,"warning":0,"info":0}}]', /"findings" must be an array/],
    ['[{"path":"D","status":"drifted","counts":{"error":0,"warning":0,"info":0},"findings":[{"rule":"GDS001","severity":"fatal","line":1,"message":"m"}]}]', /findings\[0\]: "severity"/],
    ['[{"path":"D","status":"drifted","counts":{"error":0,"warning":0,"info":0},"findings":[{"rule":"GDS001","severity":"error","line":1.5,"message":"m"}]}]', /"line"/],
    ['[{"path":"D","status":"drifted","counts":{"error":0,"warning":0,"info":0},"findings":[],"more":"2"}]', /"more"/],
  ])('rejects %p with a stated reason, without throwing', (text, reason) => {
    const parsed = parseFindingsAnnotation(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(reason);
  });
});

describe('worstStatus', () => {
  it('ranks error > drifted > unknown > compliant, and no file at all is unknown', () => {
    expect(worstStatus([])).toBe('unknown');
    expect(worstStatus(['compliant', 'compliant'])).toBe('compliant');
    expect(worstStatus(['compliant', 'unknown'])).toBe('unknown');
    expect(worstStatus(['unknown', 'drifted'])).toBe('drifted');
    expect(worstStatus(['drifted', 'error', 'unknown'])).toBe('error');
  });
});

describe('parseDockerfileUrls', () => {
  it('splits on commas and restores escaped commas', () => {
    expect(parseDockerfileUrls('https://a/x%2Cy/Dockerfile, https://a/b/Dockerfile')).toEqual(['https://a/x,y/Dockerfile', 'https://a/b/Dockerfile']);
    expect(parseDockerfileUrls(undefined)).toEqual([]);
  });
});

describe('totalCounts and rulesWithFindings over several Dockerfiles', () => {
  const finding = (rule: string) => ({ rule, severity: 'warning' as const, line: 1, message: 'm' });
  const files = [
    { counts: { error: 1, warning: 2, info: 0 }, findings: [finding('GDS009'), finding('GDS007')] },
    { counts: { error: 0, warning: 3, info: 4 }, findings: [finding('GDS007'), finding('GDS001')] },
  ];
  it('sums the counts per severity', () => {
    expect(totalCounts(files)).toEqual({ error: 1, warning: 5, info: 4 });
    expect(totalCounts([])).toEqual({ error: 0, warning: 0, info: 0 });
  });
  it('lists each rule with a finding once, sorted', () => {
    expect(rulesWithFindings(files)).toEqual(['GDS001', 'GDS007', 'GDS009']);
    expect(rulesWithFindings([])).toEqual([]);
  });
});
