FROM golang:1.22-bookworm AS build
WORKDIR /go/src/app
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /go/bin/geoip ./cmd/geoip

FROM debian:12-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates tzdata \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /go/bin/geoip /usr/local/bin/geoip
COPY data/GeoLite2-City.mmdb /usr/share/geoip/GeoLite2-City.mmdb
ENV GEOIP_DB=/usr/share/geoip/GeoLite2-City.mmdb
USER nobody
EXPOSE 8080
ENTRYPOINT /usr/local/bin/geoip -listen :8080
