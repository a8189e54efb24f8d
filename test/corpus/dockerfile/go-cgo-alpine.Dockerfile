FROM golang:1.21 AS builder

WORKDIR /go/src/app
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -o /go/bin/app .

FROM alpine:3.19
RUN apk add --no-cache ca-certificates tzdata
COPY --from=builder /go/bin/app /usr/local/bin/app
COPY wait-for-it.sh /usr/local/bin/wait-for-it.sh
ENV APP_HOST=127.0.0.1 PORT=9000
EXPOSE 8080
CMD ["sh", "-c", "wait-for-it.sh db:5432 -t 30 && /usr/local/bin/app -addr 127.0.0.1:8080 > /var/log/app.log 2>&1"]
