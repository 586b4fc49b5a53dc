FROM golang:1.22-alpine AS build
WORKDIR /src
COPY services/profile/go.mod services/profile/go.sum ./
RUN go mod download
COPY services/profile/ ./
RUN CGO_ENABLED=0 go build -o /out/profile ./cmd/profile

FROM scratch
COPY --from=build /out/profile /profile
ENTRYPOINT ["/profile"]
