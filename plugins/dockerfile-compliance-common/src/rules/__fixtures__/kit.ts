/** Test helpers for rule tests: a compliant Dockerfile to mutate and a findings filter. */
import { checkDockerfile } from '../../check/check';
import type { Finding } from '../../check/types';
import { DEFAULT_POLICY } from '../../policy/policy';
import type { Policy } from '../../policy/types';

export const NOW = new Date('2026-11-26T12:00:00Z');

/** The standard's canonical Dockerfile (what the renderer produces), written out by hand. */
export const GOOD = `FROM golang:1.26.8-alpine3.23 AS build
RUN apk add --no-cache ca-certificates tzdata
WORKDIR /src
COPY go.mod go.sum* ./
RUN go mod download && go mod verify
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/svc ./cmd/svc

FROM scratch
COPY --from=build /usr/share/zoneinfo /usr/share/zoneinfo
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /etc/passwd /etc/group /etc/
COPY --from=build /out/svc /svc
USER 65534:65534
ENTRYPOINT ["/svc"]
`;

export function policy(overrides: Partial<Policy> = {}): Policy {
  return { ...DEFAULT_POLICY, rules: {}, ...overrides };
}

export function check(text: string, p: Policy = policy()) {
  return checkDockerfile(text, p, { now: NOW });
}

/** Findings of one rule (unsuppressed and suppressed). */
export function findings(text: string, ruleId: string, p: Policy = policy()): Finding[] {
  const r = check(text, p);
  if (r.status === 'error') throw new Error(`unexpected GDS000: ${r.findings.map((f) => f.message).join('; ')}`);
  return r.findings.filter((f) => f.ruleId === ruleId);
}

/** GOOD with `search` replaced by `replacement` (the search text must occur). */
export function mutate(search: string, replacement: string, base = GOOD): string {
  if (!base.includes(search)) throw new Error(`mutation target not found: ${search}`);
  return base.replace(search, replacement);
}
