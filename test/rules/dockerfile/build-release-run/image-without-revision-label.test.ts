import rule from '../../../../server/src/core/rules/dockerfile/build-release-run/image-without-revision-label';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'revision from a build argument', code: 'FROM node:20-slim\nARG GIT_SHA\nLABEL org.opencontainers.image.revision=$GIT_SHA\nCMD ["node", "server.js"]\n' },
    { name: 'both labels, braces and quotes', code: 'FROM golang:1.22 AS build\nFROM gcr.io/distroless/static\nARG VERSION=dev\nARG REVISION\nLABEL org.opencontainers.image.version="${VERSION}" \\\n      org.opencontainers.image.revision="${REVISION}"\n' },
    { name: 'through an ENV set from an ARG', code: 'FROM python:3.12-slim\nARG BUILD_SHA\nENV APP_REVISION=$BUILD_SHA\nLABEL org.opencontainers.image.revision=$APP_REVISION\n' },
    { name: 'variable the file does not declare (base image ENV)', code: 'FROM nginx:1.27\nLABEL org.opencontainers.image.version=$NGINX_VERSION\n' },
    { name: 'label in an inherited stage', code: 'FROM node:20-slim AS base\nARG GIT_SHA\nLABEL org.opencontainers.image.revision=$GIT_SHA\nFROM base\nCMD ["node", "server.js"]\n' },
  ],
  invalid: [
    { name: 'no label at all', code: 'FROM node:20-slim\nCMD ["node", "server.js"]\n', errors: [{ line: 1, column: 6, endColumn: 18, messageId: 'missing' }] },
    {
      name: 'literal git SHA',
      code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.revision=4f2a9c1e0b7d\n',
      errors: [{ line: 2, column: 41, endColumn: 53, messageId: 'literal', message: 'the literal `4f2a9c1e0b7d`' }],
    },
    {
      name: 'literal version through a literal ENV',
      code: 'FROM python:3.12-slim\nENV APP_VERSION=1.4.2\nLABEL "org.opencontainers.image.version"=$APP_VERSION\n',
      errors: [{ line: 3, messageId: 'literal', column: 42, message: '`1.4.2`' }],
    },
    {
      name: 'labels only in a builder stage the final image does not inherit',
      code: 'FROM golang:1.22 AS build\nARG GIT_SHA\nLABEL org.opencontainers.image.revision=$GIT_SHA\nFROM gcr.io/distroless/static\nCOPY --from=build /out/app /app\n',
      errors: [{ line: 4, column: 6, messageId: 'missing' }],
    },
  ],
});
