/**
 * The whole-file rewrite (rewriteOnly: what harden() falls back to when its in-place edits
 * leave errors or warnings).
 *
 * Every refusal reason, each from the smallest Dockerfile that shows it. A refusal leaves the
 * text byte-identical and names the line or value that made the fixer stop.
 */
import { DEFAULT_POLICY, policyFromConfig } from '@hardened-go/plugin-dockerfile-compliance-common';
import { rewriteOnly } from './harden';
import type { HardenContext, RefusalCode } from './types';

const NOW = new Date('2026-11-26T00:00:00Z');

/** A drifted but otherwise fixable two-stage service; `build` and `final` replace its parts. */
function service({ build = '', run = 'RUN CGO_ENABLED=0 go build -o /out/api ./cmd/api', final = '', start = 'ENTRYPOINT ["/api"]' } = {}): string {
  return [
    'FROM golang:1.22-alpine AS build',
    'WORKDIR /src',
    'COPY go.mod go.sum ./',
    'RUN go mod download',
    'COPY . .',
    build,
    run,
    '',
    'FROM alpine:3.20',
    'COPY --from=build /out/api /api',
    final,
    start,
    '',
  ]
    .filter((l) => l !== '')
    .join('\n');
}

const CASES: Array<[string, string, RefusalCode, RegExp, HardenContext?]> = [
  ['CGO_ENABLED=1 in the build ENV', service({ build: 'ENV CGO_ENABLED=1', run: 'RUN go build -o /out/api ./cmd/api' }), 'cgo', /CGO_ENABLED=1/],
  ['CGO_ENABLED=1 inline', service({ run: 'RUN CGO_ENABLED=1 go build -o /out/api ./cmd/api' }), 'cgo', /line 6.*CGO_ENABLED=1/],
  ['import "C" in the repository', service(), 'cgo', /import/, { repoHasCgo: true }],
  ['a race-detector build', service({ run: 'RUN go build -race -o /out/api ./cmd/api' }), 'cgo', /-race/],
  ['tests with the race detector in the build', service({ build: 'RUN CGO_ENABLED=1 go test -race ./...' }), 'cgo', /go test -race/],
  ['a C toolchain installed and CGO_ENABLED left unset (cgo is on)', service({ build: 'RUN apk add --no-cache gcc musl-dev', run: 'RUN go build -o /out/api ./cmd/api' }), 'cgo', /gcc musl-dev \(line 6\).*does not set CGO_ENABLED/],
  ['external linking', service({ run: 'RUN go build -ldflags "-linkmode external" -o /out/api ./cmd/api' }), 'cgo', /linkmode/],
  ['two go builds', service({ build: 'RUN go build -o /out/worker ./cmd/worker' }), 'multiple-binaries', /\/src\/cmd\/worker.*\/src\/cmd\/api|\/src\/cmd\/api.*\/src\/cmd\/worker/],
  ['two packages in one go build', service({ run: 'RUN go build -o /out/ ./cmd/api ./cmd/worker' }), 'multiple-binaries', /more than one Go binary/],
  ['every main package', service({ run: 'RUN go install ./...' }), 'multiple-binaries', /every main package/],
  ['a shell-form command with shell syntax', service({ start: 'CMD /api --port=$PORT && echo done' }), 'needs-shell', /CMD at line \d+ is a shell command/],
  ['sh -c', service({ start: 'ENTRYPOINT ["sh", "-c", "/api"]' }), 'needs-shell', /starts sh/],
  ['an entrypoint script', service({ final: 'COPY docker-entrypoint.sh /entrypoint.sh', start: 'ENTRYPOINT ["/entrypoint.sh"]' }), 'needs-shell', /script/],
  ['a RUN step in the final image', service({ final: 'RUN ln -s /api /usr/bin/api' }), 'needs-shell', /ln -s/],
  ['a shell-form HEALTHCHECK', service({ final: 'HEALTHCHECK CMD wget -q -O- http://localhost:8080/health || exit 1' }), 'needs-shell', /HEALTHCHECK/],
  ['an exec-form HEALTHCHECK of another tool', service({ final: 'HEALTHCHECK CMD ["curl", "-f", "http://localhost/"]' }), 'unsupported-build', /HEALTHCHECK runs curl/],
  ['runtime packages in the final image', service({ final: 'RUN apk add --no-cache ca-certificates git openssh' }), 'runtime-packages', /git openssh/],
  ['a Node.js Dockerfile', 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]\n', 'not-go', /not a Go service/],
  ['make build', service({ run: 'RUN make build' }), 'no-go-build', /make build/],
  ['a build script', service({ run: 'RUN ./scripts/build.sh' }), 'no-go-build', /scripts\/build\.sh/],
  ['go run at start instead of a build', 'FROM golang:1.22-alpine\nWORKDIR /app\nCOPY . .\nRUN go mod download\nCMD ["go", "run", "main.go"]\n', 'no-go-build', /`go run main\.go` \(CMD at line 5\)/],
  ['a prebuilt binary', 'FROM golang:1.22-alpine\nCOPY api /usr/local/bin/api\nENTRYPOINT ["/usr/local/bin/api"]\n', 'no-go-build', /no go build/],
  ['go install of a published module', 'FROM golang:1.22-alpine AS build\nRUN go install example.com/tool@v1.2.3\nFROM alpine:3.20\nCOPY --from=build /go/bin/tool /tool\nENTRYPOINT ["/tool"]\n', 'remote-source', /published module/],
  ['git clone', service({ build: 'RUN git clone https://example.com/x.git' }), 'remote-source', /git clone/],
  ['a GOPATH import path', service({ run: 'RUN go install example.com/other/cmd/api' }), 'remote-source', /import path example\.com\/other\/cmd\/api/],
  ['files from another stage', service({ final: 'COPY --from=assets /dist /srv/www' }).replace('FROM alpine:3.20', 'FROM node:22 AS assets\nRUN mkdir /dist\nFROM alpine:3.20'), 'foreign-files', /\/dist from stage "assets"/],
  ['a download into the final image', service({ final: 'ADD https://example.com/data.json /data.json' }), 'foreign-files', /downloads/],
  ['files made by the build outside the module', service({ final: 'COPY --from=build /tmp/generated /generated' }), 'foreign-files', /\/tmp\/generated/],
  ['a test target', service().replace('FROM alpine:3.20', 'FROM build AS test\nRUN go test ./...\nFROM alpine:3.20'), 'other-targets', /stage "test"/],
  ['make besides go build', service({ build: 'RUN make generate' }), 'unsupported-build', /besides go build.*make generate/],
  ['credentials copied into the build stage', service({ build: 'COPY .netrc /root/.netrc' }), 'foreign-files', /\.netrc to \/root\/\.netrc/],
  ['a build secret for private modules', service().replace('RUN go mod download', 'RUN --mount=type=secret,id=netrc,target=/root/.netrc go mod download'), 'unsupported-build', /secret mount/],
  ['an unknown build step', service({ build: 'RUN git config --global url."git@x:".insteadOf "https://x/"' }), 'unsupported-build', /git config/],
  ['go build inside an if', service({ run: 'RUN if [ -n "$FAST" ]; then echo fast; else CGO_ENABLED=0 go build -o /out/api ./cmd/api; fi' }), 'unsupported-build', /control flow/],
  ['one package built twice with different flags', service({ build: 'RUN CGO_ENABLED=0 go build -tags debug -o /out/api ./cmd/api' }), 'unsupported-build', /built 2 times with different flags/],
  ['a file written by echo in the build', service({ build: 'RUN echo "package main" > gen.go' }), 'unsupported-build', /echo/],
  ['go mod init (no go.mod in the repository)', service({ build: 'RUN go mod init example.com/api' }), 'unsupported-build', /go mod init/],
  ['a compiler flag', service({ run: 'RUN go build -gcflags=all=-N -o /out/api ./cmd/api' }), 'unsupported-build', /-gcflags/],
  ['-X from a shell command', service({ run: 'RUN go build -ldflags "-X main.v=$(git describe)" -o /out/api ./cmd/api' }), 'unsupported-build', /shell command/],
  ['a single-stage image started with a file of its source tree', 'FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go build -o server .\nCMD ["./server", "-config", "conf/app.yaml"]\n', 'foreign-files', /conf\/app\.yaml/],
  ['the whole build directory copied with the binary', service({ run: 'RUN go build -o /src/api ./cmd/api' }).replace('COPY --from=build /out/api /api', 'COPY --from=build /src /srv').replace('["/api"]', '["/srv/api"]'), 'foreign-files', /binary together with the module's source tree/],
  ['a RUN step after FROM build', service().replace('FROM alpine:3.20\nCOPY --from=build /out/api /api', 'FROM build\nRUN rm -rf /src && ln -s /out/api /api'), 'needs-shell', /ln -s/],
  ['a module in a subdirectory of the build context', service().replace('COPY go.mod go.sum ./', 'COPY services/api/go.mod services/api/go.sum ./').replace('COPY . .', 'COPY services/api/ ./'), 'unsupported-build', /services\/api\/go\.mod.*subdirectory/],
  ['a build from a few copied files without go.mod', service().replace('COPY go.mod go.sum ./\n', '').replace('COPY . .', 'COPY main.go ./'), 'unsupported-build', /neither go\.mod nor the whole build context/],
  ['a go.mod newer than every supported Go', service(), 'go-version', /1\.99\.0/, { goModGoVersion: '1.99.0' }],
  ['an unterminated heredoc', 'FROM golang:1.22\nRUN <<EOF\necho\n', 'unreadable', /GDS000/],
  ['an empty file', '', 'unreadable', /GDS000/],
  [
    'a file over its work budget (the same verdict as over the time limit)',
    `FROM scratch\nARG a=${'ab'.repeat(2000)}\n` + Array.from({ length: 3000 }, (_, i) => `ENV A${i}=\${a//*a*a*a*a*a*a?/x}`).join('\n') + '\n',
    'too-complex',
    /could not be checked within the limits/,
  ],
  ['a binary name the renderer refuses', service({ run: 'RUN go build -o /out/My_Api ./cmd/api' }).replace('/out/api /api', '/out/My_Api /My_Api').replace('["/api"]', '["/My_Api"]'), 'cannot-render', /binaryName/],
  [
    'a deliberately suppressed error',
    service({ start: '# hardened-go ignore=GDS009 reason="binds port 80"\nUSER root\nENTRYPOINT ["/api"]' }),
    'suppressed',
    /GDS009.*binds port 80/,
  ],
];

describe('harden refuses instead of guessing', () => {
  // Rows are spread so the callback has no 5th parameter jest would take for `done`.
  it.each(CASES)('%s', (...row) => {
    const [, input, code, reason, context] = row;
    const result = rewriteOnly(input, DEFAULT_POLICY, { now: NOW, ...context });
    expect({ code: result.refusalCode, refused: result.refused }).toEqual({ code, refused: expect.stringMatching(reason) });
    expect(result.text).toBe(input);
    expect(result.fixed).toEqual([]);
  });

  it('refuses when the policy requires digests it cannot look up', () => {
    const result = rewriteOnly(service(), policyFromConfig({ requireDigest: true }), { now: NOW });
    expect(result.refusalCode).toBe('cannot-render');
    expect(result.refused).toMatch(/digest/);
  });

  it('the same service without the problem is fixed (the cases above differ only in it)', () => {
    const result = rewriteOnly(service(), DEFAULT_POLICY, { now: NOW });
    expect(result.refused).toBeUndefined();
    expect(result.fixed.length).toBeGreaterThan(0);
  });
});
