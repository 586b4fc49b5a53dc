FROM golang:1.22-alpine AS build
RUN apk add --no-cache make git
WORKDIR /src
COPY . .
RUN make build

FROM alpine:3.20
COPY --from=build /src/bin/proxy /usr/local/bin/proxy
ENTRYPOINT ["proxy"]
