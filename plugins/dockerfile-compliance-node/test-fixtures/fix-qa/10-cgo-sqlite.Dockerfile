FROM golang:1.22-alpine AS builder
RUN apk add --no-cache gcc musl-dev sqlite-dev
WORKDIR /app
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=1 GOOS=linux go build -ldflags '-linkmode external -extldflags "-static"' -o /app/bookmarks ./cmd/bookmarks

FROM alpine:3.20
RUN apk add --no-cache ca-certificates sqlite-libs
COPY --from=builder /app/bookmarks /bookmarks
VOLUME /data
ENV DB_PATH=/data/bookmarks.db
EXPOSE 8080
CMD ["/bookmarks"]
