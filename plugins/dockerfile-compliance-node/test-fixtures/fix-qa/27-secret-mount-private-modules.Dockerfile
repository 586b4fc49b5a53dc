# syntax=docker/dockerfile:1
FROM golang:1.22-alpine AS build
RUN apk add --no-cache git
ENV GOPRIVATE=github.com/acme/*
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=secret,id=netrc,target=/root/.netrc go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/billing-sync ./cmd/billing-sync

FROM gcr.io/distroless/static-debian12
COPY --from=build /out/billing-sync /billing-sync
ENTRYPOINT ["/billing-sync"]
