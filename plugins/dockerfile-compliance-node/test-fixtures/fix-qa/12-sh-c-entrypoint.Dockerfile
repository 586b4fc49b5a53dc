FROM golang:1.22-alpine AS build
WORKDIR /app
COPY . .
RUN CGO_ENABLED=0 go build -o /app/chat ./cmd/chat

FROM alpine:3.20
COPY --from=build /app/chat /chat
ENV PORT=8080
EXPOSE 8080
ENTRYPOINT ["sh", "-c", "/chat --port=${PORT}"]
