/** Go version parsing and comparison: the one implementation the policy, GDS003 and the fixer share. */
import { compareVersionParts, compareVersions, parseGoVersion, parseGolangTag, tagVersionOlderThan } from './goVersion';

describe('Go versions', () => {
  it('parses versions numerically', () => {
    expect(parseGoVersion('1.26')).toEqual([1, 26, 0]);
    expect(parseGoVersion('go1.26.10')).toEqual([1, 26, 10]);
    expect(parseGoVersion('1.26rc1')).toEqual([1, 26, 0]);
    expect(parseGoVersion(' 1.27beta2 ')).toEqual([1, 27, 0]);
    expect(parseGoVersion('latest')).toBeNull();
    expect(parseGoVersion('1')).toBeNull();
  });

  it('compares numerically, not lexically, a missing part counting as 0', () => {
    expect(compareVersions('1.26.10', '1.26.9')).toBe(1);
    expect(compareVersions('1.26.8', '1.26.10')).toBe(-1);
    expect(compareVersions('1.26', '1.26.0')).toBe(0);
    expect(compareVersions('3.23', '3.9')).toBe(1);
    expect(compareVersionParts([1, 26, 9], [1, 26, 10])).toBeLessThan(0);
    expect(compareVersionParts([1, 27, 0], [1, 26, 10])).toBeGreaterThan(0);
    expect(compareVersionParts([1, 26], [1, 26, 0])).toBe(0);
  });

  it('compares a floating tag only on the parts it names', () => {
    expect(tagVersionOlderThan('1.26', '1.26.8')).toBe(false);
    expect(tagVersionOlderThan('1.26.7', '1.26.8')).toBe(true);
    expect(tagVersionOlderThan('1.25', '1.26.8')).toBe(true);
    expect(tagVersionOlderThan('1', '1.26.8')).toBe(false);
    expect(tagVersionOlderThan('3.20', '3.23')).toBe(true);
  });

  it('reads golang image tags, also those that name only the Alpine version', () => {
    expect(parseGolangTag('1.26.8-alpine3.23')).toEqual({ go: '1.26.8', variant: 'alpine', alpine: '3.23' });
    expect(parseGolangTag('1.25rc2-alpine')).toEqual({ go: '1.25', variant: 'alpine', alpine: null });
    expect(parseGolangTag('1.26-bookworm')).toEqual({ go: '1.26', variant: 'bookworm', alpine: null });
    expect(parseGolangTag('alpine3.20')).toEqual({ go: null, variant: 'alpine', alpine: '3.20' });
    expect(parseGolangTag('alpine')).toEqual({ go: null, variant: 'alpine', alpine: null });
    expect(parseGolangTag('bookworm')).toEqual({ go: null, variant: 'bookworm', alpine: null });
    expect(parseGolangTag('latest')).toEqual({ go: null, variant: 'latest', alpine: null });
    expect(parseGolangTag('-x')).toBeNull();
  });
});
