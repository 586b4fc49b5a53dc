/**
 * Test helpers for the rule tests (src/rules/GDSnnn.test.ts, one per rule): a compliant
 * Dockerfile to mutate, a findings filter, and the rule's part of the labelled set. Kept
 * out of src/: it runs checkDockerfile, and inside src/ it was the one import reaching up
 * from rules/ to check/.
 */
import { checkDockerfile } from '../src/check/check';
import type { Finding } from '../src/check/types';
import { DEFAULT_POLICY } from '../src/policy/policy';
import type { Policy } from '../src/policy/types';
import { type LabelledCase, bytesOf, cases, normalise } from './labelled/cases';

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

/** The lines of findings, in order. */
export const lines = (found: readonly { line: number }[]) => found.map((f) => f.line);

/** GOOD with a separate "modules" stage that downloads and verifies; the build stage copies its module cache. */
export const MODULES_STAGE =
  `FROM golang:1.26.8-alpine3.23 AS modules
COPY go.mod go.sum /modules/
WORKDIR /modules
RUN go mod download && go mod verify
` + GOOD.replace('COPY go.mod go.sum* ./\nRUN go mod download && go mod verify\n', 'COPY --from=modules /go/pkg /go/pkg\n');

/** The date and policy src/check/labelled.test.ts checks the labelled set with. */
const LABELLED_NOW = new Date('2026-11-26T00:00:00Z');
const labelledResults = new Map<string, Finding[]>();

/** The findings of one rule for a labelled case, in the set's comparable form (`GDS007 warning line 9`). */
export function labelledFindings(c: LabelledCase, ruleId: string): string[] {
  let found = labelledResults.get(c.file);
  if (!found) {
    found = checkDockerfile(new Uint8Array(bytesOf(c)), DEFAULT_POLICY, { now: LABELLED_NOW }).findings;
    labelledResults.set(c.file, found);
  }
  return normalise(found.filter((f) => f.ruleId === ruleId));
}

/**
 * The rule's part of the labelled set: the cases labelled with findings of it (as [file, case]
 * rows for it.each), and those where it must stay silent: every compliant case and every case
 * named after the rule (`gds006-*`) or matched by `alsoSilent`, whose label has none of it.
 */
export function labelledCasesOf(ruleId: string, alsoSilent: (c: LabelledCase) => boolean = () => false) {
  const fires = cases.filter((c) => c.findings.some((f) => f.ruleId === ruleId));
  const prefix = `${ruleId.toLowerCase()}-`;
  const silent = cases.filter((c) => !fires.includes(c) && (c.status === 'compliant' || c.file.startsWith(prefix) || alsoSilent(c)));
  return { fires: fires.map((c) => [c.file, c] as const), silent };
}

/** The case yields exactly its labelled findings of the rule (line, severity, suppressed): none missing, none extra. */
export function expectLabelledFindings(c: LabelledCase, ruleId: string): void {
  expect(labelledFindings(c, ruleId)).toEqual(normalise(c.findings.filter((f) => f.ruleId === ruleId)));
}

/** The rule finds nothing in any of these (non-empty) cases; a failure lists the cases and what it found. */
export function expectSilent(silent: readonly LabelledCase[], ruleId: string): void {
  expect(silent.length).toBeGreaterThan(0);
  const noisy = silent.map((c) => [c.file, labelledFindings(c, ruleId)] as const).filter(([, found]) => found.length > 0);
  expect(noisy).toEqual([]);
}
