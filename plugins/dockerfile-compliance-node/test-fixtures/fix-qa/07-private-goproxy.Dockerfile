FROM golang:1.22.5-alpine3.20 AS build
ENV GOPROXY=https://goproxy.corp.example.com,https://proxy.golang.org,direct \
    GOPRIVATE=git.corp.example.com/* \
    GONOSUMDB=git.corp.example.com/* \
    CGO_ENABLED=0
WORKDIR /workspace
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -ldflags="-s -w" -o /workspace/ledger ./cmd/ledger

FROM gcr.io/distroless/static:nonroot
COPY --from=build /workspace/ledger /ledger
EXPOSE 8443
USER 65532:65532
ENTRYPOINT ["/ledger"]
