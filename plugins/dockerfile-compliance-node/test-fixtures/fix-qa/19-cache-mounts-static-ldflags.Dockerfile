FROM golang:1.23-alpine AS build
WORKDIR /src
COPY go.* ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -a -ldflags '-extldflags "-static"' -tags timetzdata -o /usr/bin/search-indexer ./cmd/indexer

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build /usr/bin/search-indexer /search-indexer
ENTRYPOINT ["/search-indexer"]
CMD ["--workers", "4", "--queue", "index-jobs"]
