/**
 * Fixture repositories for the drift suite. The compliant Dockerfile is rendered by the
 * library's own renderer (what "Create new Go service" writes), so this suite also proves
 * a freshly scaffolded service is reported compliant; drifted variants are written out.
 */
import { DEFAULT_POLICY } from '@hardened-go/plugin-dockerfile-compliance-common';
import { renderDockerfile } from '@hardened-go/plugin-dockerfile-compliance-node';
import { stringify } from 'yaml';

export const compliantDockerfile = (binaryName = 'svc') => renderDockerfile(DEFAULT_POLICY, { binaryName, mainPackage: './cmd/' + binaryName });

/** The naive image the standard exists to replace: golang base, root, shell-form CMD. */
export const naiveDockerfile = `FROM golang:1.26.8-alpine3.23
WORKDIR /app
COPY . .
RUN go build -o /app/server .
CMD /app/server
`;

/** Hardened build, but no USER (runs as root) and a shell-form ENTRYPOINT scratch cannot run. */
export const rootShellDockerfile = `FROM golang:1.26.8-alpine3.23 AS build
RUN apk add --no-cache ca-certificates tzdata
WORKDIR /src
COPY go.mod go.sum* ./
RUN go mod download && go mod verify
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/svc .

FROM scratch
COPY --from=build /usr/share/zoneinfo /usr/share/zoneinfo
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /out/svc /svc
ENTRYPOINT /svc
`;

/** Compliant except that local paths stay in the binary (GDS007, a warning). */
export const noTrimpathDockerfile = `FROM golang:1.26.8-alpine3.23 AS build
RUN apk add --no-cache ca-certificates tzdata
WORKDIR /src
COPY go.mod go.sum* ./
RUN go mod download && go mod verify
COPY . .
RUN CGO_ENABLED=0 go build -ldflags="-s -w" -o /out/worker ./cmd/worker

FROM scratch
COPY --from=build /usr/share/zoneinfo /usr/share/zoneinfo
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /etc/passwd /etc/group /etc/
COPY --from=build /out/worker /worker
USER 65534:65534
ENTRYPOINT ["/worker"]
`;

export const unterminatedHeredocDockerfile = `FROM golang:1.26.8-alpine3.23 AS build
RUN <<EOF
go build -o /out/svc .
`;

export function binaryFile(): Buffer {
  const b = Buffer.alloc(4096);
  for (let i = 0; i < b.length; i++) b[i] = (i * 131 + 7) % 256;
  return b;
}

export function hugeDockerfile(bytes = 5 * 1024 * 1024): Buffer {
  const head = Buffer.from(compliantDockerfile());
  return Buffer.concat([head, Buffer.alloc(bytes - head.length, '#\n')]);
}

export function component(name: string, opts: { type?: string; annotations?: Record<string, string>; labels?: Record<string, string> } = {}): string {
  return stringify({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      ...(opts.annotations ? { annotations: opts.annotations } : {}),
      ...(opts.labels ? { labels: opts.labels } : {}),
    },
    spec: { type: opts.type ?? 'service', lifecycle: 'production', owner: `team-${name}` },
  });
}

export function locationOf(name: string, targets: string[]): string {
  return stringify({ apiVersion: 'backstage.io/v1alpha1', kind: 'Location', metadata: { name }, spec: { targets } });
}
