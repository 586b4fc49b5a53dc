/**
 * The renderer's extension points (what the fixer carries over from an old Dockerfile):
 * where each lands, that absent ones change nothing, and that every value stays inside its
 * own instruction.
 */
import { checkDockerfile } from '@hardened-go/plugin-dockerfile-compliance-common';
import { parseDockerfile } from '@hardened-go/plugin-dockerfile-compliance-common';
import { DEFAULT_POLICY } from '@hardened-go/plugin-dockerfile-compliance-common';
import { RenderParamsError, renderDockerfile, type ServiceImageParams } from './render';
import { startCpuClock } from '../../../../test/support/cpuTime';

const FULL: ServiceImageParams = {
  binaryName: 'api',
  mainPackage: './cmd/api',
  port: 8080,
  expose: ['9090/udp', '8080', '7000-7010/tcp'],
  buildTags: ['netgo'],
  buildArgs: [{ name: 'VERSION', default: 'dev' }, { name: 'COMMIT' }],
  buildEnv: [{ key: 'GOPROXY', value: 'https://proxy.golang.org,direct' }, { key: 'GOFLAGS', value: '-mod=mod' }],
  ldflagsX: [{ name: 'main.version', value: '${VERSION}' }, { name: 'main.commit', value: '$COMMIT' }],
  buildSteps: ['go generate ./...'],
  finalArgs: [{ name: 'APP_ENV', default: 'production' }],
  finalCopies: [
    { fromBuild: true, sources: ['/src/migrations'], dest: '/migrations/' },
    { fromBuild: false, sources: ['config/app.yaml', 'config/*.json'], dest: '/etc/api/', chown: '65534:65534', chmod: '0444' },
  ],
  labels: [{ key: 'org.opencontainers.image.source', value: 'https://example.com/acme/api' }, { key: 'team', value: '"payments core"' }],
  env: [{ key: 'APP_ENV', value: '$APP_ENV' }, { key: 'GREETING', value: "'hello world'" }],
  workdir: '/var/lib/api',
  volumes: ['/var/lib/api'],
  healthcheck: { flags: ['--interval=30s', '--retries=3'], cmd: ['/api', 'healthcheck'] },
  stopSignal: 'SIGINT',
  entrypointArgs: ['serve', '--config=/etc/api/app.yaml'],
  cmd: ['--log-level', 'info,debug'],
};

describe('renderer extension points', () => {
  const text = renderDockerfile(DEFAULT_POLICY, FULL);
  const lines = text.split('\n');

  it('puts each carried element where it belongs', () => {
    const index = (line: string) => {
      const i = lines.indexOf(line);
      expect({ line, found: i >= 0 }).toEqual({ line, found: true });
      return i;
    };
    const finalFrom = index('FROM scratch');
    // Build stage: ARG and ENV before the module download, extra steps between COPY . . and go build.
    expect(index('ARG VERSION=dev')).toBeLessThan(index('ENV GOPROXY=https://proxy.golang.org,direct'));
    expect(index('ARG COMMIT')).toBeLessThan(index('COPY go.mod go.sum* ./'));
    expect(index('ENV GOFLAGS=-mod=mod')).toBeLessThan(index('RUN --mount=type=cache,target=/go/pkg/mod go mod download && go mod verify'));
    // extra steps see the module cache the download filled
    expect(index('RUN --mount=type=cache,target=/go/pkg/mod go generate ./...')).toBe(index('COPY . .') + 1);
    expect(index('    CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -trimpath -ldflags="-s -w -X main.version=${VERSION} -X main.commit=$COMMIT" -tags netgo -o /out/api ./cmd/api')).toBeLessThan(finalFrom);
    // Final stage, in order.
    const order = [
      'FROM scratch',
      'ARG APP_ENV=production',
      'COPY --from=build /out/api /api',
      'COPY --from=build /src/migrations /migrations/',
      'COPY --chown=65534:65534 --chmod=0444 config/app.yaml config/*.json /etc/api/',
      'LABEL org.opencontainers.image.source=https://example.com/acme/api',
      'LABEL team="payments core"',
      'ENV APP_ENV=$APP_ENV',
      "ENV GREETING='hello world'",
      'WORKDIR /var/lib/api',
      'VOLUME ["/var/lib/api"]',
      'USER 65534:65534',
      'EXPOSE 8080 9090/udp 7000-7010/tcp',
      'HEALTHCHECK --interval=30s --retries=3 CMD ["/api", "healthcheck"]',
      'STOPSIGNAL SIGINT',
      'ENTRYPOINT ["/api", "serve", "--config=/etc/api/app.yaml"]',
      'CMD ["--log-level", "info,debug"]',
    ].map(index);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('parses back to the values it was given', () => {
    const parsed = parseDockerfile(text);
    expect(parsed.errors).toEqual([]);
    const entry = parsed.instructions.find(i => i.keyword === 'ENTRYPOINT')!;
    expect(entry).toMatchObject({ json: true, args: ['/api', 'serve', '--config=/etc/api/app.yaml'] });
    expect(parsed.instructions.find(i => i.keyword === 'CMD')).toMatchObject({ json: true, args: ['--log-level', 'info,debug'] });
    expect(parsed.instructions.find(i => i.keyword === 'HEALTHCHECK')!.endLine).toBe(parsed.instructions.find(i => i.keyword === 'HEALTHCHECK')!.line);
  });

  it('checks clean under the policy', () => {
    expect(checkDockerfile(text, DEFAULT_POLICY, { now: new Date('2026-11-26T00:00:00Z') }).findings).toEqual([]);
  });

  it('changes nothing when the extension fields are empty', () => {
    const empty: ServiceImageParams = {
      binaryName: 'api',
      buildArgs: [], buildEnv: [], buildSteps: [], expose: [], finalArgs: [], labels: [], env: [],
      finalCopies: [], entrypointArgs: [], volumes: [], ldflagsX: [],
    };
    expect(renderDockerfile(DEFAULT_POLICY, empty)).toBe(renderDockerfile(DEFAULT_POLICY, { binaryName: 'api' }));
    expect(renderDockerfile(DEFAULT_POLICY, { binaryName: 'api', port: 80, expose: ['80'] })).toContain('\nEXPOSE 80\n');
  });

  it('keeps JSON arguments exact, including quotes, commas and control characters', () => {
    const tricky = ['a "quoted" arg', 'x,y', 'tab\there', 'line\nbreak', '\\', '{{ 7*7 }}'];
    const out = renderDockerfile(DEFAULT_POLICY, { binaryName: 'api', cmd: tricky, entrypointArgs: ['--'] });
    const parsed = parseDockerfile(out);
    expect(parsed.errors).toEqual([]);
    expect(parsed.instructions.find(i => i.keyword === 'CMD')).toMatchObject({ json: true, args: tricky });
    expect(out).toContain('{{ 7*7 }}'); // data, never a template
  });

  const bad: Array<[string, Partial<ServiceImageParams>, string]> = [
    ['a build arg with a bad name', { buildArgs: [{ name: 'A B' }] }, 'buildArgs[0].name'],
    ['a build arg default with a line break', { buildArgs: [{ name: 'A', default: '1\nRUN id' }] }, 'buildArgs[0].default'],
    ['a build arg default with an unquoted space', { buildArgs: [{ name: 'A', default: '1 2' }] }, 'buildArgs[0].default'],
    ['a build env value with an open quote', { buildEnv: [{ key: 'GOFLAGS', value: '"-mod=vendor' }] }, 'buildEnv[0].value'],
    ['a build env value ending in a continuation', { buildEnv: [{ key: 'GOFLAGS', value: 'x\\' }] }, 'buildEnv[0].value'],
    ['a build env key with =', { buildEnv: [{ key: 'A=B', value: 'c' }] }, 'buildEnv[0].key'],
    ['a build step with a line break', { buildSteps: ['go generate\nUSER root'] }, 'buildSteps[0]'],
    ['a build step opening a heredoc', { buildSteps: ['cat <<EOF'] }, 'buildSteps[0]'],
    ['an empty build step', { buildSteps: ['  '] }, 'buildSteps[0]'],
    ['a JSON-form build step', { buildSteps: ['["go","generate"]'] }, 'buildSteps[0]'],
    ['a port range backwards', { expose: ['9000-8000'] }, 'expose[0]'],
    ['port 70000', { expose: ['70000'] }, 'expose[0]'],
    ['a port with a protocol typo', { expose: ['80/http'] }, 'expose[0]'],
    ['a label key with a space', { labels: [{ key: 'my label', value: 'x' }] }, 'labels[0].key'],
    ['a label value with a space', { labels: [{ key: 'team', value: 'payments core' }] }, 'labels[0].value'],
    ['an env value with a line break', { env: [{ key: 'A', value: 'x\nUSER root' }] }, 'env[0].value'],
    ['a copy source looking like a flag', { finalCopies: [{ fromBuild: false, sources: ['--from=evil'], dest: '/x' }] }, 'finalCopies[0].sources[0]'],
    ['a copy source opening a heredoc', { finalCopies: [{ fromBuild: false, sources: ['<<EOF'], dest: '/x' }] }, 'finalCopies[0].sources[0]'],
    ['a copy source with a space', { finalCopies: [{ fromBuild: false, sources: ['my file'], dest: '/x' }] }, 'finalCopies[0].sources[0]'],
    ['a copy without sources', { finalCopies: [{ fromBuild: true, sources: [], dest: '/x' }] }, 'finalCopies[0].sources'],
    ['a copy dest in JSON form', { finalCopies: [{ fromBuild: true, sources: ['/a'], dest: '["/x"]' }] }, 'finalCopies[0].dest'],
    ['a copy chown with a space', { finalCopies: [{ fromBuild: true, sources: ['/a'], dest: '/x', chown: '1 2' }] }, 'finalCopies[0].chown'],
    ['a copy chmod that is not a mode', { finalCopies: [{ fromBuild: true, sources: ['/a'], dest: '/x', chmod: '999' }] }, 'finalCopies[0].chmod'],
    ['a copy without fromBuild', { finalCopies: [{ sources: ['/a'], dest: '/x' } as never] }, 'finalCopies[0].fromBuild'],
    ['a relative workdir', { workdir: 'app' }, 'workdir'],
    ['a relative volume', { volumes: ['data'] }, 'volumes[0]'],
    ['an unknown healthcheck flag', { healthcheck: { flags: ['--start-now'], cmd: ['/api'] } }, 'healthcheck.flags[0]'],
    ['an empty healthcheck command', { healthcheck: { flags: [], cmd: [] } }, 'healthcheck.cmd'],
    ['a stop signal with an instruction after it', { stopSignal: 'SIGINT\nUSER root' }, 'stopSignal'],
    ['a stop signal that is not a signal', { stopSignal: 'graceful' }, 'stopSignal'],
    ['a non-string entrypoint argument', { entrypointArgs: [1 as never] }, 'entrypointArgs[0]'],
    ['cmd not a list', { cmd: 'serve' as never }, 'cmd'],
  ];

  it.each(bad)('refuses %s', (_label, extra, param) => {
    let error: unknown;
    try {
      renderDockerfile(DEFAULT_POLICY, { binaryName: 'api', ...extra });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RenderParamsError);
    expect((error as RenderParamsError).param).toBe(param);
  });

  it('rejects long hostile values in linear time', () => {
    const cpuMs = startCpuClock();
    const hostile = [`$${'A'.repeat(5000)}!`, `${'a'.repeat(20000)}"`, `${'/a'.repeat(10000)} `];
    expect(() => renderDockerfile(DEFAULT_POLICY, { binaryName: 'api', buildArgs: [{ name: 'A'.repeat(5000) }], ldflagsX: { 'main.v': hostile[0]! } })).toThrow(RenderParamsError);
    expect(() => renderDockerfile(DEFAULT_POLICY, { binaryName: 'api', env: [{ key: 'A', value: hostile[1]! }] })).toThrow(RenderParamsError);
    expect(() => renderDockerfile(DEFAULT_POLICY, { binaryName: 'api', volumes: [hostile[2]!] })).toThrow(RenderParamsError);
    expect(() => renderDockerfile({ ...DEFAULT_POLICY, finalBases: [`${'a/'.repeat(5000)}!`] }, { binaryName: 'api' })).toThrow(RenderParamsError);
    expect(cpuMs()).toBeLessThan(2000); // generous: a backtracking regex takes minutes here
  });

  it('accepts -X values that use a build ENV variable', () => {
    const out = renderDockerfile(DEFAULT_POLICY, { binaryName: 'api', buildEnv: [{ key: 'V', value: '1' }], ldflagsX: { 'main.v': '${V}-x' } });
    expect(out).toContain('-ldflags="-s -w -X main.v=${V}-x"');
  });
});
