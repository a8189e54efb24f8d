import rule from '../../../../server/src/core/rules/dockerfile/build-release-run/toolchain-in-final-stage';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'toolchain in the builder only', code: 'FROM python:3.12 AS build\nRUN apt-get update && apt-get install -y build-essential libpq-dev\nRUN pip wheel -r requirements.txt -w /wheels\nFROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends libpq5\n' },
    { name: 'purged in the same RUN', code: 'FROM python:3.12-slim\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends gcc libffi-dev \\\n && pip install -r requirements.txt \\\n && apt-get purge -y gcc libffi-dev \\\n && rm -rf /var/lib/apt/lists/*\n' },
    { name: 'apk virtual group deleted', code: 'FROM node:20-alpine\nRUN apk add --no-cache --virtual .build-deps python3 make g++ \\\n && npm ci \\\n && apk del .build-deps\n' },
    { name: 'runtime libraries', code: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates libssl3 tzdata\n' },
  ],
  invalid: [
    {
      name: 'build-essential left in a single-stage build',
      code: 'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y build-essential libpq-dev\nRUN pip install -r requirements.txt\n',
      errors: [{ line: 2, column: 42, endLine: 2, endColumn: 57, messageId: 'toolchain', message: '`build-essential`, `libpq-dev`' }],
    },
    {
      name: 'apk toolchain in a heredoc',
      code: 'FROM ruby:3.3-alpine\nRUN <<EOF\napk add --no-cache build-base postgresql-dev\nbundle install\nEOF\n',
      errors: [{ line: 3, column: 20, endColumn: 30 }],
    },
    {
      name: 'one purged, one kept; parent stage',
      code: 'FROM debian:bookworm-slim AS base\nRUN apt-get install -y gcc make\nRUN apt-get purge -y gcc\nFROM base\n',
      errors: [{ line: 2, column: 28, endColumn: 32, message: '`make`' }],
    },
  ],
});
