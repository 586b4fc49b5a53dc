/**
 * Known final bases: distroless (:nonroot tags run as 65532), Chainguard's static image and the
 * policy's own entries provide a user, passwd names, the CA bundle and time zones, and GDS009,
 * GDS010, GDS012 and GDS013 take that into account; scratch provides nothing; an unknown image
 * is not judged.
 */
import { checkDockerfile } from '../check/check';
import { policyFromConfig } from '../policyFromConfig';

const NOW = new Date('2026-11-26T00:00:00Z');
const BUILD = `FROM golang:1.26.8-alpine3.23 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download && go mod verify
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app .
`;
const image = (from: string, extra = '') => `${BUILD}FROM ${from}\nCOPY --from=build /out/app /app\n${extra}ENTRYPOINT ["/app"]\n`;
const rules = (text: string, config: Record<string, unknown>) =>
  checkDockerfile(text, policyFromConfig(config), { now: NOW })
    .findings.filter((f) => !f.suppressed)
    .map((f) => f.ruleId);

describe('known final bases', () => {
  const distroless = { finalBases: ['gcr.io/distroless/static-debian12', 'scratch'] };

  it('distroless :nonroot runs as 65532 and carries the CA bundle and zoneinfo: nothing to add', () => {
    expect(rules(image('gcr.io/distroless/static-debian12:nonroot@sha256:' + 'a'.repeat(64)), distroless)).toEqual([]);
    // named users it knows resolve; a name it does not know needs /etc/passwd
    expect(rules(image('gcr.io/distroless/static-debian12:nonroot', 'USER nonroot:nonroot\n'), distroless)).not.toContain('GDS010');
    const unknown = checkDockerfile(image('gcr.io/distroless/static-debian12:nonroot', 'USER app\n'), policyFromConfig(distroless), { now: NOW });
    expect(unknown.findings.find((f) => f.ruleId === 'GDS010')?.message).toBe(
      'USER app in the final stage 2 on gcr.io/distroless/static-debian12:nonroot is a name, but /etc/passwd is not copied in, and gcr.io/distroless/static-debian12:nonroot resolves only root, nonroot, nobody, so it cannot be resolved.',
    );
  });

  it('distroless without a nonroot tag runs as root: GDS009 still fires', () => {
    expect(rules(image('gcr.io/distroless/static-debian12:latest'), distroless)).toContain('GDS009');
  });

  it("Chainguard's static image runs as nonroot in every tag", () => {
    expect(rules(image('cgr.dev/chainguard/static:latest'), { finalBases: ['cgr.dev/chainguard/static'] })).not.toContain('GDS009');
  });

  it("the policy's entries come first: a company base without a bundle needs one copied in, and its names resolve", () => {
    const config = {
      finalBases: ['registry.acme.io/base/static'],
      knownFinalBases: [{ image: 'registry.acme.io/base/static', user: '10001:10001', names: ['svc'], zoneinfo: true }],
    };
    expect(rules(image('registry.acme.io/base/static:2.1', 'USER svc\n'), config).sort()).toEqual(['GDS002', 'GDS011', 'GDS012']);
    expect(rules(image('registry.acme.io/base/static:2.1.0'), config)).toEqual(['GDS012']);
    // an image nobody describes is not judged by these rules (GDS001 says whether it is allowed)
    expect(rules(image('registry.acme.io/other:1.0.0'), config)).toEqual(['GDS001', 'GDS009']);
  });

  it('the policy refuses an entry it cannot use, naming the key', () => {
    expect(() => policyFromConfig({ knownFinalBases: [{ image: 'Registry/Base' }] })).toThrow(/knownFinalBases\[0\]\.image must be a lower-case image repository/);
    expect(() => policyFromConfig({ knownFinalBases: [{ image: 'x', user: 'nonroot' }] })).toThrow(/knownFinalBases\[0\]\.user must be a numeric uid:gid/);
    expect(() => policyFromConfig({ knownFinalBases: [{ image: 'x', shell: true }] })).toThrow(/knownFinalBases\[0\]\.shell is not a known key/);
    expect(() => policyFromConfig({ knownFinalBases: { image: 'x' } })).toThrow(/knownFinalBases must be a list/);
  });
});
