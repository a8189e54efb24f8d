import rule from '../../../../server/src/core/rules/dockerfile/dev-prod-parity/constant-platform';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'build platform for a cross-compiling stage', code: 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nFROM gcr.io/distroless/static\n' },
    { name: 'no platform flag', code: 'FROM node:20\n' },
    { name: 'braced target platform', code: 'FROM --platform=${TARGETPLATFORM} alpine:3.20\n' },
    { name: 'build platform for a builder whose output the final stage copies', code: 'FROM --platform=${BUILDPLATFORM} gradle:8-jdk17 AS builder\nRUN gradle shadowJar\nFROM gcr.io/distroless/java17-debian12\nCOPY --from=builder /app/build/libs/app.jar /app.jar\n' },
    { name: 'build platform on a final stage from scratch', code: 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nRUN CGO_ENABLED=0 go build -o /app\nFROM --platform=$BUILDPLATFORM scratch\nCOPY --from=build /app /app\n' },
  ],
  invalid: [
    {
      name: 'linux/amd64',
      code: 'FROM --platform=linux/amd64 node:20\n',
      errors: [{ line: 1, column: 17, endColumn: 28, messageId: 'constant', message: '`--platform=linux/amd64`' }],
    },
    {
      name: 'arm64 builder stage',
      code: 'FROM --platform=linux/arm64/v8 python:3.12 AS build\nFROM python:3.12-slim\n',
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
  ],
});
