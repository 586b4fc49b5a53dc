FROM golang:1.19-alpine as builder
MAINTAINER Jane Doe <jane@example.com>
ADD . /go/src/shortener
WORKDIR /go/src/shortener
RUN go mod download
RUN CGO_ENABLED=0 GOOS=linux GOARCH=amd64 go build -ldflags="-w -s" -o /go/bin/shortener

FROM alpine:3.18
MAINTAINER Jane Doe <jane@example.com>
RUN apk update && apk add ca-certificates && rm -rf /var/cache/apk/*
ADD config.json /etc/shortener/config.json
COPY --from=builder /go/bin/shortener /go/bin/shortener
EXPOSE 8000
ENTRYPOINT ["/go/bin/shortener", "-c", "/etc/shortener/config.json"]
