FROM golang:1.22-alpine AS build
WORKDIR /app
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go generate ./...
RUN CGO_ENABLED=0 go test ./...
RUN CGO_ENABLED=0 go build -trimpath -tags "prod jsoniter" -ldflags "-s -w" -o /bin/feed ./cmd/feed

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build /bin/feed /feed
ENV GOMEMLIMIT=512MiB GOGC=50
EXPOSE 8080
USER 65534
ENTRYPOINT ["/feed"]
