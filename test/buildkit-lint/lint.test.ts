/**
 * test/buildkit-lint, the benchmark's "buildkit --check" peer, really runs BuildKit's checks
 * (the rules of `docker build --check`): it reports known rules where BuildKit reports them,
 * honours a `# check=skip=` directive, reports a file BuildKit rejects, and stays silent on
 * a clean Dockerfile.
 *
 * Needs the Go toolchain (the program is built once into test/.artifacts/buildkit-lint/).
 * Without Go the suite fails when CI is set and is skipped with a warning otherwise, like
 * the differential tests against test/buildkit-parser.
 */
import { buildkitLintStatus, buildkitLintSummary, buildkitLintTexts, goToolchain } from './run';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_POLICY } from '@hardened-go/plugin-dockerfile-compliance-common';
import { renderDockerfile } from '@hardened-go/plugin-dockerfile-compliance-node';

jest.setTimeout(300_000);

const go = goToolchain();
if (!go.available && !process.env.CI) console.warn(`[buildkit-lint] skipped: ${go.reason}`);
/** Without Go: skipped locally, a failure in CI (see beforeAll). */
const describeWithGo = go.available || process.env.CI ? describe : describe.skip;

const CLEAN = [
  '# syntax=docker/dockerfile:1',
  'FROM golang:1.22 AS build',
  'WORKDIR /src',
  'COPY . .',
  'RUN CGO_ENABLED=0 go build -trimpath -o /out/app ./cmd/app',
  '',
  'FROM scratch',
  'COPY --from=build /out/app /app',
  'USER 65532:65532',
  'ENTRYPOINT ["/app"]',
  '',
].join('\n');

/** Three known checks, each on its own line. */
const NOISY = [
  '# syntax=docker/dockerfile:1',
  'FROM golang:1.22 as build', // 2: FromAsCasing ('as' and 'FROM' casing differ)
  'ENV CGO_ENABLED 0', // 3: LegacyKeyValueFormat
  'WORKDIR /src',
  'RUN go build -o /app .',
  'FROM scratch',
  'COPY --from=build /app /app',
  'CMD /app', // 8: JSONArgsRecommended
  '',
].join('\n');

describeWithGo("BuildKit's checks (test/buildkit-lint)", () => {
  beforeAll(async () => {
    if (!go.available) throw new Error(`test/buildkit-lint needs Go: ${go.reason}`);
    const status = await buildkitLintStatus(); // build once, outside the per-test timeout
    expect(status.available).toBe(true);
  });

  it('reports FromAsCasing, LegacyKeyValueFormat and JSONArgsRecommended where BuildKit does', async () => {
    const [r] = await buildkitLintTexts([NOISY]);
    expect(r.error).toBeUndefined();
    expect(r.warnings.map((w) => [w.rule, w.line])).toEqual([
      ['FromAsCasing', 2],
      ['LegacyKeyValueFormat', 3],
      ['JSONArgsRecommended', 8],
    ]);
    expect(r.warnings[0].detail).toBe("'as' and 'FROM' keywords' casing do not match");
  });

  it('stays silent on a clean Dockerfile', async () => {
    const [r] = await buildkitLintTexts([CLEAN]);
    expect(r).toEqual({ file: expect.any(String), warnings: [] });
  });

  it("passes docker build --check on the Dockerfile the standard renders (cross-compiling, cache mounts, pinned syntax)", async () => {
    const rendered = renderDockerfile(DEFAULT_POLICY, { binaryName: 'svc', port: 8080 });
    expect(rendered).toContain('FROM --platform=$BUILDPLATFORM ');
    const [r] = await buildkitLintTexts([rendered]);
    expect(r).toEqual({ file: expect.any(String), warnings: [] });
  });

  it('honours the # check=skip= directive, as docker build --check does', async () => {
    const [r] = await buildkitLintTexts([`# check=skip=FromAsCasing,JSONArgsRecommended\n${NOISY}`]);
    expect(r.warnings.map((w) => w.rule)).toEqual(['LegacyKeyValueFormat']);
  });

  it('reports a file BuildKit rejects as an error, not as a crash', async () => {
    const [bad, empty] = await buildkitLintTexts(['FROM scratch\nFOO bar\n', '']);
    expect(bad.error).toMatch(/unknown instruction: FOO/i);
    expect(empty.error).toMatch(/cannot be empty/);
  });

  it('lints many files in one process and sums them in the summary line', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buildkit-lint-summary-'));
    try {
      const files = [CLEAN, NOISY, NOISY].map((text, i) => {
        const f = path.join(dir, `${i}.Dockerfile`);
        fs.writeFileSync(f, text);
        return f;
      });
      const s = await buildkitLintSummary(files);
      expect(s).toMatchObject({ files: 3, warnings: 6, buildErrors: 0, rules: { FromAsCasing: 2, LegacyKeyValueFormat: 2, JSONArgsRecommended: 2 } });
      expect(s.cpuSeconds).toBeGreaterThan(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
