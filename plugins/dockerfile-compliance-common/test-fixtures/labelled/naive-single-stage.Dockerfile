FROM golang:1.26-alpine
WORKDIR /src
COPY . .
RUN go build -o /app ./cmd/app
CMD /app
