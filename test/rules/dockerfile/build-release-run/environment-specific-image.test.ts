import rule from '../../../../server/src/core/rules/dockerfile/build-release-run/environment-specific-image';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'versioned base', code: 'FROM registry.example.com/acme/base:2.3.1\n' },
    { name: 'Chainguard dev variant and a cgr.dev registry', code: 'FROM cgr.dev/chainguard/node:latest-dev\n' },
    { name: 'environment base only in a builder stage', code: 'FROM acme/build-tools:staging AS build\nRUN make\nFROM acme/runtime:1.4.0\n' },
    { name: 'version and commit labels', code: 'FROM node:20-slim\nLABEL org.opencontainers.image.version=1.4.0 org.opencontainers.image.revision=3f2a9c1\n' },
    { name: "an image's production flavour after its version (dmitryrck/organize2's own ruby image)", code: 'FROM dmitryrck/ruby:2.7.2-prod\nCOPY . /app\nENTRYPOINT ["/app/docker-entrypoint.sh"]\n' },
  ],
  invalid: [
    {
      name: 'staging tag',
      code: 'FROM registry.example.com/acme/base:staging\nCOPY . /app\n',
      errors: [{ line: 1, column: 6, endLine: 1, endColumn: 44, messageId: 'baseImage', message: 'staging' }],
    },
    {
      name: 'prod repository from an ARG default',
      code: 'ARG BASE=acme/node-app-prod:1.2\nFROM ${BASE}\n',
      errors: [{ line: 2, column: 6, endColumn: 13, message: 'prod' }],
    },
    {
      name: 'environment label, CRLF',
      code: 'FROM python:3.12-slim\r\nLABEL maintainer="ops@example.com" environment="production"\r\n',
      errors: [{ line: 2, column: 48, endColumn: 60, messageId: 'label' }],
    },
    { name: 'a production tag with no version', code: 'FROM acme/base:latest-prod\nCMD ["./app"]\n', errors: [{ line: 1, column: 6, messageId: 'baseImage', message: 'prod environment' }] },
  ],
});
