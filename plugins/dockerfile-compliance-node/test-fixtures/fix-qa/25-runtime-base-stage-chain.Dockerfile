FROM alpine:3.20 AS runtime-base
RUN apk add --no-cache ca-certificates tzdata \
 && addgroup -S app && adduser -S -G app app

FROM golang:1.22-alpine AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -ldflags "-X github.com/acme/payments/internal/buildinfo.Version=$VERSION" -o /out/payments ./cmd/payments

FROM runtime-base
COPY --from=build /out/payments /usr/local/bin/payments
USER app:app
ENV TZ=Europe/Berlin
STOPSIGNAL SIGINT
EXPOSE 8080/tcp 8081/tcp
ENTRYPOINT ["/usr/local/bin/payments"]
