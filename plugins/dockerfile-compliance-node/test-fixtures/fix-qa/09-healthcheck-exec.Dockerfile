FROM golang:1.22 AS builder
WORKDIR /app
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o notifier .

FROM alpine:3.20
COPY --from=builder /app/notifier /usr/bin/notifier
HEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD ["/usr/bin/notifier", "healthcheck"]
EXPOSE 8000
ENTRYPOINT ["/usr/bin/notifier"]
