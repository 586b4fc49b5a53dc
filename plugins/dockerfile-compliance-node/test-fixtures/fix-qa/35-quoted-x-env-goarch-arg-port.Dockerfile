FROM golang:1.22-alpine AS builder
ENV CGO_ENABLED=0 GOOS=linux GOARCH=amd64
WORKDIR /app
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=1.0.0
RUN go build -ldflags="-X 'main.Version=${VERSION}' -X 'main.BuildTime=2024-01-01'" -o server ./cmd/api

FROM alpine:3.20
ARG PORT=8080
WORKDIR /app
COPY --from=builder --chown=1001:1001 /app/server ./server
COPY --from=builder /app/config ./config
ENV PORT=${PORT}
EXPOSE ${PORT}
USER 1001:1001
ENTRYPOINT ["./server"]
