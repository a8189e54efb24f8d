import rule from '../../../../server/src/core/rules/dockerfile/dependencies/unpinned-base-image';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'tagged images and a stage reference', code: 'FROM node:20-alpine AS build\nRUN npm ci\nFROM build AS test\nFROM node:20-alpine\n' },
    {
      name: 'COPY --from a stage (by name or index), a pinned image, a named build context',
      code: 'FROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=build /app /app\nCOPY --from=0 /etc/x /etc/x\nCOPY --from=gcr.io/distroless/static-debian12:nonroot /etc/passwd /etc/passwd\nCOPY --from=docker/buildx-bin@sha256:4f5a8c3b2e1d0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a /buildx /usr/libexec/docker/cli-plugins/docker-buildx\nCOPY --from=deps /node_modules /node_modules\n',
    },
    { name: 'digest without a tag', code: 'FROM python@sha256:4f5a8c3b2e1d0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a\n' },
    { name: 'scratch', code: 'FROM golang:1.22 AS build\nFROM scratch\nCOPY --from=build /app /app\n' },
    { name: 'ARG default with a tag', code: 'ARG NODE_VERSION=20.15\nFROM node:${NODE_VERSION}-slim\n' },
    { name: 'ARG without a default is unknown, not a finding', code: 'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n' },
    { name: 'escape directive and a registry with a port', code: '# escape=`\nFROM registry.local:5000/windows/servercore:ltsc2022\n' },
    {
      // Charliecloud's examples and cross-rs CI images: built by the project's other Dockerfiles, which are checked on their own.
      name: 'single-word names no registry resolves: images the project builds itself',
      code: 'FROM openmpi\nRUN make\nFROM rust-x86_64-unknown-linux-gnu\nFROM rcheckdeb:latest\n',
    },
    {
      name: 'variants with a version, and a tag naming an environment (environment-specific-image speaks of it)',
      code: 'FROM node:20-alpine AS build\nFROM redis:7.2-alpine AS cache\nFROM debian:testing\n',
    },
    {
      name: "a tag built with BuildKit's \${VAR/pattern/replacement}, which the linter does not expand (gotify)",
      code: 'ARG GO_VERSION=1.24.1\nARG __TARGETPLATFORM_DASHES=\${TARGETPLATFORM/\\//-}\nARG __TARGETPLATFORM_GO_NOTATION=\${__TARGETPLATFORM_DASHES/arm\\/v7/arm-7}\nFROM --platform=\${BUILDPLATFORM} gotify/build:\${GO_VERSION}-\${__TARGETPLATFORM_GO_NOTATION} AS builder\nRUN make build\n',
    },
    { name: 'a version before the variant, and a channel-like word that is part of a version', code: 'FROM node:20-alpine\nFROM python:3.12-slim-bookworm\nFROM ghcr.io/acme/tool:stable-20240101\nFROM eclipse-temurin:21-jre-alpine\n' },
    { name: '`latest-` before one release or a dated build', code: 'FROM example/tool:latest-1.4.2 AS a\nFROM example/tool:latest-20240611\n' },
    { name: "a distribution's own codename is its version", code: 'FROM debian:bookworm-slim\nFROM ubuntu:jammy\nFROM buildpack-deps:bookworm\nCMD ["bash"]\n' },
  ],
  invalid: [
    {
      // docker/awesome-compose: 19 Dockerfiles copy the Docker tools into a dev-environment stage this way.
      name: 'an untagged image a COPY --from takes files from',
      code: 'FROM python:3.10-alpine AS builder\nFROM builder AS dev-envs\nCOPY --from=gloursdocker/docker / /\nCMD ["python3", "app.py"]\n',
      errors: [{ line: 3, column: 13, endColumn: 32, messageId: 'untagged' }],
    },
    {
      name: 'COPY --from an image with latest, through an ARG default',
      code: 'ARG TOOLS=example/tools:latest\nFROM debian:12.6-slim\nCOPY --from=${TOOLS} /bin/tool /usr/local/bin/tool\n',
      errors: [{ line: 3, column: 13, messageId: 'latest' }],
    },
    {
      name: 'no tag',
      code: 'FROM ubuntu\nRUN apt-get update\n',
      errors: [{ line: 1, column: 6, endLine: 1, endColumn: 12, messageId: 'untagged' }],
    },
    {
      name: 'official images and Podman short names are pulled from a registry, however rare',
      code: 'FROM archlinux\nFROM r-base:latest\nFROM ubi9-minimal\nFROM jenkins\n',
      errors: [
        { line: 1, column: 6, endColumn: 15, messageId: 'untagged', message: '`archlinux`' },
        { line: 2, column: 13, endColumn: 19, messageId: 'latest', message: '`r-base:latest`' },
        { line: 3, column: 6, endColumn: 18, messageId: 'untagged', message: '`ubi9-minimal`' },
        { line: 4, column: 6, endColumn: 13, messageId: 'untagged', message: '`jenkins`' },
      ],
    },
    {
      // Ansible's test images (`…-test-container:main`) and rstudio/plumber:next in the Debian review; the same tags in a manifest were already reported.
      name: 'branch, channel and variant tags move like latest',
      code: 'FROM quay.io/ansible/ubuntu2204-test-container:main\nFROM node:lts AS build\nFROM nginx:alpine\n',
      errors: [
        { line: 1, column: 48, endColumn: 52, messageId: 'moving', message: 'moving tag `main`' },
        { line: 2, column: 11, endColumn: 14, messageId: 'moving', message: 'moving tag `lts`' },
        { line: 3, column: 12, endColumn: 18, messageId: 'moving', message: 'moving tag `alpine`' },
      ],
    },
    {
      name: 'latest tag in a builder stage',
      code: 'FROM node:latest AS build\nRUN npm ci\nFROM node:20-slim\n',
      errors: [{ line: 1, column: 11, endLine: 1, endColumn: 17, messageId: 'latest' }],
    },
    {
      name: 'latest from an ARG default is reported on the whole reference',
      code: 'ARG TAG=latest\nFROM python:${TAG}\n',
      errors: [{ line: 2, column: 6, endColumn: 19, messageId: 'latest', message: 'python:latest' }],
    },
    {
      name: 'untagged image from an ARG, with a platform flag, CRLF',
      code: 'ARG BASE=mcr.microsoft.com/dotnet/aspnet\r\nFROM --platform=$BUILDPLATFORM ${BASE} AS final\r\n',
      errors: [{ line: 2, column: 32, endColumn: 39, messageId: 'untagged' }],
    },
    {
      name: 'a channel built on a variant (homebox: node:lts-alpine)',
      code: 'FROM node:lts-alpine AS frontend\nFROM node:current-bookworm-slim AS tools\nFROM golang:latest-alpine3.20\n',
      errors: [
        { line: 1, column: 11, endColumn: 21, messageId: 'moving', message: 'moving tag `lts-alpine`' },
        { line: 2, column: 11, endColumn: 32, messageId: 'moving', message: 'moving tag `current-bookworm-slim`' },
        { line: 3, column: 13, endColumn: 30, messageId: 'moving', message: 'moving tag `latest-alpine3.20`' },
      ],
    },
    {
      // curiousdev-io/aws-lambda-container-images: Chainguard's development variant of its latest image, as a builder.
      name: "Chainguard's latest-dev",
      code: 'FROM cgr.dev/chainguard/python:latest-dev AS builder\nRUN pip install --target /app/packages awslambdaric==3.0.2\nFROM cgr.dev/chainguard/python:3.13\nCOPY --from=builder /app/packages /var/task\n',
      errors: [{ line: 1, column: 32, endColumn: 42, messageId: 'moving', message: 'moving tag `latest-dev`' }],
    },
    {
      // AngerM/rust_echo: the newest cargo-chef on the newest Rust 1.x.
      name: '`latest-` before a line of releases',
      code: 'FROM lukemathwalker/cargo-chef:latest-rust-1 AS chef\nFROM debian:bookworm-slim\n',
      errors: [{ line: 1, column: 32, endColumn: 45, messageId: 'moving', message: 'moving tag `latest-rust-1`' }],
    },
    {
      // PeterAronZentai/aca42-frontend (review set 83): the newest Node release built on Debian 11, and on Alpine 3.19.
      name: "a language image tagged only with the distribution it is built on",
      code: 'FROM node:20.15-alpine AS build\nRUN npm ci\nFROM node:bullseye-slim AS production\nCOPY --from=build /app /app\nFROM python:alpine3.19\nCMD ["node", "server.js"]\n',
      errors: [
        { line: 3, column: 11, endColumn: 24, messageId: 'moving', message: 'moving tag `bullseye-slim`' },
        { line: 5, column: 13, endColumn: 23, messageId: 'moving', message: 'moving tag `alpine3.19`' },
      ],
    },
    {
      // vancanhuit/url-shortener-api (review set 95): distroless publishes no version tags, so a digest is the pin.
      name: 'an image published without version tags is asked for a digest',
      code: 'FROM golang:1.23 AS build\nRUN go build -o /api ./cmd/api\nFROM gcr.io/distroless/base-debian12\nCOPY --from=build /api /\nFROM gcr.io/distroless/static-debian12:latest\nENTRYPOINT ["/api"]\n',
      errors: [
        { line: 3, column: 6, messageId: 'digestOnly', message: '`gcr.io/distroless/base-debian12` has no tag (it means `latest`), so it changes over time; this image is published without version tags, so pin a digest' },
        { line: 5, column: 40, messageId: 'digestOnly', message: '`gcr.io/distroless/static-debian12:latest` uses the tag `latest`' },
      ],
    },
  ],
});
