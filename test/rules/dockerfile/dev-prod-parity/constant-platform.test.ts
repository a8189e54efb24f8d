import rule from '../../../../server/src/core/rules/dockerfile/dev-prod-parity/constant-platform';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'build platform for a cross-compiling stage', code: 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nFROM gcr.io/distroless/static\n' },
    { name: 'no platform flag', code: 'FROM node:20\n' },
    { name: 'braced target platform', code: 'FROM --platform=${TARGETPLATFORM} alpine:3.20\n' },
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
  ],
});
