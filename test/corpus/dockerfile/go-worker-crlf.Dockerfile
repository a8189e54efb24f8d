FROM golang:1.22-alpine AS build
RUN apk add --no-cache git
WORKDIR /src
COPY . .
RUN go build -o /bin/worker ./cmd/worker

FROM alpine:3.20
COPY --from=build /bin/worker /usr/local/bin/worker
USER 65532
ENTRYPOINT ["/usr/local/bin/worker"]
CMD ["--queue", "default"]
