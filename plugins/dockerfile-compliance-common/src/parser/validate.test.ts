import { csvFields } from './csvFields';
import { parseGoDuration } from './validate';
import { matchDirective } from './directives';

describe('parseGoDuration (Go time.ParseDuration)', () => {
  it.each([
    ['0', 0n],
    ['1ns', 1n],
    ['1.5s', 1_500_000_000n],
    ['1m30s', 90_000_000_000n],
    ['-2ms', -2_000_000n],
    ['+3us', 3_000n],
    ['.5h', 1_800_000_000_000n],
    ['5\u00b5s', 5_000n],
  ])('%s is %s ns', (text, ns) => {
    expect(parseGoDuration(text)).toBe(ns);
  });

  it.each(['', '5', '.s', '5d', 's', '1e3s', '9999999999999h', '--1s'])('rejects %j', (text) => {
    expect(parseGoDuration(text)).toBeNull();
  });
});

describe('csvFields (go-csvvalue, strict quotes)', () => {
  it('splits fields and handles quoted ones', () => {
    expect(csvFields('type=cache,target=/x')).toEqual(['type=cache', 'target=/x']);
    expect(csvFields('"a,b",c')).toEqual(['a,b', 'c']);
    expect(csvFields('"a""b"')).toEqual(['a"b']);
    expect(csvFields('a,')).toEqual(['a', '']);
  });

  it('rejects empty input, bare and unterminated quotes', () => {
    expect(csvFields('')).toBeNull();
    expect(csvFields('a"b')).toBeNull();
    expect(csvFields('"ab')).toBeNull();
    expect(csvFields('"a"b')).toBeNull();
  });
});

describe('matchDirective', () => {
  it('reads key and value around optional blanks', () => {
    expect(matchDirective('# syntax = docker/dockerfile:1  ')).toEqual({ key: 'syntax', value: 'docker/dockerfile:1' });
    expect(matchDirective('#ESCAPE=`')).toEqual({ key: 'escape', value: '`' });
  });

  it('keeps the last blank as value when only blanks follow = (RE2 semantics)', () => {
    expect(matchDirective('# escape=  ')).toEqual({ key: 'escape', value: ' ' });
  });

  it('rejects lines that are not shaped like directives', () => {
    expect(matchDirective('# escape')).toBeNull();
    expect(matchDirective('# escape=')).toBeNull();
    expect(matchDirective('# 1x=y')).toBeNull();
    expect(matchDirective('escape=`')).toBeNull();
  });
});
