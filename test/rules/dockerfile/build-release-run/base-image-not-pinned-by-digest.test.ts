import rule from '../../../../server/src/core/rules/dockerfile/build-release-run/base-image-not-pinned-by-digest';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'tag and digest', code: 'FROM python:3.12-slim@sha256:4f5a8c3b2e1d0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a\n' },
    { name: 'scratch and a stage reference', code: 'FROM golang:1.22@sha256:4f5a8c3b2e1d0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a AS build\nFROM build\nFROM scratch\n' },
    { name: 'unknown base', code: 'ARG BASE\nFROM ${BASE}\n' },
  ],
  invalid: [
    { name: 'a version tag', code: 'FROM node:20.15-bookworm-slim\n', errors: [{ line: 1, column: 6, messageId: 'tagOnly', message: 'node:20.15-bookworm-slim' }] },
    { name: 'a base from an ARG default', code: 'ARG PY=3.12\nFROM python:${PY}-slim\n', errors: [{ line: 2, column: 6, messageId: 'tagOnly', message: 'python:3.12-slim' }] },
    { name: 'each stage that pulls', code: 'FROM golang:1.22 AS build\nFROM gcr.io/distroless/static:nonroot\n', errors: [{ line: 1, column: 6, messageId: 'tagOnly' }, { line: 2, column: 6, messageId: 'tagOnly' }] },
  ],
});
