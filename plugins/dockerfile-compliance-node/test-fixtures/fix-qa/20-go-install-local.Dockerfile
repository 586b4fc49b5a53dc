FROM golang:1.22-alpine AS builder
WORKDIR /go/src/github.com/acme/mailer
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go install ./cmd/mailer

FROM alpine:3.20
RUN apk add --no-cache ca-certificates
COPY --from=builder /go/bin/mailer /usr/local/bin/mailer
EXPOSE 2525 8080
ENTRYPOINT ["mailer"]
CMD ["--smtp-addr=:2525", "--http-addr=:8080"]
