# syntax=docker/dockerfile:1.7
FROM rust:1.79-bookworm AS builder
WORKDIR /usr/src/app
COPY Cargo.toml Cargo.lock ./
COPY src ./src
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/usr/src/app/target \
    cargo build --release && cp target/release/server /usr/local/bin/server

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY --from=builder /usr/local/bin/server /usr/local/bin/server
RUN useradd --system app
USER app
ENV PORT=3000 RUST_LOG=info
EXPOSE 3000
HEALTHCHECK CMD ["/usr/local/bin/server", "--healthcheck"]
ENTRYPOINT ["/usr/local/bin/server"]
