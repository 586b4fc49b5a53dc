import { DEFAULT_POLICY, checkDockerfile } from '@hardened-go/plugin-dockerfile-compliance-common';
import type { Policy } from '@hardened-go/plugin-dockerfile-compliance-common';
import { DOCKERFILE_SYNTAX, RenderParamsError, renderDockerfile, renderDockerignore, type ServiceImageParams } from './render';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

function errorOf(params: ServiceImageParams, policy: Policy = DEFAULT_POLICY): RenderParamsError {
  try {
    renderDockerfile(policy, params);
  } catch (e) {
    expect(e).toBeInstanceOf(RenderParamsError);
    return e as RenderParamsError;
  }
  throw new Error(`rendered ${JSON.stringify(params)}`);
}

describe('renderDockerfile', () => {
  it('renders the standard for the default policy', () => {
    expect(renderDockerfile(DEFAULT_POLICY, { binaryName: 'orders', mainPackage: './cmd/orders', port: 8080 })).toBe(
      [
        '# syntax=docker/dockerfile:1.26.0',
        '# Hardened Go service image, hardened-go standard v1.',
        '# Rendered by hardened-go; `hardened-go check Dockerfile` verifies it still meets the standard.',
        '',
        "# Build stage: an exact, pinned Go toolchain, on the machine's own platform: Go cross-compiles",
        '# for the target (GOOS/GOARCH below), so an arm64 image builds without emulation.',
        'FROM --platform=$BUILDPLATFORM golang:1.26.8-alpine3.23 AS build',
        '# The CA bundle and time-zone data are copied into the empty final image below.',
        'RUN apk add --no-cache ca-certificates tzdata',
        'WORKDIR /src',
        '# Modules first: this layer stays cached across source edits, and verify checks them against go.sum.',
        '# The module and build caches are BuildKit cache mounts: reused across builds, never in a layer.',
        'COPY go.mod go.sum* ./',
        'RUN --mount=type=cache,target=/go/pkg/mod go mod download && go mod verify',
        'COPY . .',
        '# The platform being built for (docker buildx build --platform linux/amd64,linux/arm64).',
        'ARG TARGETOS TARGETARCH',
        '# Static binary (scratch has no libc), no symbols or DWARF (smaller), no local paths in it.',
        'RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \\',
        '    CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -trimpath -ldflags="-s -w" -o /out/orders ./cmd/orders',
        '',
        '# Final stage: nothing but the binary and the few files it needs.',
        'FROM scratch',
        'COPY --from=build /usr/share/zoneinfo /usr/share/zoneinfo',
        'COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt',
        '# passwd and group let the user below resolve by name too.',
        'COPY --from=build /etc/passwd /etc/group /etc/',
        'COPY --from=build /out/orders /orders',
        '# Numeric uid:gid: Kubernetes runAsNonRoot cannot verify a named user.',
        'USER 65534:65534',
        'EXPOSE 8080',
        '# Exec form: there is no shell to run a shell-form command.',
        'ENTRYPOINT ["/orders"]',
        '',
      ].join('\n'),
    );
  });

  it('builds the module root by default and exposes nothing without a port', () => {
    const text = renderDockerfile(DEFAULT_POLICY, { binaryName: 'worker' });
    expect(text).toContain('-o /out/worker .\n');
    expect(text).not.toContain('EXPOSE');
  });

  it.each([
    ['.', '.'],
    ['./', '.'],
    ['', '.'],
    ['cmd/api', './cmd/api'],
    ['./cmd/api/', './cmd/api'],
    ['internal/cmd/v2.api', './internal/cmd/v2.api'],
  ])('normalises the main package %j to %j', (given, rendered) => {
    expect(renderDockerfile(DEFAULT_POLICY, { binaryName: 'svc', mainPackage: given })).toContain(`-o /out/svc ${rendered}\n`);
  });

  it('renders build tags, -X variables, the Go version override and the policy user', () => {
    const policy: Policy = { ...DEFAULT_POLICY, supportedGoVersions: ['1.26.8', '1.27.2'], user: '10001:10002', standardVersion: 'v2' };
    const text = renderDockerfile(policy, {
      binaryName: 'api',
      buildTags: ['timetzdata', 'netgo'],
      ldflagsX: { 'main.version': '1.4.2', 'example.com/x/build.Commit': 'abc123' },
      goVersion: '1.27.2',
    });
    expect(text).toContain('FROM --platform=$BUILDPLATFORM golang:1.27.2-alpine3.23 AS build\n');
    expect(text).toContain(
      '    CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -trimpath -ldflags="-s -w -X main.version=1.4.2 -X example.com/x/build.Commit=abc123" -tags timetzdata,netgo -o /out/api .\n',
    );
    expect(text).toContain('USER 10001:10002\n');
    expect(text).toContain('hardened-go standard v2.');
  });

  it('pins the build image by digest when one is given, and refuses to render without one when the policy requires it', () => {
    expect(renderDockerfile(DEFAULT_POLICY, { binaryName: 'api', buildImageDigest: DIGEST })).toContain(
      `FROM --platform=$BUILDPLATFORM golang:1.26.8-alpine3.23@${DIGEST} AS build\n`,
    );
    const strict = { ...DEFAULT_POLICY, requireDigest: true };
    expect(errorOf({ binaryName: 'api' }, strict).message).toBe(
      'buildImageDigest is required because the policy sets requireDigest: pass the digest of golang:1.26.8-alpine3.23, or list it in hardenedGo.standard.imageDigests',
    );
    expect(renderDockerfile(strict, { binaryName: 'api', buildImageDigest: DIGEST })).toContain(`@${DIGEST} AS build`);
  });

  it("pins the build image, the syntax frontend and the final base with the policy's imageDigests", () => {
    const other = `sha256:${'fedcba9876543210'.repeat(4)}`;
    const third = `sha256:${'00112233445566778899aabbccddeeff'.repeat(2)}`;
    const policy: Policy = {
      ...DEFAULT_POLICY,
      requireDigest: true,
      finalBases: ['gcr.io/distroless/static-debian12:1.0.0'],
      imageDigests: [
        { image: 'golang:1.26.8-alpine3.23', digest: DIGEST },
        { image: DOCKERFILE_SYNTAX, digest: other },
        { image: 'gcr.io/distroless/static-debian12:1.0.0', digest: third },
      ],
    };
    const text = renderDockerfile(policy, { binaryName: 'api' });
    expect(text.split('\n')[0]).toBe(`# syntax=${DOCKERFILE_SYNTAX}@${other}`);
    expect(text).toContain(`FROM --platform=$BUILDPLATFORM golang:1.26.8-alpine3.23@${DIGEST} AS build\n`);
    expect(text).toContain(`FROM gcr.io/distroless/static-debian12:1.0.0@${third}\n`);
    expect(checkDockerfile(text, policy).findings.filter((f) => f.severity !== 'info')).toEqual([]);
    // a digest given by the caller wins over the policy's
    expect(renderDockerfile(policy, { binaryName: 'api', buildImageDigest: other })).toContain(`golang:1.26.8-alpine3.23@${other} AS build`);
    // a final base without a digest anywhere is still refused under requireDigest
    const noFinalDigest = { ...policy, imageDigests: policy.imageDigests!.slice(0, 2) };
    expect(errorOf({ binaryName: 'api' }, noFinalDigest).param).toBe('policy.finalBases[0]');
  });

  it('renders the first allowed final base, without the scratch-only copies on a non-scratch base', () => {
    const policy = { ...DEFAULT_POLICY, finalBases: ['gcr.io/distroless/static-debian12:1.0.0', 'scratch'] };
    const text = renderDockerfile(policy, { binaryName: 'api' });
    expect(text).toContain('FROM gcr.io/distroless/static-debian12:1.0.0\n');
    expect(text).not.toContain('/etc/passwd');
    expect(text).toContain('COPY --from=build /out/api /api\n');
    const strict = { ...policy, requireDigest: true };
    expect(errorOf({ binaryName: 'api', buildImageDigest: DIGEST }, strict).param).toBe('policy.finalBases[0]');
  });

  const badParams: Array<[string, unknown, string, RegExp]> = [
    ['a missing binary name', {}, 'binaryName', /got undefined/],
    ['an upper-case binary name', { binaryName: 'Api' }, 'binaryName', /got "Api"/],
    ['a binary name starting with a dash', { binaryName: '-api' }, 'binaryName', /must start with/],
    ['a binary name with a slash', { binaryName: 'a/b' }, 'binaryName', /a-z 0-9/],
    ['a binary name with a space', { binaryName: 'a b' }, 'binaryName', /a-z 0-9/],
    ['a binary name with a newline', { binaryName: 'api\nUSER root' }, 'binaryName', /a-z 0-9/],
    ['a template in the binary name', { binaryName: '{{ 7*7 }}' }, 'binaryName', /a-z 0-9/],
    ['a binary name of 65 chars', { binaryName: 'a'.repeat(65) }, 'binaryName', /at most 64/],
    ['a parent main package', { binaryName: 'a', mainPackage: '../other' }, 'mainPackage', /inside it/],
    ['a hidden parent main package', { binaryName: 'a', mainPackage: './cmd/../../x' }, 'mainPackage', /inside it/],
    ['an absolute main package', { binaryName: 'a', mainPackage: '/src/cmd' }, 'mainPackage', /relative/],
    ['a package pattern', { binaryName: 'a', mainPackage: './...' }, 'mainPackage', /like \. or \.\/cmd\/api/],
    ['a main package with a space', { binaryName: 'a', mainPackage: './cmd/my api' }, 'mainPackage', /got ".\/cmd\/my api"/],
    ['a main package with a shell substitution', { binaryName: 'a', mainPackage: './$(id)' }, 'mainPackage', /inside it/],
    ['a numeric main package', { binaryName: 'a', mainPackage: 7 }, 'mainPackage', /must be a string/],
    ['build tags as a string', { binaryName: 'a', buildTags: 'netgo' }, 'buildTags', /must be a list/],
    ['a build tag with a comma', { binaryName: 'a', buildTags: ['netgo,osusergo'] }, 'buildTags[0]', /letters, digits/],
    ['a build tag with a dash', { binaryName: 'a', buildTags: ['ok', '-x'] }, 'buildTags[1]', /letters, digits/],
    ['an empty build tag', { binaryName: 'a', buildTags: [''] }, 'buildTags[0]', /letters, digits/],
    ['port 0', { binaryName: 'a', port: 0 }, 'port', /1 to 65535, got 0/],
    ['port 65536', { binaryName: 'a', port: 65536 }, 'port', /got 65536/],
    ['a fractional port', { binaryName: 'a', port: 80.5 }, 'port', /whole number/],
    ['a string port', { binaryName: 'a', port: '8080' }, 'port', /got "8080"/],
    ['ldflagsX as a string', { binaryName: 'a', ldflagsX: 'main.version=1' }, 'ldflagsX', /importpath\.name: value or a list of \{name, value\}/],
    ['ldflagsX as a list of strings', { binaryName: 'a', ldflagsX: ['main.version=1'] }, 'ldflagsX.0', /importpath\.name/],
    ['an -X name without a package', { binaryName: 'a', ldflagsX: { version: '1' } }, 'ldflagsX.version', /importpath\.name/],
    ['an -X value with a space', { binaryName: 'a', ldflagsX: { 'main.version': '1 2' } }, 'ldflagsX.main.version', /literal/],
    ['an -X value with a quote', { binaryName: 'a', ldflagsX: { 'main.version': '1"' } }, 'ldflagsX.main.version', /literal/],
    ['an -X value with an undeclared variable', { binaryName: 'a', ldflagsX: { 'main.version': '$VERSION' } }, 'ldflagsX.main.version', /references \$VERSION, which no buildArgs or buildEnv entry declares/],
    ['an -X value with a command substitution', { binaryName: 'a', ldflagsX: { 'main.version': '$(git describe)' }, buildArgs: [{ name: 'git' }] }, 'ldflagsX.main.version', /literal/],
    ['an -X value with a backtick', { binaryName: 'a', ldflagsX: [{ name: 'main.v', value: '`id`' }] }, 'ldflagsX.main.v', /literal/],
    ['an unsupported Go version', { binaryName: 'a', goVersion: '1.25.0' }, 'goVersion', /supported Go versions \(1\.26\.8\), got "1\.25\.0"/],
    ['a misspelt parameter', { binaryName: 'a', ports: 8080 }, 'ports', /is not a parameter of the renderer/],
    ['a malformed digest', { binaryName: 'a', buildImageDigest: 'sha256:abc' }, 'buildImageDigest', /64 lower-case hex/],
  ];

  it.each(badParams)('refuses %s', (_label, params, param, message) => {
    const error = errorOf(params as ServiceImageParams);
    expect(error.param).toBe(param);
    expect(error.message.startsWith(`${param} `)).toBe(true);
    expect(error.message).toMatch(message);
  });

  const badPolicies: Array<[string, Partial<Policy>, string]> = [
    ['a named user', { user: 'nobody' }, 'policy.user'],
    ['root', { user: '0:0' }, 'policy.user'],
    ['a user carrying a second instruction', { user: '1:1\nUSER root' }, 'policy.user'],
    ['a template as standard version', { standardVersion: '{{ 7*7 }}' }, 'policy.standardVersion'],
    ['a floating Alpine version', { alpineVersion: 'latest' }, 'policy.alpineVersion'],
    ['a floating supported Go version', { goVersion: '1.26', supportedGoVersions: ['1.26'] }, 'goVersion'],
    ['a default Go version that is not supported', { goVersion: '1.26.9' }, 'goVersion'],
    ['no final base', { finalBases: [] }, 'policy.finalBases'],
    ['a final base with a newline', { finalBases: ['alpine:3.23\nRUN id'] }, 'policy.finalBases[0]'],
  ];

  it.each(badPolicies)('refuses a hand-built policy with %s', (_label, override, param) => {
    expect(errorOf({ binaryName: 'api' }, { ...DEFAULT_POLICY, ...override }).param).toBe(param);
  });
});

describe('renderDockerignore', () => {
  it('keeps VCS data, Dockerfiles, secrets and local artefacts out of the context and names the standard', () => {
    const text = renderDockerignore(DEFAULT_POLICY, { binaryName: 'api' });
    const patterns = text.split('\n').filter(l => l !== '' && !l.startsWith('#'));
    expect(patterns).toEqual(expect.arrayContaining(['.git', '.env', '.env.*', 'Dockerfile', '.dockerignore', '*.test']));
    expect(text.split('\n')[0]).toBe('# Build context of a hardened Go service, hardened-go standard v1.');
  });

  it('never excludes what the build copies and compiles', () => {
    const patterns = renderDockerignore(DEFAULT_POLICY, { binaryName: 'api' })
      .split('\n')
      .filter(l => l !== '' && !l.startsWith('#'));
    for (const pattern of patterns) {
      const glob = new RegExp(`^${pattern.replace(/^\//, '').replace(/\./g, '\\.').replace(/\*/g, '[^/]*')}$`);
      for (const needed of ['go.mod', 'go.sum', 'main.go', 'cmd', 'internal', 'vendor', 'coverage.go', 'out', 'api']) {
        expect({ pattern, needed, excluded: glob.test(needed) }).toEqual({ pattern, needed, excluded: false });
      }
    }
  });

  it('validates the parameters like renderDockerfile', () => {
    expect(() => renderDockerignore(DEFAULT_POLICY, { binaryName: 'Bad Name' })).toThrow(RenderParamsError);
  });
});
