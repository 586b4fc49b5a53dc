import { checkDockerfile } from '../check/check';
import { readGoModRequirement } from '../buildContext/goMod';
import { DEFAULT_POLICY } from '../policy/policy';
import { GOOD, mutate } from '../../test-fixtures/ruleKit';
import { startCpuClock } from '../../../../test/support/cpuTime';

const NOW = new Date('2026-11-26T00:00:00Z');
const gds018 = (text: string, goMod: string | undefined) =>
  checkDockerfile(text, DEFAULT_POLICY, { now: NOW, ...(goMod === undefined ? {} : { goMod }) }).findings.filter((f) => f.ruleId === 'GDS018');
const withImage = (image: string) => mutate('FROM golang:1.26.8-alpine3.23 AS build', `FROM ${image} AS build`);
const goMod = (go: string) => `module example.com/svc\n\ngo ${go}\n\ntoolchain go1.99.0\n`;

describe('readGoModRequirement', () => {
  it("reads the go directive (comments and the toolchain line aside)", () => {
    expect(readGoModRequirement('module m\n\ngo 1.22 // language version\n')).toEqual({ go: '1.22', line: 3 });
    expect(readGoModRequirement('module m\ngo 1.27rc1\n')).toEqual({ go: '1.27rc1', line: 2 });
    expect(readGoModRequirement('module m\n')).toEqual({ go: null });
  });
  it('names what is wrong with a go.mod the go command would reject', () => {
    expect(readGoModRequirement('module m\ngo one.two\n')).toEqual({ problem: 'go.mod line 2 has a go directive the go command rejects ("go one.two")' });
    expect(readGoModRequirement('go 1.22\ngo 1.23\n')).toEqual({ problem: 'go.mod repeats the go directive (lines 1 and 2)' });
    expect(readGoModRequirement('go 1.22\u0000')).toEqual({ problem: 'go.mod is binary (it contains NUL bytes)' });
    expect(readGoModRequirement(`go 1.22\n${' '.repeat(5 * 1024 * 1024)}`)).toEqual({ problem: 'go.mod is larger than 4194304 bytes' });
  });
  it('reads hostile go.mod files of 4 MiB in linear time, and never lets them pass', () => {
    const mib = 4 * 1024 * 1024 - 64;
    const hostile = [
      `go ${' \t'.repeat(mib / 4)}1.22 x\n`, // one line of blanks between go and its version
      `module m\n${'// go 1.99\n'.repeat(mib / 11)}`, // a comment on every line
      `${'require x v1.0.0\n'.repeat(mib / 17)}go 1.99\n`, // the directive after a million lines
    ];
    const cpuMs = startCpuClock();
    const read = hostile.map(readGoModRequirement);
    expect(cpuMs()).toBeLessThan(3000);
    expect(read[0]).toMatchObject({ problem: expect.stringContaining('go directive the go command rejects') });
    expect(read[1]).toEqual({ go: null });
    expect(read[2]).toMatchObject({ go: '1.99' });
    expect(gds018(GOOD, hostile[2])).toHaveLength(1);
  });
});

describe('GDS018: the build image is at least the Go that go.mod requires', () => {
  it('fires when go.mod needs a newer Go than the image (toolchain is ignored under GOTOOLCHAIN=local)', () => {
    const f = gds018(GOOD, goMod('1.27.0'));
    expect(f.map((x) => [x.line, x.severity])).toEqual([[1, 'error']]);
    expect(f[0]!.message).toBe(
      'go.mod (line 3) requires go >= 1.27.0, but stage "build" builds with golang:1.26.8-alpine3.23 (Go 1.26.8): the golang images set GOTOOLCHAIN=local, so `go build` on line 7 fails.',
    );
    expect(checkDockerfile(GOOD, DEFAULT_POLICY, { now: NOW, goMod: goMod('1.27.0') }).status).toBe('drifted');
  });
  it('is silent when the image is as new or newer, also by its patch, and without go.mod', () => {
    expect(gds018(GOOD, goMod('1.26.8'))).toEqual([]);
    expect(gds018(GOOD, goMod('1.22'))).toEqual([]);
    expect(gds018(GOOD, undefined)).toEqual([]);
    expect(gds018(GOOD, 'module m\n')).toEqual([]);
    expect(gds018(GOOD, goMod('1.26.9'))).toHaveLength(1);
  });
  it('a floating tag satisfies any patch of its minor version; latest and alpine name no version', () => {
    expect(gds018(withImage('golang:1.26-alpine'), goMod('1.26.11'))).toEqual([]);
    expect(gds018(withImage('golang:1.26-alpine'), goMod('1.27'))[0]!.message).toContain('(Go 1.26.x)');
    expect(gds018(withImage('golang:alpine'), goMod('1.99'))).toEqual([]);
    // ARG defaults are resolved as everywhere else
    expect(gds018(mutate('FROM golang:1.26.8-alpine3.23 AS build', 'ARG GO=1.25.3\nFROM golang:${GO}-alpine AS build'), goMod('1.26'))).toHaveLength(1);
  });
  it('GOTOOLCHAIN other than local lets go fetch the toolchain: no build failure to report', () => {
    expect(gds018(mutate('WORKDIR /src', 'ENV GOTOOLCHAIN=auto\nWORKDIR /src'), goMod('1.27.0'))).toEqual([]);
    expect(gds018(mutate('WORKDIR /src', 'ENV GOTOOLCHAIN=local\nWORKDIR /src'), goMod('1.27.0'))).toHaveLength(1);
  });
  it('a go.mod it cannot read is a finding, never a clean verdict', () => {
    const r = checkDockerfile(GOOD, DEFAULT_POLICY, { now: NOW, goMod: 'go 1.2x\n' });
    expect(r.status).toBe('drifted');
    expect(r.findings.find((f) => f.ruleId === 'GDS018')?.message).toBe(
      'go.mod line 1 has a go directive the go command rejects ("go 1.2x"), so the Go the module needs cannot be compared with the build image.',
    );
  });
});
