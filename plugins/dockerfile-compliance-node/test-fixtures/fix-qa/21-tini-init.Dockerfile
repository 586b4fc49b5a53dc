FROM golang:1.22-alpine AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /bin/scheduler ./cmd/scheduler

FROM alpine:3.20
RUN apk add --no-cache tini ca-certificates
COPY --from=build /bin/scheduler /bin/scheduler
ENTRYPOINT ["/sbin/tini", "--"]
CMD ["/bin/scheduler"]
