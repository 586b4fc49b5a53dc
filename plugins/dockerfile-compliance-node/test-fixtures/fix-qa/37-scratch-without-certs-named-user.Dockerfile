FROM golang:1.23-alpine AS builder
WORKDIR /build
COPY go.mod go.sum ./
RUN go mod download && go mod verify
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o exporter ./cmd/exporter

FROM scratch
COPY --from=builder /build/exporter /exporter
USER nobody
EXPOSE 9100
ENTRYPOINT ["/exporter"]
CMD ["--web.listen-address=:9100"]
