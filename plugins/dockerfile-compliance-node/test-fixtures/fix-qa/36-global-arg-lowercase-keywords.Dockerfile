ARG GO_VERSION=1.22
ARG VERSION=dev
FROM golang:${GO_VERSION}-alpine AS build
ARG VERSION
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -tags=jsoniter,prod -ldflags "-X main.version=${VERSION}" -o /out/api ./cmd/api
from alpine:3.20
copy --from=build /out/api /api
label version=${VERSION}
entrypoint ["/api"]
