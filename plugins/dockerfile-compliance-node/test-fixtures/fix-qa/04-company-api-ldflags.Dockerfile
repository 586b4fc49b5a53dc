ARG GO_VERSION=1.22
FROM golang:${GO_VERSION}-alpine AS builder

RUN apk add git make ca-certificates

WORKDIR /build
COPY go.mod go.sum ./
RUN go mod download

COPY . .

ARG VERSION=0.0.0-dev
ARG COMMIT=unknown
ARG BUILD_DATE
RUN CGO_ENABLED=0 GOOS=linux go build \
    -tags netgo,osusergo \
    -ldflags "-s -w -X main.version=${VERSION} -X main.commit=${COMMIT} -X main.date=${BUILD_DATE}" \
    -o bin/api ./cmd/api

FROM alpine:3.19
RUN apk add ca-certificates tzdata
LABEL org.opencontainers.image.title="orders-api" \
      org.opencontainers.image.vendor="Acme Corp" \
      org.opencontainers.image.version=$VERSION
COPY --from=builder /build/bin/api /usr/local/bin/api
ENV APP_ENV=production \
    HTTP_ADDR=:8080 \
    METRICS_ADDR=:9090
EXPOSE 8080 9090
USER nobody
ENTRYPOINT ["api"]
