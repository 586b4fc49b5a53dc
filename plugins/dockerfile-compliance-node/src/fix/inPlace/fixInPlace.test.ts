/**
 * The in-place fixes, one rule at a time, on Dockerfiles the whole-file rewrite refuses
 * (`make build` hides the build): exactly the lines each rule needs change, every other byte
 * stays, each fix is proven (the rule gone, nothing new) and fixing twice changes nothing.
 */
import { checkDockerfile, DEFAULT_POLICY, policyFromConfig } from '@hardened-go/plugin-dockerfile-compliance-common';
import { harden } from '../harden';
import { fixInPlace } from './fixInPlace';

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
    expect(r.edits).toEqual([{ ruleIds: ['GDS005'], lines: [6], what: '`RUN go mod verify` after `go mod download`', why: '`go mod verify` runs in the build stage' }]);
  });
  it('GDS007 and GDS008: flags added to the owner\'s go build, other flags and -X kept', () => {
    const before = GOOD.replace('RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app ./cmd/app', 'RUN CGO_ENABLED=0 go build -ldflags="-X main.version=1.2" -o /out/app ./cmd/app');
    expectFixed(before, GOOD.replace('-ldflags="-s -w"', '-ldflags="-s -w -X main.version=1.2"'), 'GDS008');
  });
  it('GDS007 and GDS008: -trimpath=false turned on, an unquoted -ldflags word quoted with the missing flags', () => {
    expectFixed(GOOD.replace('go build -trimpath ', 'go build -trimpath=false '), GOOD, 'GDS007');
    expectFixed(GOOD.replace('-ldflags="-s -w"', '-ldflags=-s'), GOOD.replace('-ldflags="-s -w"', '-ldflags="-w -s"'), 'GDS008');
    expectFixed(GOOD.replace('-ldflags="-s -w"', '-ldflags -X=main.v=1'), GOOD.replace('-ldflags="-s -w"', '-ldflags="-s -w -X=main.v=1"'), 'GDS008');
  });
  it('GDS010: USER nobody in scratch becomes its numbers (no /etc/passwd needed); another name stays', () => {
    expectFixed(GOOD.replace('USER 65534:65534', 'USER nobody:nogroup'), GOOD, 'GDS010');
    expect(fix(GOOD.replace('USER 65534:65534', 'USER app')).unfixed).toContainEqual({ ruleId: 'GDS010', line: 13, reason: expect.stringMatching(/^USER app is not a name every base resolves/) });
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
    const twoArgs = GOOD.replace('FROM golang:1.26.8-alpine3.23 AS build', 'ARG GO_VERSION="1.26"\nARG ALPINE_VERSION=3.23\nFROM golang:${GO_VERSION}-alpine${ALPINE_VERSION} AS build');
    expectFixed(twoArgs, twoArgs.replace('GO_VERSION="1.26"', 'GO_VERSION="1.26.8"'), 'GDS002');
    const wholeImage = GOOD.replace('FROM golang:1.26.8-alpine3.23 AS build', 'ARG  BUILDER_IMAGE=golang:alpine\nFROM ${BUILDER_IMAGE} AS build');
    expectFixed(wholeImage, wholeImage.replace('BUILDER_IMAGE=golang:alpine', 'BUILDER_IMAGE=golang:1.26.8-alpine3.23'), 'GDS002');
  });
  it('GDS002: never pins a golang image to an older Go than it asks for, and says why per image', () => {
    const newer = GOOD.replace('golang:1.26.8-alpine3.23', 'golang:1.27-alpine').replace('FROM scratch', 'FROM alpine:3 AS tools\nFROM scratch');
    const r = fix(newer);
    expect(r.text).toBe(newer);
    expect(r.unfixed).toEqual([
      { ruleId: 'GDS002', line: 2, reason: "golang 1.27 is newer than the policy's Go 1.26.8; pinning would downgrade it, so pin its exact release by hand" },
      { ruleId: 'GDS002', line: 9, reason: 'alpine has no exact release the fixer can know without the registry; pin it by hand' },
    ]);
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

describe('harden', () => {
  const MAKE = GOOD.replace('RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app ./cmd/app', 'RUN make build').replace('USER 65534:65534\n', '');
  it('fixes by edits what the whole-file rewrite would refuse, and needs no rewrite', () => {
    const r = harden(MAKE, DEFAULT_POLICY, { now: NOW });
    expect(r.refused).toBeUndefined();
    expect(r.method).toBe('edits');
    expect(r.fixed).toEqual(['GDS009']);
    expect(r.text).toBe(MAKE.replace('ENTRYPOINT', 'USER 65534:65534\nENTRYPOINT'));
    expect(r.notes).toEqual(['GDS009: `USER 65534:65534` in the final stage (line 13)']);
    expect(r.unfixed).toBeUndefined();
    expect(harden(r.text, DEFAULT_POLICY, { now: NOW }).text).toBe(r.text);
  });
  it('refuses a file it must not touch: not Go, or a base image for other builds (ONBUILD)', () => {
    const notGo = 'FROM node:22.11.0\nCMD ["node", "index.js"]\n';
    expect(harden(notGo, DEFAULT_POLICY, { now: NOW })).toMatchObject({ text: notGo, refusalCode: 'not-go' });
    const onbuild = 'FROM golang:1.22-alpine\nONBUILD COPY . /src\nONBUILD RUN go build -o /app ./...\n';
    expect(harden(onbuild, DEFAULT_POLICY, { now: NOW })).toMatchObject({ text: onbuild, refusalCode: 'not-go', refused: expect.stringMatching(/^ONBUILD at line 2/) });
  });
});

describe('modules first, time zones, and reasons by line', () => {
  it('GDS004: go.mod copied and modules downloaded before the tree, into WORKDIR or the tree as written', () => {
    const before = GOOD.replace('COPY go.mod go.sum ./\nRUN go mod download && go mod verify\n', '');
    expectFixed(before, before.replace('COPY . .', 'COPY go.mod go.sum* ./\nRUN go mod download && go mod verify\nCOPY . .'), 'GDS004');
    const gopath = before.replace('WORKDIR /src\nCOPY . .', 'COPY . ${GOPATH}/src/example.com/app\nWORKDIR ${GOPATH}/src/example.com/app');
    expectFixed(
      gopath,
      gopath.replace('COPY . ${GOPATH}', 'COPY go.mod go.sum* ${GOPATH}/src/example.com/app/\nRUN cd ${GOPATH}/src/example.com/app && go mod download && go mod verify\nCOPY . ${GOPATH}'),
      'GDS004',
    );
    const off = before.replace('COPY . .', 'ENV GO111MODULE=off\nCOPY . .');
    expect(fix(off).unfixed.find((u) => u.ruleId === 'GDS004')?.reason).toMatch(/GO111MODULE=off/);
  });
  it('GDS013: Go\'s zoneinfo.zip and ZONEINFO, only for a final stage that runs a service', () => {
    const before = GOOD.replace('COPY --from=build /usr/share/zoneinfo /usr/share/zoneinfo\n', '');
    expectFixed(before, before.replace('FROM scratch\n', 'FROM scratch\nCOPY --from=build /usr/local/go/lib/time/zoneinfo.zip /zoneinfo.zip\nENV ZONEINFO=/zoneinfo.zip\n'), 'GDS013');
    const exportOnly = before.replace('USER 65534:65534\nENTRYPOINT ["/app"]\n', 'USER 65534:65534\n');
    expect(fix(exportOnly).unfixed).toContainEqual({ ruleId: 'GDS013', line: 9, reason: expect.stringMatching(/no start command: it exports files/) });
  });
  it('gives each finding its own reason, at its line in the fixed text', () => {
    // the golang tag is pinned on line 2, go.mod and the download go in before COPY . . (two
    // lines): the alpine stage moves from line 7 to line 9
    const before = GOOD.replace('golang:1.26.8-alpine3.23', 'golang:1.22-alpine')
      .replace('COPY go.mod go.sum ./\nRUN go mod download && go mod verify\n', '')
      .replace('FROM scratch', 'FROM alpine:3 AS tools\nRUN true\nFROM scratch');
    expect(before.split('\n')[6]).toBe('FROM alpine:3 AS tools');
    const r = fix(before);
    expect(r.unfixed).toEqual([{ ruleId: 'GDS002', line: 9, reason: 'alpine has no exact release the fixer can know without the registry; pin it by hand' }]);
    expect(r.text.split('\n')[8]).toBe('FROM alpine:3 AS tools');
  });
});

describe('secrets out of the image', () => {
  it('GDS017: an ARG keeps its name without the literal default; an ENV pair nobody refers to is dropped', () => {
    const before = GOOD.replace('WORKDIR /src\n', 'WORKDIR /src\nARG NPM_TOKEN=abc123\n').replace('USER 65534:65534\n', 'ENV LOG_LEVEL=info DB_PASSWORD="hunter 2" MODE=prod\nENV API_KEY=xyz\nUSER 65534:65534\n');
    const r = expectFixed(
      before,
      before.replace('ARG NPM_TOKEN=abc123', 'ARG NPM_TOKEN').replace('ENV LOG_LEVEL=info DB_PASSWORD="hunter 2" MODE=prod', 'ENV LOG_LEVEL=info MODE=prod').replace('ENV API_KEY=xyz\n', ''),
      'GDS017',
    );
    expect(r.edits[0]!.what).toBe('the literal value of ARG NPM_TOKEN, ENV DB_PASSWORD, ENV API_KEY out of the image (an ARG keeps its name for --build-arg; an ENV is set at run time instead)');
  });
  it('GDS017: leaves an ENV the file itself uses, and one it cannot find written once', () => {
    const used = GOOD.replace('WORKDIR /src\n', 'WORKDIR /src\nENV GITHUB_TOKEN=ghp_x\nRUN git config --global url."https://${GITHUB_TOKEN}@github.com/".insteadOf "https://github.com/"\n');
    expect(fix(used).unfixed).toContainEqual({ ruleId: 'GDS017', line: 4, reason: 'ENV GITHUB_TOKEN is used elsewhere in the file; pass it as a build secret or at run time by hand' });
    const quoted = GOOD.replace('USER 65534:65534\n', "ENV DB_PASSWORD='a b' MODE=x\nUSER 65534:65534\n");
    expect(fix(quoted).unfixed).toContainEqual({ ruleId: 'GDS017', line: 13, reason: expect.stringMatching(/not written as one plain NAME=value/) });
    // the legacy one-pair form goes whole
    expectFixed(GOOD.replace('USER 65534:65534\n', 'ENV DB_PASSWORD hunter2\nUSER 65534:65534\n'), GOOD, 'GDS017');
  });
});

describe('the build image and go.mod (GDS018)', () => {
  const goMod = 'module example.com/app\n\ngo 1.27.0\n';
  it("raises the golang image to the smallest supported Go that go.mod's go line allows", () => {
    const policy = policyFromConfig({ goVersion: '1.26.8', supportedGoVersions: ['1.26.8', '1.27.2'] });
    const r = fixInPlace(GOOD, policy, { now: NOW, goModGoVersion: '1.27.0', goMod });
    expect(r.text).toBe(GOOD.replace('golang:1.26.8-alpine3.23', 'golang:1.27.2-alpine3.23'));
    expect(r.edits.map((e) => e.ruleIds)).toEqual([['GDS018']]);
    expect(r.unfixed).toEqual([]);
  });
  it('leaves it, with the reason, when no supported Go is new enough', () => {
    const r = fixInPlace(GOOD, DEFAULT_POLICY, { now: NOW, goModGoVersion: '1.27.0', goMod });
    expect(r.text).toBe(GOOD);
    expect(r.unfixed).toEqual([{ ruleId: 'GDS018', line: 2, reason: expect.stringMatching(/go\.mod requires Go 1\.27\.0/) }]);
  });
});
