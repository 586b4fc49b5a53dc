FROM golang:1.22-alpine AS builder
WORKDIR /go/src/github.com/acme/inventory
COPY . .
RUN CGO_ENABLED=0 go build -mod=vendor -ldflags "-s -w" -o /inventory ./cmd/inventory

FROM alpine:3.20
RUN apk --no-cache add ca-certificates
COPY --from=builder /inventory /inventory
EXPOSE 7000
ENTRYPOINT ["/inventory"]
