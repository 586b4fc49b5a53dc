import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_DOCKERFILE_URL,
  ANNOTATION_FINDINGS,
  ANNOTATION_LAST_CHECKED,
  ANNOTATION_REASON,
  ANNOTATION_STANDARD_VERSION,
  LABEL_COMPLIANCE,
  driftMetadata,
  renderedDriftMetadata,
  renderOutcome,
  withDriftMetadata,
  withoutDriftMetadata,
} from './annotations';
import { parseDockerfileUrls, parseFindingsAnnotation } from '@hardened-go/plugin-dockerfile-compliance-common';
import { FileOutcome, unknownOutcome, worstStatus } from './outcome';

const compliant: FileOutcome = {
  path: 'Dockerfile',
  url: 'https://git.example/acme/api/blob/main/Dockerfile',
  status: 'compliant',
  counts: { error: 0, warning: 0, info: 1 },
  findings: [{ rule: 'GDS011', severity: 'info', line: 14, message: 'USER is numeric' }],
  more: 0,
};
const drifted: FileOutcome = {
  path: 'deploy/worker.Dockerfile',
  url: 'https://git.example/acme/api/blob/main/deploy/worker.Dockerfile',
  status: 'drifted',
  counts: { error: 1, warning: 0, info: 0 },
  findings: [{ rule: 'GDS009', severity: 'error', line: 9, message: 'final stage runs as root' }],
  more: 0,
};

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'api', labels: { team: 'a' }, annotations: { 'backstage.io/source-location': 'url:https://git.example/acme/api/' } },
  spec: { type: 'service' },
};

describe('driftMetadata', () => {
  it('labels a single compliant file and records version, URL and findings as compact JSON', () => {
    const m = driftMetadata([compliant], 'v1');
    expect(m.labels).toEqual({ [LABEL_COMPLIANCE]: 'compliant' });
    expect(m.annotations[ANNOTATION_STANDARD_VERSION]).toBe('v1');
    expect(m.annotations[ANNOTATION_DOCKERFILE_URL]).toBe(compliant.url);
    expect(m.annotations[ANNOTATION_REASON]).toBeUndefined();
    expect(m.annotations[ANNOTATION_FINDINGS]).toBe(
      '[{"path":"Dockerfile","url":"https://git.example/acme/api/blob/main/Dockerfile","status":"compliant","counts":{"error":0,"warning":0,"info":1},' +
        '"findings":[{"rule":"GDS011","severity":"info","line":14,"message":"USER is numeric"}],"more":0}]',
    );
  });

  it('gives the entity the worst status of its files and lists every file', () => {
    const m = driftMetadata([compliant, drifted], 'v1');
    expect(m.labels[LABEL_COMPLIANCE]).toBe('drifted');
    expect(JSON.parse(m.annotations[ANNOTATION_FINDINGS]).map((f: FileOutcome) => f.status)).toEqual(['compliant', 'drifted']);
    expect(m.annotations[ANNOTATION_DOCKERFILE_URL]).toBe(`${compliant.url},${drifted.url}`);
  });

  it('ranks error over drifted over unknown over compliant, and never calls an empty list compliant', () => {
    expect(worstStatus(['compliant', 'unknown'])).toBe('unknown');
    expect(worstStatus(['unknown', 'drifted'])).toBe('drifted');
    expect(worstStatus(['drifted', 'error', 'compliant'])).toBe('error');
    expect(worstStatus([])).toBe('unknown');
  });

  it('explains unknown files per path, and omits the URL when there is none', () => {
    const noSource = unknownOutcome('Dockerfile', undefined, 'no-source-location', 'the entity has no source location');
    const m = driftMetadata([noSource], 'v1');
    expect(m.labels[LABEL_COMPLIANCE]).toBe('unknown');
    expect(m.annotations[ANNOTATION_REASON]).toBe('Dockerfile: the entity has no source location');
    expect(m.annotations[ANNOTATION_DOCKERFILE_URL]).toBeUndefined();
    expect(JSON.parse(m.annotations[ANNOTATION_FINDINGS])[0]).toMatchObject({ reasonCode: 'no-source-location' });

    const two = driftMetadata([compliant, unknownOutcome('b/Dockerfile', 'https://x/b/Dockerfile', 'not-found', 'no file at https://x/b/Dockerfile')], 'v1');
    expect(two.annotations[ANNOTATION_REASON]).toBe('b/Dockerfile: no file at https://x/b/Dockerfile');
  });

  it('percent-encodes commas inside URLs so the URL list splits unambiguously', () => {
    const m = driftMetadata([{ ...compliant, url: 'https://x/a,b/Dockerfile' }, drifted], 'v1');
    expect(m.annotations[ANNOTATION_DOCKERFILE_URL].split(',')).toEqual(['https://x/a%2Cb/Dockerfile', drifted.url]);
  });

  it('is deterministic: the same outcomes give the same text whatever the key order', () => {
    const reordered = JSON.parse(JSON.stringify({ more: 0, findings: drifted.findings, counts: { info: 0, warning: 0, error: 1 }, status: 'drifted', url: drifted.url, path: drifted.path }));
    expect(driftMetadata([reordered], 'v1')).toEqual(driftMetadata([drifted], 'v1'));
  });
});

describe('the compliance contract', () => {
  it('writes what the library\'s one parser reads back unchanged', () => {
    const outcomes = [compliant, { ...drifted, url: 'https://x/a,b/Dockerfile' }, unknownOutcome('c/Dockerfile', undefined, 'invalid-path', 'not a path')];
    const m = driftMetadata(outcomes, 'v1');
    expect(parseFindingsAnnotation(m.annotations[ANNOTATION_FINDINGS])).toEqual({ ok: true, files: outcomes });
    expect(parseDockerfileUrls(m.annotations[ANNOTATION_DOCKERFILE_URL])).toEqual([compliant.url, 'https://x/a,b/Dockerfile']);
  });
});

describe('withDriftMetadata / withoutDriftMetadata', () => {
  it('adds the label and annotations and keeps the entity\'s own', () => {
    const out = withDriftMetadata(entity, driftMetadata([drifted], 'v1'));
    expect(out.metadata.labels).toEqual({ team: 'a', [LABEL_COMPLIANCE]: 'drifted' });
    expect(out.metadata.annotations!['backstage.io/source-location']).toBe('url:https://git.example/acme/api/');
    expect(entity.metadata.labels).toEqual({ team: 'a' }); // input untouched
  });

  it('replaces stale or hand-written values and removes ones that no longer apply', () => {
    const stale = withDriftMetadata(entity, driftMetadata([unknownOutcome('Dockerfile', 'https://x', 'timeout', 'slow')], 'v0'));
    const fresh = withDriftMetadata(stale, driftMetadata([compliant], 'v1'));
    expect(fresh.metadata.labels![LABEL_COMPLIANCE]).toBe('compliant');
    expect(fresh.metadata.annotations![ANNOTATION_REASON]).toBeUndefined();
    expect(fresh.metadata.annotations![ANNOTATION_STANDARD_VERSION]).toBe('v1');
  });

  it('writes last-checked as ISO-8601 UTC only when given, and drops a stale one when not', () => {
    const checked = withDriftMetadata(entity, driftMetadata([compliant], 'v1', new Date('2026-12-02T11:00:00+01:00')));
    expect(checked.metadata.annotations![ANNOTATION_LAST_CHECKED]).toBe('2026-12-02T10:00:00.000Z');
    expect(withDriftMetadata(checked, driftMetadata([compliant], 'v1')).metadata.annotations).not.toHaveProperty([ANNOTATION_LAST_CHECKED]);
  });

  it('strips every key the processor owns from an entity it does not check', () => {
    const faked: Entity = { ...entity, metadata: { ...entity.metadata, labels: { [LABEL_COMPLIANCE]: 'compliant' }, annotations: { [ANNOTATION_FINDINGS]: '[]', [ANNOTATION_LAST_CHECKED]: '2026-12-02T10:00:00.000Z', keep: 'me' } } };
    const out = withoutDriftMetadata(faked);
    expect(out.metadata.labels).toBeUndefined();
    expect(out.metadata.annotations).toEqual({ keep: 'me' });
    expect(withoutDriftMetadata(entity)).toBe(entity);
  });
});

describe('renderedDriftMetadata', () => {
  it('writes exactly what driftMetadata writes, from outcomes rendered once', () => {
    const lost = unknownOutcome('build/Dockerfile', 'https://git.example/acme/api/blob/main/build/Dockerfile', 'not-found', 'no file at https://git.example/x, y');
    for (const outcomes of [[compliant], [compliant, drifted, lost], [lost], []]) {
      expect(renderedDriftMetadata(outcomes.map(renderOutcome), 'v1')).toEqual(driftMetadata(outcomes, 'v1'));
    }
    expect(renderOutcome(lost)).toEqual({ path: lost.path, url: lost.url, status: 'unknown', reasonCode: 'not-found', reason: lost.reason, entry: expect.any(String) });
  });
});
