import { DEFAULT_POLICY } from '@hardened-go/plugin-dockerfile-compliance-common';
import { checkFingerprint, fingerprinter, isUnchanged, parseCacheState, toCacheValue } from './driftCache';

const day1 = new Date('2026-11-26T23:59:59Z');
const day2 = new Date('2026-11-27T00:00:01Z');
const dated = { ...DEFAULT_POLICY, rules: { GDS011: { severity: 'error' as const, enforceAfter: '2027-01-01' } } };
const file = (url: string) => ({ url, etag: '"e"', fingerprint: 'f', outcome: { path: 'Dockerfile', url, status: 'compliant', entry: '{}' } });

describe('fingerprinter', () => {
  it('gives the same fingerprint as checkFingerprint, computed once for an undated policy', () => {
    const fp = fingerprinter(DEFAULT_POLICY, 20);
    expect(fp(day1)).toBe(checkFingerprint(DEFAULT_POLICY, 20, day1));
    expect(fp(day2)).toBe(fp(day1));
    expect(fingerprinter(DEFAULT_POLICY, 21)(day1)).not.toBe(fp(day1));
  });

  it('changes with the UTC day for a policy with rollout deadlines', () => {
    const fp = fingerprinter(dated, 20);
    expect(fp(day1)).toBe(checkFingerprint(dated, 20, day1));
    expect(fp(day2)).toBe(checkFingerprint(dated, 20, day2));
    expect(fp(day2)).not.toBe(fp(day1));
    expect(fp(day1)).toBe(checkFingerprint(dated, 20, day1));
  });
});

describe('parseCacheState and isUnchanged', () => {
  it('marks a stored value intact only when nothing in it was dropped', () => {
    expect(parseCacheState({ format: 2, files: [file('a')], reported: 'compliant' }).intact).toBe(true);
    expect(parseCacheState({ format: 2, files: [] }).intact).toBe(true);
    expect(parseCacheState({ format: 2, files: [file('a'), { url: 'b' }] })).toEqual({ files: [file('a')], intact: false });
    expect(parseCacheState({ format: 2, files: [{ ...file('a'), outcome: { ...file('a').outcome, entry: undefined } }] })).toEqual({ files: [], intact: false });
    expect(parseCacheState({ format: 2, files: [], reported: 3 }).intact).toBe(false);
    expect(parseCacheState({ format: 2, files: [], extra: true }).intact).toBe(false);
    expect(parseCacheState('junk')).toEqual({ files: [], intact: false });
  });

  it('drops files of another cache format but keeps the logged signature', () => {
    const v1 = { files: [{ url: 'a', etag: '"e"', fingerprint: 'f', outcome: { path: 'Dockerfile', status: 'compliant', counts: {}, findings: [], more: 0 } }], reported: 'compliant' };
    expect(parseCacheState(v1)).toEqual({ files: [], reported: 'compliant', intact: false });
    expect(parseCacheState({ ...v1, format: 3, files: [file('a')] })).toEqual({ files: [], reported: 'compliant', intact: false });
  });

  it('stores the current format, plain JSON', () => {
    const state = parseCacheState({ format: 2, files: [file('a')], reported: 'x' });
    expect(toCacheValue({ files: state.files, reported: 'x' })).toEqual({ format: 2, files: [file('a')], reported: 'x' });
  });

  it('is unchanged only for the very entries read, in order, with the same logged signature', () => {
    const previous = parseCacheState({ format: 2, files: [file('a'), file('b')], reported: 'x' });
    const [a, b] = previous.files;
    expect(isUnchanged(previous, { files: [a, b], reported: 'x' })).toBe(true);
    expect(isUnchanged(previous, { files: [b, a], reported: 'x' })).toBe(false);
    expect(isUnchanged(previous, { files: [a], reported: 'x' })).toBe(false);
    expect(isUnchanged(previous, { files: [a, { ...b }], reported: 'x' })).toBe(false);
    expect(isUnchanged(previous, { files: [a, b], reported: 'y' })).toBe(false);
    const damaged = parseCacheState({ format: 2, files: [file('a'), 7], reported: 'x' });
    expect(isUnchanged(damaged, { files: damaged.files, reported: 'x' })).toBe(false);
  });
});
