FROM golang:1.22-alpine AS builder
RUN apk add --no-cache build-base
WORKDIR /app
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -ldflags="-s -w" -o /app/kv ./cmd/kv

FROM alpine:3.20
COPY --from=builder /app/kv /usr/local/bin/kv
VOLUME ["/var/lib/kv"]
EXPOSE 6380
ENTRYPOINT ["/usr/local/bin/kv", "--data", "/var/lib/kv"]
