/**
 * The whole-file rewrite (rewriteOnly: what harden() falls back to when its in-place edits
 * leave errors or warnings).
 *
 * What the fixer keeps: each element specific to the service survives the rewrite, read back
 * from the rewritten file through the parser and model (not by string search), and the
 * rewrite checks clean.
 */
import { checkDockerfile } from '@hardened-go/plugin-dockerfile-compliance-common';
import { buildModel } from '@hardened-go/plugin-dockerfile-compliance-common';
import type { DockerfileModel } from '@hardened-go/plugin-dockerfile-compliance-common';
import { parseDockerfile } from '@hardened-go/plugin-dockerfile-compliance-common';
import { DEFAULT_POLICY, policyFromConfig } from '@hardened-go/plugin-dockerfile-compliance-common';
import { rewriteOnly } from './harden';
import type { HardenContext } from './types';

const NOW = new Date('2026-11-26T00:00:00Z');

const ORDERS = `# Build
FROM golang:1.22-alpine AS builder
WORKDIR /app
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
ENV GOPROXY=https://proxy.example.com,direct
RUN go generate ./...
RUN CGO_ENABLED=0 go build -tags "netgo osusergo" -ldflags "-s -w -X main.version=\${VERSION} -X main.commit=abc123" -o /bin/orders ./cmd/orders

FROM alpine:3.20
RUN apk add --no-cache ca-certificates tzdata
COPY --from=builder /bin/orders /usr/local/bin/orders
COPY --from=builder /app/migrations /migrations
COPY config/default.yaml /etc/orders/config.yaml
LABEL org.opencontainers.image.source="https://example.com/orders" team=payments
ENV LOG_LEVEL=info APP_ENV="production eu" GOMEMLIMIT=200MiB
ENV DB_PASSWORD=hunter2
ENV DB_PASSWORD_FILE=/run/secrets/db
EXPOSE 8080 9090/udp
USER nobody
ENTRYPOINT ["/usr/local/bin/orders", "--config", "/etc/orders/config.yaml"]
CMD ["serve"]
`;

function fixed(text: string, context: HardenContext = {}, policy = DEFAULT_POLICY): { model: DockerfileModel; text: string; notes: string[] } {
  const result = rewriteOnly(text, policy, { now: NOW, ...context });
  expect(result.refused).toBeUndefined();
  expect(checkDockerfile(result.text, policy, { now: NOW }).status).toBe('compliant');
  return { model: buildModel(parseDockerfile(result.text)), text: result.text, notes: result.notes };
}

function instructions(model: DockerfileModel, keyword: string, stage = model.finalStage) {
  return stage.instructions.filter((si) => si.instruction.keyword === keyword).map((si) => si.instruction);
}

describe('harden keeps what is specific to the service', () => {
  const { model, notes } = fixed(ORDERS);
  const build = model.buildStages[0];
  const goBuild = model.goBuilds[0];

  it('the main package path and the output binary name', () => {
    expect(model.goBuilds).toHaveLength(1);
    expect(goBuild.args.slice(-1)).toEqual(['./cmd/orders']);
    expect(goBuild.args).toContain('/out/orders');
    const entrypoint = model.lastInChain(model.finalStage, 'ENTRYPOINT')!.instruction;
    expect(entrypoint.args[0]).toBe('/orders');
  });

  it('the build tags', () => {
    expect(goBuild.tags).toEqual(['netgo', 'osusergo']);
  });

  it('the -X ldflags, a build ARG reference kept as a reference (still overridable with --build-arg)', () => {
    expect(goBuild.ldflags).toContain('-X main.commit=abc123');
    expect(build.instructions.find((si) => si.instruction.keyword === 'RUN' && si.instruction.rawArgs.includes('go build'))!.instruction.rawArgs).toContain('-X main.version=${VERSION}');
    expect(instructions(model, 'ARG', build).map((i) => i.args[0])).toContain('VERSION=dev');
  });

  it('the module proxy setting and the go generate step of the build', () => {
    expect(instructions(model, 'ENV', build).map((i) => i.args)).toContainEqual(['GOPROXY', 'https://proxy.example.com,direct']);
    expect(instructions(model, 'RUN', build).map((i) => i.rawArgs)).toContain('go generate ./...');
  });

  it('EXPOSE, all ports and protocols', () => {
    expect(instructions(model, 'EXPOSE').flatMap((i) => i.args)).toEqual(['8080', '9090/udp']);
  });

  it('LABELs', () => {
    expect(instructions(model, 'LABEL').map((i) => i.args)).toEqual([
      ['org.opencontainers.image.source', '"https://example.com/orders"'],
      ['team', 'payments'],
    ]);
  });

  it('non-secret ENV (values with spaces too, Go runtime settings like GOMEMLIMIT), and *_FILE paths; a secret ENV is dropped with a note', () => {
    const env = new Map(instructions(model, 'ENV').map((i) => [i.args[0], i.args[1]]));
    expect([...env.keys()]).toEqual(['LOG_LEVEL', 'APP_ENV', 'GOMEMLIMIT', 'DB_PASSWORD_FILE']);
    expect(model.expandAt(model.finalStage.instructions.at(-1)!, env.get('APP_ENV')!)).toBe('production eu');
    expect(notes.join('\n')).toMatch(/dropped ENV DB_PASSWORD .*secret/);
  });

  it('extra files copied into the final image: from the build (module tree) and from the context', () => {
    const copies = model.copiesInto(model.finalStage).filter((c) => !/zoneinfo|ca-certificates|passwd|\/out\//.test(c.sources.join(' ')));
    expect(copies.map((c) => ({ from: c.from?.kind ?? 'context', sources: c.sources, dest: c.dest }))).toEqual([
      { from: 'stage', sources: ['/src/migrations'], dest: '/migrations' },
      { from: 'context', sources: ['config/default.yaml'], dest: '/etc/orders/config.yaml' },
    ]);
  });

  it('ENTRYPOINT arguments and CMD', () => {
    expect(model.lastInChain(model.finalStage, 'ENTRYPOINT')!.instruction.args).toEqual(['/orders', '--config', '/etc/orders/config.yaml']);
    expect(model.lastInChain(model.finalStage, 'CMD')!.instruction.args).toEqual(['serve']);
  });

  it('runs as the policy user, says so', () => {
    expect(model.effectiveUser(model.finalStage)!.user).toBe('65534');
    expect(notes.join('\n')).toMatch(/USER nobody became 65534:65534/);
  });
});

describe('the Go version of the build image', () => {
  const several = policyFromConfig({ supportedGoVersions: ['1.26.8', '1.26.10', '1.27.1'] });
  const image = (text: string) => buildModel(parseDockerfile(text)).stages[0].baseName;

  it("is the policy's when go.mod asks for an older Go", () => {
    expect(image(fixed(ORDERS, { goModGoVersion: '1.22' }).text)).toBe('golang:1.26.8-alpine3.23');
  });

  it("follows go.mod's newer requirement to the smallest supported version meeting it", () => {
    expect(image(fixed(ORDERS, { goModGoVersion: '1.26.9' }, several).text)).toBe('golang:1.26.10-alpine3.23');
    expect(image(fixed(ORDERS, { goModGoVersion: '1.27.0' }, several).text)).toBe('golang:1.27.1-alpine3.23');
  });

  it('maps go install <module path>/cmd/x to ./cmd/x with the module path from go.mod', () => {
    const input = ORDERS.replace('go build -tags', 'go install -tags').replace(' -o /bin/orders ./cmd/orders', ' example.com/orders/cmd/orders').replace('/bin/orders /usr/local/bin/orders', '/go/bin/orders /usr/local/bin/orders');
    const { model } = fixed(input, { goModulePath: 'example.com/orders' });
    expect(model.goBuilds[0].args.slice(-1)).toEqual(['./cmd/orders']);
  });
});

describe('shapes of real Dockerfiles', () => {
  it('a single-stage image: the binary named after the directory, relative ENTRYPOINT, shell-form CMD made exec form', () => {
    const { model, notes } = fixed('FROM golang:1.21\nWORKDIR /go/src/app/hello-svc\nCOPY . .\nRUN go build .\nEXPOSE 8000\nCMD ./hello-svc -port 8000\n');
    expect(model.lastInChain(model.finalStage, 'ENTRYPOINT')!.instruction.args).toEqual(['/hello-svc']);
    expect(model.lastInChain(model.finalStage, 'CMD')!.instruction.args).toEqual(['-port', '8000']);
    expect(notes.join('\n')).toMatch(/single-stage image/);
  });

  it("Go's own zoneinfo.zip is replaced by the standard's /usr/share/zoneinfo", () => {
    const { model, notes } = fixed('FROM golang:1.21 AS b\nWORKDIR /w\nCOPY . .\nRUN go build -o /svc .\nFROM scratch\nCOPY --from=b /usr/local/go/lib/time/zoneinfo.zip /zoneinfo.zip\nENV ZONEINFO=/zoneinfo.zip\nCOPY --from=b /svc /svc\nENTRYPOINT ["/svc"]\n');
    expect(model.copiesInto(model.finalStage).flatMap((c) => c.sources)).toContain('/usr/share/zoneinfo');
    expect(instructions(model, 'ENV')).toEqual([]);
    expect(notes.join('\n')).toMatch(/ZONEINFO/);
  });

  it('ENTRYPOINT [] with the program in CMD', () => {
    const { model } = fixed('FROM golang:1.21 AS b\nWORKDIR /w\nCOPY . .\nRUN go build -o /svc .\nFROM alpine:3.19\nCOPY --from=b /svc /svc\nENTRYPOINT []\nCMD ["/svc", "serve"]\n');
    expect(model.lastInChain(model.finalStage, 'ENTRYPOINT')!.instruction.args).toEqual(['/svc']);
    expect(model.lastInChain(model.finalStage, 'CMD')!.instruction.args).toEqual(['serve']);
  });

  it('a single-stage image keeps a run-time file it copied outside the module', () => {
    const { model } = fixed('FROM golang:1.21\nWORKDIR /app\nCOPY . .\nCOPY deploy/config.yaml /etc/svc/config.yaml\nRUN go build -o /svc .\nENTRYPOINT ["/svc", "-config", "/etc/svc/config.yaml"]\n');
    const copies = model.copiesInto(model.finalStage).filter((c) => c.from === null);
    expect(copies.map((c) => [c.sources, c.dest])).toEqual([[['deploy/config.yaml'], '/etc/svc/config.yaml']]);
  });

  it('go mod vendor before a -mod=vendor build is kept as a build step', () => {
    const { model } = fixed('FROM golang:1.21 AS b\nWORKDIR /w\nCOPY . .\nRUN go mod vendor\nRUN go build -mod=vendor -o /svc .\nFROM scratch\nCOPY --from=b /svc /svc\nENTRYPOINT ["/svc"]\n');
    const build = model.stages[0];
    expect(instructions(model, 'RUN', build).map((i) => i.rawArgs)).toContain('go mod vendor');
    expect(instructions(model, 'ENV', build).map((i) => i.args)).toContainEqual(['GOFLAGS', '-mod=vendor']);
  });

  it('a binary found through PATH, copied into a directory', () => {
    const { model } = fixed('FROM golang:1.21 AS b\nWORKDIR /w\nCOPY go.mod go.mod\nCOPY . .\nRUN go build -o svc ./cmd/svc\nFROM alpine:3.19\nCOPY --from=b /w/svc /usr/local/bin/\nENTRYPOINT ["svc", "run"]\n');
    expect(model.lastInChain(model.finalStage, 'ENTRYPOINT')!.instruction.args).toEqual(['/svc', 'run']);
  });

  it('an exec-form HEALTHCHECK of the binary itself, VOLUME and WORKDIR', () => {
    const { model } = fixed(
      'FROM golang:1.21 AS b\nWORKDIR /w\nCOPY . .\nRUN go build -o /svc .\nFROM alpine:3.19\nCOPY --from=b /svc /usr/bin/svc\nWORKDIR /data\nVOLUME /data\nHEALTHCHECK --interval=30s CMD ["svc", "health"]\nENTRYPOINT ["/usr/bin/svc"]\n',
    );
    expect(instructions(model, 'HEALTHCHECK')[0].args).toEqual(expect.arrayContaining(['/svc', 'health']));
    expect(instructions(model, 'VOLUME')[0].args).toEqual(['/data']);
    expect(model.finalStage.endWorkdir).toBe('/data');
  });
});

describe('found by the independent QA set (test-fixtures/fix-qa)', () => {
  it('STOPSIGNAL is kept (image configuration the graceful shutdown depends on; works in scratch), its name normalised', () => {
    const { model } = fixed(ORDERS.replace('USER nobody', 'USER nobody\nSTOPSIGNAL sigint'));
    expect(instructions(model, 'STOPSIGNAL').map((i) => i.args)).toEqual([['SIGINT']]);
  });

  it('a C toolchain next to an explicit CGO_ENABLED=0 build is dropped: the file says cgo is off', () => {
    const { notes } = fixed(ORDERS.replace('RUN go generate ./...', 'RUN apk add --no-cache gcc musl-dev\nRUN go generate ./...'));
    expect(notes).toContainEqual(expect.stringContaining('dropped build packages gcc musl-dev'));
  });

  it("a bare program name is found through the final image's own ENV PATH", () => {
    const { model } = fixed(
      'FROM golang:1.22-alpine AS b\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /bin/app ./cmd/api\nFROM gcr.io/distroless/base-debian12\nCOPY --from=b /bin/app /opt/svc/app\nENV PATH=/opt/svc:$PATH\nCMD ["app", "serve"]\n',
    );
    expect(model.lastInChain(model.finalStage, 'ENTRYPOINT')!.instruction.args).toEqual(['/app']);
    expect(model.lastInChain(model.finalStage, 'CMD')!.instruction.args).toEqual(['serve']);
  });

  it('a build written as a RUN heredoc script (RUN <<EOF, sh -e <<EOF) is read command by command', () => {
    for (const opener of ['RUN <<EOT', 'RUN sh -e <<EOT']) {
      const { model } = fixed(
        `FROM golang:1.22-alpine AS b\nWORKDIR /src\nCOPY . .\n${opener}\nset -e\ngo mod download\nCGO_ENABLED=0 go build -o /out/svc ./cmd/svc\nEOT\nFROM alpine:3.20\nCOPY --from=b /out/svc /svc\nENTRYPOINT ["/svc"]\n`,
      );
      expect(model.goBuilds[0].args.slice(-1)).toEqual(['./cmd/svc']);
    }
  });

  it('GOOS=linux alone, or GOOS/GOARCH from TARGETOS/TARGETARCH, is not reported as a replaced target', () => {
    const { notes } = fixed(ORDERS.replace('RUN CGO_ENABLED=0 go build', 'RUN CGO_ENABLED=0 GOOS=linux go build'));
    expect(notes.join('\n')).not.toContain('cross-compilation');
    const targets = fixed(ORDERS.replace('RUN CGO_ENABLED=0 go build', 'ARG TARGETOS TARGETARCH\nRUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build'));
    expect(targets.notes.join('\n')).not.toContain('cross-compilation');
    const arm = fixed(ORDERS.replace('RUN CGO_ENABLED=0 go build', 'RUN CGO_ENABLED=0 GOOS=linux GOARCH=arm64 go build'));
    expect(arm.notes).toContainEqual(expect.stringContaining("replaced a fixed target (FROM --platform, GOOS/GOARCH) with the standard's cross-compilation"));
  });

  it('keeps the owner\'s digest of exactly the build image it renders, and takes the policy\'s imageDigests under requireDigest', () => {
    const owner = `sha256:${'1f'.repeat(32)}`;
    const listed = `sha256:${'2e'.repeat(32)}`;
    const pinned = ORDERS.replace(/FROM golang:[^ ]+ AS build/, `FROM golang:1.26.8-alpine3.23@${owner} AS build`).replace('-trimpath ', '');
    expect(pinned).toContain(owner);
    const kept = rewriteOnly(pinned, DEFAULT_POLICY, { now: NOW });
    expect(kept.text).toContain(`golang:1.26.8-alpine3.23@${owner} AS build`);
    const strict = { ...DEFAULT_POLICY, requireDigest: true, imageDigests: [{ image: 'golang:1.26.8-alpine3.23', digest: listed }] };
    expect(rewriteOnly(pinned, strict, { now: NOW }).text).toContain(`golang:1.26.8-alpine3.23@${listed} AS build`);
    const unpinned = ORDERS.replace('-trimpath ', '');
    expect(rewriteOnly(unpinned, { ...DEFAULT_POLICY, requireDigest: true }, { now: NOW }).refused).toMatch(/lists none for golang:1\.26\.8-alpine3\.23 in hardenedGo\.standard\.imageDigests/);
    expect(rewriteOnly(unpinned, strict, { now: NOW }).text).toContain(`@${listed} AS build`);
  });
});

describe('suppressions and compliant files', () => {
  it('a compliant file comes back byte-identical, with nothing fixed', () => {
    const once = rewriteOnly(ORDERS, DEFAULT_POLICY, { now: NOW }).text;
    const withCrlfComment = `${once}# trailing comment\n`;
    expect(rewriteOnly(withCrlfComment, DEFAULT_POLICY, { now: NOW })).toEqual({ text: withCrlfComment, fixed: [], remaining: expect.any(Array), notes: [] });
  });

  it('keeps a global suppression comment (a file-wide decision) in the rewrite', () => {
    const input = `# hardened-go global ignore=GDS016 reason="cache mount in CI"\n${ORDERS}`;
    const result = rewriteOnly(input, DEFAULT_POLICY, { now: NOW });
    expect(result.refused).toBeUndefined();
    expect(result.text).toContain('# hardened-go global ignore=GDS016 reason="cache mount in CI"\n');
    expect(checkDockerfile(result.text, DEFAULT_POLICY, { now: NOW }).findings.filter((f) => f.ruleId === 'GDS-SUPPRESS')).toEqual([]);
  });

  it('reports the rule IDs it fixed', () => {
    const result = rewriteOnly(ORDERS, DEFAULT_POLICY, { now: NOW });
    // alpine final base, floating golang:1.22-alpine, no go mod verify, no -trimpath, named USER, DB_PASSWORD
    expect(result.fixed).toEqual(['GDS001', 'GDS002', 'GDS003', 'GDS005', 'GDS007', 'GDS011', 'GDS017']);
  });
});
