# syntax=docker/dockerfile:1
FROM golang:1.22-alpine AS build
WORKDIR /src
COPY . .
RUN <<EOT
set -e
go mod download
CGO_ENABLED=0 go build -o /out/svc ./cmd/svc
EOT

FROM alpine:3.20
COPY --from=build /out/svc /usr/local/bin/svc
ARG VERSION
LABEL version=$VERSION
HEALTHCHECK CMD ["svc", "-health"]
ENTRYPOINT ["svc"]
