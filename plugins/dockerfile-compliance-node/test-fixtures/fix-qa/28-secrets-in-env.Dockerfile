FROM golang:1.21-alpine AS builder
WORKDIR /app
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /app/webhook ./cmd/webhook

FROM alpine:3.19
RUN apk add --no-cache ca-certificates
COPY --from=builder /app/webhook /webhook
ENV SLACK_WEBHOOK_TOKEN=xoxb-123456 \
    LISTEN_ADDR=0.0.0.0:8080 \
    TLS_CERT_FILE=/run/secrets/tls.crt
USER 1000
EXPOSE 8080
ENTRYPOINT ["/webhook"]
