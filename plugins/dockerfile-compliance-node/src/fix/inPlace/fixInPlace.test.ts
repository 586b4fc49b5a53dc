/**
 * The in-place fixes, one rule at a time, on Dockerfiles the whole-file rewrite refuses
 * (`make build` hides the build): exactly the lines each rule needs change, every other byte
 * stays, each fix is proven (the rule gone, nothing new) and fixing twice changes nothing.
 */
import { checkDockerfile, DEFAULT_POLICY } from '@hardened-go/plugin-dockerfile-compliance-common';
import { harden } from '../harden';
import { fixInPlace } from './fixInPlace';
import { applyEdits } from './lineEdits';

const NOW = new Date('2026-11-26T00:00:00Z');
const fix = (text: string) => fixInPlace(text, DEFAULT_POLICY, { now: NOW });
const ruleIds = (text: string) => checkDockerfile(text, DEFAULT_POLICY, { now: NOW }).findings.filter((f) => !f.suppressed && f.severity !== 'info').map((f) => f.ruleId);

/** A compliant service apart from what each test changes. */
const GOOD = `# syntax=docker/dockerfile:1
FROM golang:1.26.8-alpine3.23 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download && go mod verify
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app ./cmd/app

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build /usr/share/zoneinfo /usr/share/zoneinfo
COPY --from=build /out/app /app
USER 65534:65534
ENTRYPOINT ["/app"]
`;

function expectFixed(before: string, after: string, rule: string) {
  expect(ruleIds(before)).toContain(rule);
  const r = fix(before);
  expect(r.text).toBe(after);
  expect(ruleIds(r.text)).not.toContain(rule);
  expect(fix(r.text).text).toBe(r.text);
  return r;
}

describe('applyEdits', () => {
  it('replaces and inserts by line and keeps CRLF line endings', () => {
    expect(applyEdits('a\r\nb\r\n', [{ line: 2, replace: 'B' }, { line: 1, insertBefore: ['x'] }])).toBe('x\r\na\r\nB\r\n');
    expect(applyEdits('a\nb', [{ line: 3, insertBefore: ['c'] }])).toBe('a\nb\nc');
    expect(applyEdits('a\n', [{ line: 1, replace: 'x' }, { line: 1, insertBefore: ['y'] }])).toBeNull();
  });
});

describe('each rule fixed in place', () => {
  it('GDS009: USER before the start command (after the last RUN of the final stage, if any)', () => {
    const before = GOOD.replace('USER 65534:65534\n', '');
    expectFixed(before, GOOD, 'GDS009');
  });
  it('GDS009: USER root becomes the policy user', () => {
    expectFixed(GOOD.replace('USER 65534:65534', 'USER root'), GOOD, 'GDS009');
  });
  it('GDS005: go mod verify after the download, with its cache mount', () => {
    const before = GOOD.replace('RUN go mod download && go mod verify', 'RUN --mount=type=cache,target=/go/pkg/mod go mod download');
    const r = expectFixed(before, before.replace('go mod download\n', 'go mod download\nRUN --mount=type=cache,target=/go/pkg/mod go mod verify\n'), 'GDS005');
    expect(r.notes.join('\n')).toContain('GDS005');
  });
  it('GDS007 and GDS008: flags added to the owner\'s go build, other flags and -X kept', () => {
    const before = GOOD.replace('RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app ./cmd/app', 'RUN CGO_ENABLED=0 go build -ldflags="-X main.version=1.2" -o /out/app ./cmd/app');
    expectFixed(before, GOOD.replace('-ldflags="-s -w"', '-ldflags="-s -w -X main.version=1.2"'), 'GDS008');
  });
  it('GDS006: CGO_ENABLED=0 where the build runs, unless the build asks for cgo', () => {
    const before = GOOD.replace('RUN CGO_ENABLED=0 go build', 'RUN go build');
    expectFixed(before, before.replace('RUN go build', 'ENV CGO_ENABLED=0\nRUN go build'), 'GDS006');
    const cgo = GOOD.replace('RUN CGO_ENABLED=0 go build', 'RUN CGO_ENABLED=1 go build');
    const r = fix(cgo);
    expect(r.text).toBe(cgo);
    expect(r.unfixed).toContainEqual({ ruleId: 'GDS006', line: 7, reason: 'the go build on line 7 asks for cgo (CGO_ENABLED=1)' });
  });
  it('GDS002 and GDS003: a golang image pinned on its FROM line, or through its ARG default', () => {
    expectFixed(GOOD.replace('golang:1.26.8-alpine3.23', 'golang:1.22-alpine'), GOOD, 'GDS002');
    const viaArg = GOOD.replace('FROM golang:1.26.8-alpine3.23 AS build', 'ARG GO_VERSION=1.22\nFROM golang:${GO_VERSION}-alpine AS build');
    expectFixed(viaArg, viaArg.replace('GO_VERSION=1.22', 'GO_VERSION=1.26.8'), 'GDS002');
  });
  it('GDS012: the CA bundle copied from the golang build stage into scratch', () => {
    const before = GOOD.replace('COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\n', '');
    expectFixed(before, GOOD, 'GDS012');
  });
  it('GDS015 and GDS014: COPY for a local ADD, exec form for a plain command', () => {
    expectFixed(GOOD.replace('COPY . .', 'ADD . .'), GOOD, 'GDS015');
    expectFixed(GOOD.replace('ENTRYPOINT ["/app"]', 'ENTRYPOINT /app'), GOOD, 'GDS014');
    const shell = GOOD.replace('ENTRYPOINT ["/app"]', 'ENTRYPOINT /app --port=$PORT');
    expect(fix(shell).text).toBe(shell);
  });
});

describe('harden with partial', () => {
  const MAKE = GOOD.replace('RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app ./cmd/app', 'RUN make build').replace('USER 65534:65534\n', '');
  it('fixes in place what the rewrite refuses, and says what is left', () => {
    expect(harden(MAKE, DEFAULT_POLICY, { now: NOW }).refusalCode).toBe('no-go-build');
    const r = harden(MAKE, DEFAULT_POLICY, { now: NOW, partial: true });
    expect(r.refused).toBeUndefined();
    expect(r.fixed).toEqual(['GDS009']);
    expect(r.text).toBe(MAKE.replace('ENTRYPOINT', 'USER 65534:65534\nENTRYPOINT'));
    expect(r.notes[0]).toMatch(/^the whole-file rewrite was refused \(no-go-build: /);
    expect(r.unfixed).toEqual([]);
    expect(harden(r.text, DEFAULT_POLICY, { now: NOW, partial: true }).text).toBe(r.text);
  });
  it('still refuses a file it must not touch', () => {
    const notGo = 'FROM node:22.11.0\nCMD ["node", "index.js"]\n';
    expect(harden(notGo, DEFAULT_POLICY, { now: NOW, partial: true })).toMatchObject({ text: notGo, refusalCode: 'not-go' });
  });
});
