# syntax=docker/dockerfile:1
from golang:1.26.8-alpine3.23 as build
run apk add --no-cache tzdata
workdir /src
copy go.mod go.sum* ./
run go mod download && go mod verify
copy . .
run CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app ./cmd/app

from scratch
copy --from=build /usr/share/zoneinfo /usr/share/zoneinfo
copy --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
copy --from=build /out/app /app
user 65534:65534
entrypoint ["/app"]
