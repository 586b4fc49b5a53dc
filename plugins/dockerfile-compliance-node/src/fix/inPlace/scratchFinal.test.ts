/**
 * The final stage moved FROM scratch in place (GDS001), with the CA bundle, time zones and a
 * numeric USER its old base brought along, proven as one change; and every case where the
 * final stage still needs its base, left with the reason.
 */
import { checkDockerfile, DEFAULT_POLICY } from '@hardened-go/plugin-dockerfile-compliance-common';
import { fixInPlace } from './fixInPlace';

const NOW = new Date('2026-11-26T00:00:00Z');
const fix = (text: string) => fixInPlace(text, DEFAULT_POLICY, { now: NOW });
const blockingRules = (text: string) =>
  checkDockerfile(text, DEFAULT_POLICY, { now: NOW })
    .findings.filter((f) => !f.suppressed && f.severity !== 'info')
    .map((f) => f.ruleId);

const BUILD = `FROM golang:1.26.8-alpine3.23 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download && go mod verify
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app ./cmd/app

`;

describe('scratchFinal', () => {
  it('moves an alpine final stage to scratch: the certificate setup goes, the CA bundle, zoneinfo and USER come in', () => {
    const before = `${BUILD}# runtime
FROM alpine:3.23
RUN apk --no-cache add ca-certificates tzdata \\
  && update-ca-certificates
COPY --from=build /out/app /usr/local/bin/
EXPOSE 8080
ENTRYPOINT ["app"]
`;
    expect(blockingRules(before)).toEqual(expect.arrayContaining(['GDS001', 'GDS002', 'GDS009']));
    const r = fix(before);
    expect(r.text).toBe(`${BUILD}# runtime
FROM scratch
COPY --from=build /usr/local/go/lib/time/zoneinfo.zip /zoneinfo.zip
ENV ZONEINFO=/zoneinfo.zip
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build /out/app /usr/local/bin/
EXPOSE 8080
USER 65534:65534
ENTRYPOINT ["app"]
`);
    expect(blockingRules(r.text)).toEqual([]);
    expect(r.unfixed).toEqual([]);
    expect(r.edits.map((e) => e.ruleIds.join('+'))).toEqual(['GDS001', 'GDS012', 'GDS013', 'GDS009']);
    // the lines are those of the fixed text
    expect(r.edits[0]!.lines).toEqual([9, 13]);
    expect(r.edits[3]!.lines).toEqual([15]);
    expect(fix(r.text).text).toBe(r.text);
  });

  it('keeps a distroless nonroot user as its numbers, and a mkdir that WORKDIR does anyway', () => {
    const before = `${BUILD}FROM gcr.io/distroless/static-debian12:nonroot AS release
RUN mkdir -p /srv/app
WORKDIR /srv/app
COPY --from=build /out/app ./app
USER nonroot:nonroot
ENTRYPOINT ["./app"]
`;
    const r = fix(before);
    expect(r.text).toContain('FROM scratch AS release\n');
    expect(r.text).toContain('USER 65532:65532\n');
    expect(r.text).not.toContain('mkdir');
    expect(blockingRules(r.text)).toEqual([]);
  });

  it('keeps USER nobody as its numbers (65534 in every common base)', () => {
    const before = `${BUILD}FROM debian:12.8-slim\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*\nCOPY --from=build /out/app /app\nUSER nobody\nENTRYPOINT ["/app"]\n`;
    const r = fix(before);
    expect(r.text).toContain('FROM scratch\n');
    expect(r.text).toContain('USER 65534:65534\n');
    expect(r.text).not.toContain('apt-get');
    expect(blockingRules(r.text)).toEqual([]);
  });

  it.each([
    ['a RUN that needs the base', 'RUN apk add --no-cache curl', /the RUN on line \d+ needs the base image's shell and tools/],
    ['a named user', 'RUN adduser -D app\nUSER app', /the RUN on line \d+ needs the base image's shell and tools/],
    ['a HEALTHCHECK', 'HEALTHCHECK CMD wget -q localhost:8080', /the HEALTHCHECK on line \d+ runs a program of the base image/],
    ['a named --chown', 'COPY --chown=app:app config.yaml /etc/app/', /--chown=app:app on line \d+ names a user/],
  ])('leaves the base when the final stage has %s', (_name, extra, reason) => {
    const before = `${BUILD}FROM alpine:3.23\n${extra}\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n`;
    const r = fix(before);
    expect(r.text).toContain('FROM alpine:3.23\n');
    expect(r.unfixed.find((u) => u.ruleId === 'GDS001')?.reason).toMatch(reason);
  });

  it('leaves the base when the binary may need libc or is not the one built here', () => {
    const cgo = `${BUILD.replace('CGO_ENABLED=0 ', '')}FROM debian:12.8\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n`;
    // cgo off is added first (GDS006), so the binary is static by the time the base moves
    expect(fix(cgo).text).toContain('FROM scratch\n');
    const cgoOn = cgo.replace('RUN go build', 'RUN CGO_ENABLED=1 go build');
    expect(fix(cgoOn).unfixed.find((u) => u.ruleId === 'GDS001')?.reason).toMatch(/not a binary copied from a stage that builds Go without cgo/);
    const prebuilt = `${BUILD}FROM alpine:3.23\nCOPY bin/app /app\nENTRYPOINT ["/app"]\n`;
    expect(fix(prebuilt).unfixed.find((u) => u.ruleId === 'GDS001')?.reason).toMatch(/not a binary copied from a stage/);
    const shellForm = `${BUILD}FROM alpine:3.23\nCOPY --from=build /out/app /app\nENTRYPOINT /app --port=$PORT\n`;
    expect(fix(shellForm).unfixed.find((u) => u.ruleId === 'GDS001')?.reason).toMatch(/shell form, and scratch has no shell/);
  });

  it('leaves a single-stage build to the whole-file rewrite', () => {
    const single = 'FROM golang:1.26.8-alpine3.23\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /app .\nENTRYPOINT ["/app"]\n';
    expect(fix(single).unfixed.find((u) => u.ruleId === 'GDS001')?.reason).toMatch(/single-stage build.*fix --rewrite|whole-file rewrite/);
  });
});
