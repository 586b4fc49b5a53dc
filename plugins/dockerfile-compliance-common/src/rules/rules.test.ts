import { ALL_RULES, RULES, ruleById } from './index';
import { GOOD, check, findings, mutate, policy } from './__fixtures__/kit';
import * as fs from 'fs';
import * as path from 'path';

const lines = (found: { line: number }[]) => found.map((f) => f.line);

describe('the catalog', () => {
  it('is exactly GDS000-GDS017 in order, each with docs', () => {
    expect(RULES.map((r) => r.id)).toEqual(Array.from({ length: 18 }, (_, i) => `GDS${String(i).padStart(3, '0')}`));
    for (const r of ALL_RULES) {
      expect(r.title.length).toBeGreaterThan(10);
      expect(r.rationale.length).toBeGreaterThan(20);
      expect(r.fixHint.length).toBeGreaterThan(10);
      const page = path.join(__dirname, '..', '..', r.docsPath);
      const text = fs.readFileSync(page, 'utf8');
      expect(text).toContain(`# ${r.id}`);
      expect(text).toContain('## Bad');
      expect(ruleById(r.id)).toBe(r);
    }
  });
  it('the canonical Dockerfile has no findings at all', () => {
    expect(check(GOOD)).toEqual({ status: 'compliant', standardVersion: 'v1', findings: [] });
  });
});

describe('GDS001 final base', () => {
  it('fires for a non-scratch final stage', () => {
    const f = findings(mutate('FROM scratch', 'FROM alpine:3.23.2'), 'GDS001');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain('alpine:3.23.2');
    expect(f[0]!.line).toBe(9);
  });
  it('follows FROM <stage> chains to scratch', () => {
    const text = mutate('FROM scratch', 'FROM scratch AS base\nFROM base AS final');
    expect(findings(text, 'GDS001')).toEqual([]);
  });
  it('follows chains to a non-scratch root', () => {
    const text = mutate('FROM scratch', 'FROM debian:12.8 AS base\nFROM base');
    expect(findings(text, 'GDS001')[0]!.message).toContain('debian:12.8 (via stage "base")');
  });
  it('a stage only copied from is not an ancestor', () => {
    const text = `FROM alpine:3.23.2 AS certs\nFROM scratch\nCOPY --from=certs /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\n`;
    expect(findings(text, 'GDS001')).toEqual([]);
  });
  it('allows a base the policy allows (repo or exact ref)', () => {
    const text = mutate('FROM scratch', 'FROM gcr.io/distroless/static-debian12:1.0.0');
    expect(findings(text, 'GDS001', policy({ finalBases: ['scratch', 'gcr.io/distroless/static-debian12'] }))).toEqual([]);
    expect(findings(text, 'GDS001', policy({ finalBases: ['gcr.io/distroless/static-debian12:2.0.0'] }))).toHaveLength(1);
  });
  it('lower-case keywords are keywords', () => {
    expect(findings(GOOD.replace('FROM scratch', 'from alpine:3.23.2'), 'GDS001')).toHaveLength(1);
  });
});

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

describe('GDS003 golang image age', () => {
  const withBase = (from: string) => mutate('FROM golang:1.26.8-alpine3.23 AS build', from);
  it('compares numerically (1.9 < 1.26, 1.100 > 1.26)', () => {
    expect(findings(withBase('FROM golang:1.9.7-alpine3.23 AS build'), 'GDS003')[0]!.message).toContain('Go 1.9.7');
    expect(findings(withBase('FROM golang:1.100.0-alpine3.23 AS build'), 'GDS003')).toEqual([]);
    expect(findings(withBase('FROM golang:1.26.7-alpine3.23 AS build'), 'GDS003')).toHaveLength(1);
    expect(findings(withBase('FROM golang:1.26.9-alpine3.23 AS build'), 'GDS003')).toEqual([]);
  });
  it('checks the alpine version', () => {
    expect(findings(withBase('FROM golang:1.26.8-alpine3.9 AS build'), 'GDS003')[0]!.message).toContain('Alpine 3.9');
    expect(findings(withBase('FROM golang:1.26.8-alpine3.100 AS build'), 'GDS003')).toEqual([]);
  });
  it('a floating 1.26 is not older than 1.26.8 (GDS002 reports it)', () => {
    expect(findings(withBase('FROM golang:1.26-alpine3.23 AS build'), 'GDS003')).toEqual([]);
    expect(findings(withBase('FROM golang:1.25-alpine AS build'), 'GDS003')).toHaveLength(1);
  });
  it('follows the policy', () => {
    expect(findings(GOOD, 'GDS003', policy({ goVersion: '1.27.0' }))).toHaveLength(1);
  });
  it('applies to a shipped golang stage even when its build hides behind make', () => {
    expect(findings(withBase('FROM golang:1.20.7-alpine3.17 AS build').replace(/RUN CGO_ENABLED=0 go build.*/, 'RUN make build'), 'GDS003')).toHaveLength(1);
  });
  it('not to a golang stage nothing ships', () => {
    expect(findings('FROM golang:1.20.7-alpine3.17 AS lint\nRUN go vet ./...\n' + GOOD, 'GDS003')).toEqual([]);
  });
});

describe('GDS004 module layer', () => {
  it('fires when the source is copied before go mod download', () => {
    const text = mutate('COPY go.mod go.sum* ./\nRUN go mod download && go mod verify\nCOPY . .', 'COPY . .\nRUN go mod download && go mod verify');
    const f = findings(text, 'GDS004');
    expect(lines(f)).toEqual([4]);
  });
  it('fires when go.mod is copied but not downloaded first', () => {
    const text = mutate('RUN go mod download && go mod verify\nCOPY . .', 'COPY . .\nRUN go mod verify');
    expect(findings(text, 'GDS004')[0]!.message).toContain('running `go mod download`');
  });
  it('a bind-mounted source is fine', () => {
    const text = mutate('COPY . .\nRUN CGO_ENABLED=0 go build', 'RUN --mount=type=bind,target=. CGO_ENABLED=0 go build');
    expect(findings(text, 'GDS004')).toEqual([]);
  });
  it('a bind-mounted go.mod download counts', () => {
    const text = mutate('COPY go.mod go.sum* ./\nRUN go mod download', 'RUN --mount=type=bind,source=go.mod,target=go.mod --mount=type=cache,target=/go/pkg/mod go mod download');
    expect(findings(text, 'GDS004')).toEqual([]);
  });
  it('looks through the build stage ancestors', () => {
    const text = mutate('COPY . .\nRUN CGO_ENABLED', 'FROM build AS compile\nCOPY . .\nRUN CGO_ENABLED').replace('--from=build', '--from=compile');
    expect(findings(text, 'GDS004')).toEqual([]);
  });
});

describe('GDS004/GDS005 with a separate modules stage', () => {
  const modulesStage = `FROM golang:1.26.8-alpine3.23 AS modules
COPY go.mod go.sum /modules/
WORKDIR /modules
RUN go mod download && go mod verify
` + GOOD.replace('COPY go.mod go.sum* ./\nRUN go mod download && go mod verify\n', 'COPY --from=modules /go/pkg /go/pkg\n');
  it('a module cache copied from a stage that downloaded (and verified) it counts', () => {
    expect(findings(modulesStage, 'GDS004')).toEqual([]);
    expect(findings(modulesStage, 'GDS005')).toEqual([]);
  });
  it('but not when that stage did not download', () => {
    const noDownload = modulesStage.replace('RUN go mod download && go mod verify', 'RUN true');
    expect(findings(noDownload, 'GDS004')).toHaveLength(1);
    expect(findings(noDownload, 'GDS005')).toHaveLength(1);
  });
});

describe('GDS005 go mod verify', () => {
  it('fires without verify, on the go build line', () => {
    const f = findings(mutate('go mod download && go mod verify', 'go mod download'), 'GDS005');
    expect(lines(f)).toEqual([7]);
  });
  it('verify in an ancestor stage counts', () => {
    const text = mutate('COPY . .\nRUN CGO_ENABLED', 'FROM build AS compile\nCOPY . .\nRUN CGO_ENABLED').replace('--from=build /out', '--from=compile /out');
    expect(findings(text, 'GDS005')).toEqual([]);
  });
  it('verify in an unrelated stage does not count', () => {
    const text = 'FROM golang:1.26.8-alpine3.23 AS other\nRUN go mod verify\n' + mutate('go mod download && go mod verify', 'go mod download');
    expect(findings(text, 'GDS005')).toHaveLength(1);
  });
});

describe('GDS006 CGO_ENABLED', () => {
  const build = (line: string, extra = '') => mutate('RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/svc ./cmd/svc', extra + line);
  it.each([
    ['RUN go build -o /out/svc .', ''],
    ['RUN CGO_ENABLED=1 go build -o /out/svc .', ''],
    ['RUN go build -o /out/svc .', 'ENV CGO_ENABLED=1\n'],
  ])('%s fires', (line, extra) => {
    expect(findings(build(line, extra), 'GDS006')).toHaveLength(1);
  });
  it.each([
    ['RUN CGO_ENABLED=0 go build -o /out/svc .', ''],
    ['RUN env CGO_ENABLED=0 go build -o /out/svc .', ''],
    ['RUN export CGO_ENABLED=0 && go build -o /out/svc .', ''],
    ['RUN go build -o /out/svc .', 'ENV CGO_ENABLED=0\n'],
    ['RUN go build -o /out/svc .', 'ENV CGO_ENABLED 0\n'],
    ['RUN go build -o /out/svc .', 'ARG CGO_ENABLED=0\n'],
    ['RUN go build -o /out/svc .', 'RUN go env -w CGO_ENABLED=0\n'],
    ['RUN CGO_ENABLED=$CGO go build -o /out/svc .', 'ARG CGO=0\n'],
    ['RUN ["/bin/sh", "-c", "CGO_ENABLED=0 go build -o /out/svc ."]', ''],
    ['RUN <<EOF\nset -e\nCGO_ENABLED=0 go build -o /out/svc .\nEOF', ''],
  ])('%s (after %j) is fine', (line, extra) => {
    expect(findings(build(line, extra), 'GDS006')).toEqual([]);
  });
  it('ENV inherited through FROM <stage> counts, ENV of an unrelated stage does not', () => {
    const inherited = mutate('FROM golang:1.26.8-alpine3.23 AS build', 'FROM golang:1.26.8-alpine3.23 AS base\nENV CGO_ENABLED=0\nFROM base AS build').replace('RUN CGO_ENABLED=0 go build', 'RUN go build');
    expect(findings(inherited, 'GDS006')).toEqual([]);
    const unrelated = mutate('FROM golang:1.26.8-alpine3.23 AS build', 'FROM golang:1.26.8-alpine3.23 AS tools\nENV CGO_ENABLED=0\nFROM golang:1.26.8-alpine3.23 AS build').replace('RUN CGO_ENABLED=0 go build', 'RUN go build');
    const f = findings(unrelated, 'GDS006');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain('stage "build"');
  });
  it('a go build in a stage that does not reach the final image is not checked', () => {
    const text = 'FROM golang:1.26.8-alpine3.23 AS lint\nRUN go build ./...\n' + GOOD;
    expect(findings(text, 'GDS006')).toEqual([]);
  });
  it('go install pkg@version in a stage that reaches the final image is a build too', () => {
    expect(findings(build('RUN go install example.com/svc@v1.2.3 && CGO_ENABLED=0 go build -o /out/svc .'), 'GDS006')).toHaveLength(1);
  });
});

describe('GDS007 -trimpath', () => {
  it('fires without -trimpath', () => {
    expect(findings(mutate(' -trimpath', ''), 'GDS007')).toHaveLength(1);
  });
  it.each([
    ['ENV GOFLAGS=-trimpath\n', ''],
    ['ENV GOFLAGS="-mod=readonly -trimpath"\n', ''],
    ['', 'GOFLAGS=-trimpath '],
  ])('GOFLAGS counts (%j %j)', (env, inline) => {
    const text = mutate('RUN CGO_ENABLED=0 go build -trimpath', `${env}RUN ${inline}CGO_ENABLED=0 go build`);
    expect(findings(text, 'GDS007')).toEqual([]);
  });
  it('-trimpath=false does not count', () => {
    expect(findings(mutate('-trimpath', '-trimpath=false'), 'GDS007')).toHaveLength(1);
  });
});

describe('GDS008 -ldflags -s -w', () => {
  const ld = (flags: string, extra = '') => mutate('RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w"', `${extra}RUN CGO_ENABLED=0 go build -trimpath ${flags}`);
  it.each([
    '-ldflags="-s -w"',
    "-ldflags '-w -s -X main.v=1'",
    '-ldflags=-s\\ -w',
    '-ldflags "-X main.version=1.0 -s -w"',
    '--ldflags="-s -w"',
    '-ldflags="-s -w -extldflags \'-static\'"',
  ])('%s is fine', (flags) => {
    expect(findings(ld(flags), 'GDS008')).toEqual([]);
  });
  it('an unresolved build arg between the flags does not hide -ldflags', () => {
    expect(findings(ld('${GO_EXTRA_FLAGS} -ldflags "-s -w $(cat /tmp/.ldflags)"', 'ARG GO_EXTRA_FLAGS\n'), 'GDS008')).toEqual([]);
  });
  it('expands ARG/ENV used in -ldflags', () => {
    expect(findings(ld('-ldflags "$LDFLAGS"', 'ARG LDFLAGS="-s -w"\n'), 'GDS008')).toEqual([]);
    expect(findings(ld('-ldflags "${LDFLAGS}"', 'ENV LDFLAGS="-w"\n'), 'GDS008')[0]!.message).toContain('without -s');
  });
  it.each(['', '-ldflags="-s"', '-ldflags "-X main.v=1"', '-ldflags="-s -w" -ldflags="-X a.b=c"'])('%j fires', (flags) => {
    expect(findings(ld(flags), 'GDS008')).toHaveLength(1);
  });
});

describe('GDS009 non-root user', () => {
  it('fires without USER', () => {
    const f = findings(mutate('USER 65534:65534\n', ''), 'GDS009');
    expect(f[0]!.message).toContain('sets no USER');
    expect(f[0]!.line).toBe(9);
  });
  it.each(['USER root', 'USER 0', 'USER 0:0', 'USER root:root'])('%s fires', (u) => {
    expect(findings(mutate('USER 65534:65534', u), 'GDS009')).toHaveLength(1);
  });
  it('inherits USER through stage chains', () => {
    const text = mutate('ENTRYPOINT ["/svc"]', 'ENTRYPOINT ["/svc"]\nFROM 1 AS final');
    // FROM 1 is not a stage reference (FROM takes names), so use a named chain
    const named = GOOD.replace('FROM scratch', 'FROM scratch AS runtime') + 'FROM runtime\n';
    expect(findings(named, 'GDS009')).toEqual([]);
    const rootLater = GOOD.replace('FROM scratch', 'FROM scratch AS runtime') + 'FROM runtime\nUSER root\n';
    expect(findings(rootLater, 'GDS009')).toHaveLength(1);
    expect(text).toContain('FROM 1');
  });
  it('USER of a stage only copied from does not count', () => {
    const text = mutate('USER 65534:65534\n', '').replace('RUN apk add', 'USER 65534:65534\nRUN apk add');
    expect(findings(text, 'GDS009')).toHaveLength(1);
  });
  it('heredoc bodies saying USER root are not USER instructions', () => {
    const text = mutate('COPY --from=build /out/svc /svc', 'COPY <<EOF /etc/motd\nUSER root\nEOF\nCOPY --from=build /out/svc /svc');
    expect(findings(text, 'GDS009')).toEqual([]);
    const runHeredoc = mutate('RUN apk add --no-cache ca-certificates tzdata', 'RUN <<EOF\napk add --no-cache ca-certificates tzdata\nUSER root\nEOF');
    expect(findings(runHeredoc, 'GDS009')).toEqual([]);
  });
  it('expands USER from ARG/ENV', () => {
    expect(findings(mutate('USER 65534:65534', 'ARG UID=0\nUSER ${UID}'), 'GDS009')).toHaveLength(1);
    expect(findings(mutate('USER 65534:65534', 'ARG UID=65534\nUSER ${UID}:${UID}'), 'GDS009')).toEqual([]);
  });
});

describe('GDS010 named user needs passwd', () => {
  const noEtc = mutate('COPY --from=build /etc/passwd /etc/group /etc/\n', '');
  it('fires for a named user without /etc/passwd, and for a named group without /etc/group', () => {
    const f = findings(noEtc.replace('USER 65534:65534', 'USER nobody:nogroup'), 'GDS010');
    expect(f.map((x) => x.message.split(' ')[1])).toEqual(['nobody', 'nogroup']);
  });
  it('numeric users need nothing', () => {
    expect(findings(noEtc, 'GDS010')).toEqual([]);
  });
  it.each([
    'COPY --from=build /etc/passwd /etc/passwd\nCOPY --from=build /etc/group /etc/group',
    'COPY --from=build /etc/passwd /etc/group /etc/',
    'COPY --chown=0:0 --from=build /etc/passwd /etc/group /etc/',
    'COPY --from=build /etc /etc',
    'COPY <<EOF /etc/passwd\nnobody:x:65534:65534::/:/sbin/nologin\nEOF\nCOPY <<EOF /etc/group\nnogroup:x:65534:\nEOF',
  ])('%s provides them', (copy) => {
    expect(findings(noEtc.replace('USER 65534:65534', `${copy}\nUSER nobody:nogroup`), 'GDS010')).toEqual([]);
  });
  it('only passwd for a named user with numeric group', () => {
    const text = noEtc.replace('USER 65534:65534', 'COPY --from=build /etc/passwd /etc/passwd\nUSER nobody:65534');
    expect(findings(text, 'GDS010')).toEqual([]);
  });
  it('a non-scratch final stage has its own /etc/passwd', () => {
    expect(findings(noEtc.replace('FROM scratch', 'FROM alpine:3.23.2').replace('USER 65534:65534', 'USER nobody'), 'GDS010')).toEqual([]);
  });
});

describe('GDS011 numeric user', () => {
  it.each(['USER nobody', 'USER 65534', 'USER nobody:65534'])('%s is reported as info', (u) => {
    const f = findings(mutate('USER 65534:65534', u), 'GDS011');
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('info');
  });
  it('info alone keeps the file compliant', () => {
    expect(check(mutate('USER 65534:65534', 'USER nobody:nogroup')).status).toBe('compliant');
  });
});

describe('GDS012 CA bundle', () => {
  it('fires without the bundle', () => {
    expect(lines(findings(mutate('COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt\n', ''), 'GDS012'))).toEqual([9]);
  });
  it.each([
    'COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/',
    'COPY --from=build /etc/ssl/certs /etc/ssl/certs',
    'COPY --from=build /etc/ssl/certs/ /etc/ssl/certs/',
    'COPY --from=alpine:3.23.2 /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt',
  ])('%s provides it', (copy) => {
    expect(findings(mutate('COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt', copy), 'GDS012')).toEqual([]);
  });
  it('copying it somewhere else does not count', () => {
    expect(findings(mutate('/etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt', '/etc/ssl/certs/ca-certificates.crt /certs.crt'), 'GDS012')).toHaveLength(1);
  });
});

describe('GDS013 time-zone data', () => {
  const noZone = mutate('COPY --from=build /usr/share/zoneinfo /usr/share/zoneinfo\n', '');
  it('fires without zoneinfo', () => {
    expect(findings(noZone, 'GDS013')).toHaveLength(1);
  });
  it('-tags timetzdata embeds it', () => {
    expect(findings(noZone.replace('-trimpath', '-trimpath -tags timetzdata'), 'GDS013')).toEqual([]);
    expect(findings(noZone.replace('-trimpath', '-trimpath -tags=netgo,timetzdata'), 'GDS013')).toEqual([]);
    expect(findings(noZone.replace('RUN CGO', 'ENV GOFLAGS=-tags=timetzdata\nRUN CGO'), 'GDS013')).toEqual([]);
  });
  it('a single zone file counts', () => {
    expect(findings(noZone.replace('USER', 'COPY --from=build /usr/share/zoneinfo/UTC /usr/share/zoneinfo/UTC\nUSER'), 'GDS013')).toEqual([]);
  });
});

describe('GDS014 exec form', () => {
  it('fires for shell form, with an exec-form hint', () => {
    const f = findings(mutate('ENTRYPOINT ["/svc"]', 'ENTRYPOINT /svc --port 8080'), 'GDS014');
    expect(f).toHaveLength(1);
    expect(f[0]!.fixHint).toContain('["/svc","--port","8080"]');
  });
  it('only the effective (last) CMD/ENTRYPOINT matters', () => {
    expect(findings(mutate('ENTRYPOINT ["/svc"]', 'CMD /svc\nCMD ["/svc"]'), 'GDS014')).toEqual([]);
  });
  it('inherits through stage chains and ignores other stages', () => {
    const chained = GOOD.replace('FROM scratch', 'FROM scratch AS runtime').replace('ENTRYPOINT ["/svc"]', 'ENTRYPOINT /svc') + 'FROM runtime\n';
    expect(findings(chained, 'GDS014')[0]!.message).toContain('inherited from stage "runtime"');
    const other = mutate('RUN apk add', 'CMD go run .\nRUN apk add');
    expect(findings(other, 'GDS014')).toEqual([]);
  });
  it('invalid JSON is shell form', () => {
    expect(findings(mutate('ENTRYPOINT ["/svc"]', "ENTRYPOINT ['/svc']"), 'GDS014')).toHaveLength(1);
  });
});

describe('GDS015 ADD', () => {
  it.each(['ADD . .', 'ADD --chown=1:1 src/ /src/', 'ADD <<EOF /x\nhi\nEOF'])('%s fires', (add) => {
    expect(findings(mutate('COPY . .', add), 'GDS015')).toHaveLength(1);
  });
  it.each(['ADD https://example.com/x.tgz /tmp/', 'ADD git@github.com:moby/buildkit.git /src', 'ADD vendor.tar.gz /src/'])('%s does not fire', (add) => {
    expect(findings(mutate('COPY . .', `COPY . .\n${add}`), 'GDS015')).toEqual([]);
  });
});

describe('GDS016 apk cache', () => {
  it.each(['RUN apk add git', 'RUN apk update && apk add git', 'RUN apk add --update git', 'RUN xx-apk add musl-dev'])('%s fires (info)', (run) => {
    const f = findings(mutate('RUN apk add --no-cache ca-certificates tzdata', run), 'GDS016');
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('info');
  });
  it.each(['RUN apk --no-cache add git', 'RUN --mount=type=cache,target=/var/cache/apk apk add git', 'RUN --mount=type=cache,target=/etc/apk/cache apk add git', 'RUN apk del git'])('%s is fine', (run) => {
    expect(findings(mutate('RUN apk add --no-cache ca-certificates tzdata', run), 'GDS016')).toEqual([]);
  });
});

describe('GDS017 secrets', () => {
  it.each(['ENV DB_PASSWORD=hunter2', 'ENV API_KEY abc', 'ARG GITHUB_TOKEN=ghp_x', 'ENV A=1 SECRET_KEY="s3cr3t"', 'ARG AUTH=basic'])('%s fires', (line) => {
    expect(findings(mutate('WORKDIR /src', `${line}\nWORKDIR /src`), 'GDS017')).toHaveLength(1);
  });
  it.each(['ARG GITHUB_TOKEN', 'ENV DB_PASSWORD_FILE=/run/secrets/db', 'ENV TOKEN=$TOKEN', 'ENV TOKEN=${TOKEN}', 'ENV PUBLIC_KEY=abc', 'ENV GO_VERSION=1', 'ENV MONKEY=1', 'ENV PASSWORD=""'])('%s is fine', (line) => {
    expect(findings(mutate('WORKDIR /src', `${line}\nWORKDIR /src`), 'GDS017')).toEqual([]);
  });
  it('also before the first FROM', () => {
    expect(findings('ARG NPM_TOKEN=abc\n' + GOOD, 'GDS017')).toHaveLength(1);
  });
});

describe('stage awareness and syntax details', () => {
  it('COPY --chown before --from is still a copy from the stage', () => {
    const text = mutate('COPY --from=build /out/svc /svc', 'COPY --chown=65534:65534 --from=build /out/svc /svc');
    expect(check(text).status).toBe('compliant');
  });
  it('backtick escape directive', () => {
    const text = '# escape=`\n' + GOOD.replace('RUN CGO_ENABLED=0 go build -trimpath', 'RUN CGO_ENABLED=0 `\n  go build -trimpath');
    expect(check(text).findings).toEqual([]);
  });
  it('COPY --from by stage index', () => {
    expect(check(GOOD.replace(/--from=build/g, '--from=0')).findings).toEqual([]);
  });
  it('FROM $TARGETOS-dependent stage names resolve with the default platform', () => {
    const text = GOOD.replace('FROM scratch', 'FROM scratch AS final-linux') + 'FROM final-$TARGETOS\n';
    expect(check(text).findings).toEqual([]);
  });
});
