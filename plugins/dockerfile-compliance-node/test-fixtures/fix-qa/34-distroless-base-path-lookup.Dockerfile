FROM golang:1.22-alpine AS base
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download

FROM base AS build
COPY . .
RUN --mount=type=cache,target=/root/.cache/go-build CGO_ENABLED=0 go build -o /bin/app cmd/api/main.go

FROM gcr.io/distroless/base-debian12
COPY --from=build /bin/app /
ENV PATH=/:$PATH
USER nonroot
CMD ["app", "serve"]
