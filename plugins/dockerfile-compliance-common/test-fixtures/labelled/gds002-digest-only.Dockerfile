# syntax=docker/dockerfile:1
FROM golang@sha256:4f8c3aa2d0b5b4d1a8e5b6a3f2d0c9e8b7a6f5e4d3c2b1a09f8e7d6c5b4a3f2e AS build
RUN apk add --no-cache tzdata
WORKDIR /src
COPY go.mod go.sum* ./
RUN go mod download && go mod verify
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app ./cmd/app

FROM scratch
COPY --from=build /usr/share/zoneinfo /usr/share/zoneinfo
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build /etc/passwd /etc/passwd
COPY --from=build /etc/group /etc/group
COPY --from=build /out/app /app
USER 65534:65534
ENTRYPOINT ["/app"]
