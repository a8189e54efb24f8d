import rule from '../../../../server/src/core/rules/dockerfile/dev-prod-parity/constant-platform';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'build platform for a cross-compiling stage', code: 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nFROM gcr.io/distroless/static\n' },
    { name: 'no platform flag', code: 'FROM node:20\n' },
    { name: 'braced target platform', code: 'FROM --platform=${TARGETPLATFORM} alpine:3.20\n' },
    { name: 'build platform for a builder whose output the final stage copies', code: 'FROM --platform=${BUILDPLATFORM} gradle:8-jdk17 AS builder\nRUN gradle shadowJar\nFROM gcr.io/distroless/java17-debian12\nCOPY --from=builder /app/build/libs/app.jar /app.jar\n' },
    { name: 'build platform on a final stage from scratch', code: 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nRUN CGO_ENABLED=0 go build -o /app\nFROM --platform=$BUILDPLATFORM scratch\nCOPY --from=build /app /app\n' },
    {
      // vaultwarden's Dockerfile.debian: the BuildKit check this rule corresponds to is skipped by a parser directive.
      name: 'the BuildKit check skipped by the parser directive',
      code: '# syntax=docker/dockerfile:1\n# check=skip=FromPlatformFlagConstDisallowed,RedundantTargetPlatform\n\nFROM --platform=linux/amd64 docker.io/vaultwarden/web-vault:v2025.7.0 AS vault\nFROM docker.io/library/debian:trixie-slim\nCOPY --from=vault /web-vault ./web-vault\n',
    },
    {
      // vaultwarden's Dockerfile.alpine (no check directive there): the web vault's static files, pulled for amd64.
      name: 'a stage that runs nothing and only hands files on',
      code: 'FROM --platform=linux/amd64 docker.io/vaultwarden/web-vault:v2024.3.1 AS vault\nFROM alpine:3.20\nCOPY --from=vault /web-vault ./web-vault\nCMD ["/start.sh"]\n',
    },
    { name: 'every BuildKit check skipped', code: '# check = skip=all;error=true\nFROM --platform=linux/amd64 node:20\n' },
    { name: 'hadolint ignore comment', code: '# hadolint ignore=DL3029\nFROM --platform=linux/amd64 node:20\n' },
    {
      // As BuildKit: a stage named after its platform is one of a set chosen by FROM build_${TARGETARCH}.
      name: 'stages named after their platforms',
      code: 'FROM --platform=linux/amd64 ghcr.io/blackdex/rust-musl:x86_64-musl-stable AS build_amd64\nFROM --platform=linux/arm64 ghcr.io/blackdex/rust-musl:aarch64-musl-stable AS build_arm64\nFROM build_${TARGETARCH} AS build\nRUN cargo build --release\nFROM alpine:3.20\nCOPY --from=build /app/target/release/app /app\n',
    },
  ],
  invalid: [
    {
      name: 'linux/amd64',
      code: 'FROM --platform=linux/amd64 node:20\n',
      errors: [{ line: 1, column: 17, endColumn: 28, messageId: 'constant', message: '`--platform=linux/amd64`' }],
    },
    {
      name: 'arm64 builder stage',
      code: 'FROM --platform=linux/arm64/v8 python:3.12 AS build\nRUN pip wheel -r requirements.txt -w /wheels\nFROM python:3.12-slim\nCOPY --from=build /wheels /wheels\n',
      errors: [{ line: 1, column: 17, endColumn: 31 }],
    },
    {
      name: 'CRLF',
      code: 'FROM golang:1.22 AS build\r\nFROM --platform=linux/amd64 debian:12\r\n',
      errors: [{ line: 2, column: 17, endColumn: 28 }],
    },
    {
      name: 'build platform on the stage the image runs',
      code: 'FROM --platform=$BUILDPLATFORM node:22 AS build\nRUN npm ci && npm run build\nFROM --platform=$BUILDPLATFORM nginx:1.27-alpine\nCOPY --from=build /app/dist /usr/share/nginx/html\n',
      errors: [{ line: 3, column: 17, endColumn: 31, messageId: 'buildPlatform', message: 'not the target\'s' }],
    },
    {
      name: 'build platform on a stage the final stage is built FROM',
      code: 'FROM --platform=${BUILDPLATFORM} python:3.12-slim AS base\nRUN pip install flask==3.0.3\nFROM base\nCMD ["flask", "run"]\n',
      errors: [{ line: 1, column: 17, messageId: 'buildPlatform' }],
    },
    {
      // As vaultwarden's Dockerfile.alpine, with the build in the stage itself: named arm64, forced to amd64 (BuildKit reports it too).
      name: 'a stage named after another platform than the one it forces',
      code: 'FROM --platform=linux/amd64 ghcr.io/blackdex/rust-musl:aarch64-musl-stable AS build_arm64\nRUN cargo build --release\nFROM alpine:3.20\nCOPY --from=build_arm64 /app /app\n',
      errors: [{ line: 1, column: 17, endColumn: 28 }],
    },
    {
      name: 'a check directive after a blank line is a comment, and one skipping another check does not apply',
      code: '# check=skip=JSONArgsRecommended\n\n# check=skip=FromPlatformFlagConstDisallowed\nFROM --platform=linux/amd64 node:20\n',
      errors: [{ line: 4, column: 17, endColumn: 28 }],
    },
  ],
});
