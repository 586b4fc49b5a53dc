import { GOOD, expectLabelledFindings, expectSilent, findings, labelledCasesOf, mutate, policy } from '../../test-fixtures/ruleKit';

describe('GDS002 exact tags', () => {
  const withBase = (from: string) => mutate('FROM golang:1.26.8-alpine3.23 AS build', from);
  it.each([
    ['FROM golang AS build', 'no tag'],
    ['FROM golang:latest AS build', '`latest`'],
    ['FROM golang:1.26 AS build', 'floating'],
    ['FROM golang:1.26-alpine AS build', 'floating'],
    ['FROM golang:alpine AS build', 'floating'],
  ])('%s fires (%s)', (from, word) => {
    const f = findings(withBase(from), 'GDS002');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain(word);
    expect(f[0]!.line).toBe(1);
  });
  it.each([
    'FROM golang:1.26.8-alpine3.23 AS build',
    'FROM golang:1.26.8 AS build',
    'FROM golang@sha256:' + 'a'.repeat(64) + ' AS build',
    'FROM golang:1.26@sha256:' + 'a'.repeat(64) + ' AS build',
    'FROM debian:bookworm-20240110 AS build',
    'FROM docker.io/library/golang:1.26.8-alpine3.23 AS build',
  ])('%s is pinned', (from) => {
    expect(findings(withBase(from), 'GDS002')).toEqual([]);
  });
  it('expands ARG defaults and ${v:-d} forms with the global ARGs', () => {
    expect(findings('ARG GO=1.26.8\n' + withBase('FROM golang:${GO}-alpine3.23 AS build'), 'GDS002')).toEqual([]);
    expect(findings(withBase('FROM golang:${GO:-1.26.8}-alpine3.23 AS build'), 'GDS002')).toEqual([]);
    expect(findings('ARG GO=1.26\n' + withBase('FROM golang:${GO}-alpine3.23 AS build'), 'GDS002')[0]!.message).toContain('`1.26-alpine3.23`');
    expect(findings(withBase('FROM golang:${GO:-1.26}-alpine AS build'), 'GDS002')).toHaveLength(1);
  });
  it('a build arg without default fires and names the arg', () => {
    const f = findings('ARG GO\n' + withBase('FROM golang:${GO}-alpine3.23 AS build'), 'GDS002');
    expect(f[0]!.message).toContain('`GO`');
  });
  it('an ARG inside a stage is not visible to a later FROM', () => {
    const text = `FROM alpine:3.23.2 AS a\nARG V=1.26.8\n` + withBase('FROM golang:${V:-1.26}-alpine3.23 AS build');
    expect(findings(text, 'GDS002')).toHaveLength(1);
  });
  it('scratch and stage references are not external images', () => {
    expect(findings(mutate('FROM scratch', 'FROM build AS x\nFROM scratch'), 'GDS002')).toEqual([]);
  });
  it('requireDigest makes every external base need a digest', () => {
    const f = findings(GOOD, 'GDS002', policy({ requireDigest: true }));
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain('digest');
    expect(findings(withBase('FROM golang:1.26.8-alpine3.23@sha256:' + 'b'.repeat(64) + ' AS build'), 'GDS002', policy({ requireDigest: true }))).toEqual([]);
  });
});

describe('GDS002 on the labelled set', () => {
  const { fires, silent } = labelledCasesOf('GDS002');
  it.each(fires)('%s: exactly its labelled GDS002 findings', (_file, c) => expectLabelledFindings(c, 'GDS002'));
  it('stays silent in the compliant cases and the gds002-* cases labelled without it', () => expectSilent(silent, 'GDS002'));
});
