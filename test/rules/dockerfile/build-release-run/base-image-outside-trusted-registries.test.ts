import rule from '../../../../server/src/core/rules/dockerfile/build-release-run/base-image-outside-trusted-registries';
import { testRule } from '../../../helpers/rule-tester';

const trusted = { trustedRegistries: ['gcr.io/distroless', 'docker.io/library', 'registry.acme.internal:5000'] };

testRule(rule, {
  valid: [
    { name: 'no allow-list: silent', code: 'FROM quay.io/someone/base:1\n' },
    { name: 'official images and a listed prefix', code: 'FROM golang:1.22 AS build\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\n', configuration: trusted },
    { name: 'registry with a port', code: 'FROM registry.acme.internal:5000/base/python:3.12\n', configuration: trusted },
    { name: 'scratch and a stage reference', code: 'FROM golang:1.22 AS build\nFROM build AS test\nFROM scratch\n', configuration: trusted },
    { name: 'base left to an ARG without a default', code: 'ARG BASE\nFROM ${BASE}\n', configuration: trusted },
  ],
  invalid: [
    {
      name: 'a Docker Hub user image',
      code: 'FROM bitnami/node:20\n',
      configuration: trusted,
      errors: [{ line: 1, column: 6, endColumn: 21, messageId: 'untrusted', message: 'bitnami/node:20' }],
    },
    {
      name: 'an ARG default names the registry',
      code: 'ARG REGISTRY=ghcr.io/someone\nFROM ${REGISTRY}/base:2\n',
      configuration: trusted,
      errors: [{ line: 2, column: 6, messageId: 'untrusted', message: 'ghcr.io/someone/base:2' }],
    },
    {
      name: 'a listed prefix matches whole segments only',
      code: 'FROM gcr.io/distroless-fork/static:1\n',
      configuration: trusted,
      errors: [{ line: 1, column: 6, messageId: 'untrusted' }],
    },
  ],
});
