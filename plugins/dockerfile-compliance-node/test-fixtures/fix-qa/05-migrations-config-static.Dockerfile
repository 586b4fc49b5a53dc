FROM golang:1.22-alpine AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/billing ./cmd/billing

FROM alpine:3.20
RUN apk add --no-cache ca-certificates && adduser -D -u 10001 app
WORKDIR /app
COPY --from=build /out/billing /app/billing
COPY --from=build /src/db/migrations /app/migrations
COPY --from=build /src/web/static /app/static
COPY configs/production.yaml /etc/billing/config.yaml
USER app
EXPOSE 8080
ENTRYPOINT ["/app/billing", "--config", "/etc/billing/config.yaml", "--migrations-dir", "/app/migrations"]
CMD ["serve", "--http", ":8080"]
