import rule from '../../../../server/src/core/rules/dockerfile/build-release-run/toolchain-in-final-stage';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'toolchain in the builder only', code: 'FROM python:3.12 AS build\nRUN apt-get update && apt-get install -y build-essential libpq-dev\nRUN pip wheel -r requirements.txt -w /wheels\nFROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends libpq5\n' },
    { name: 'purged in the same RUN', code: 'FROM python:3.12-slim\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends gcc libffi-dev \\\n && pip install -r requirements.txt \\\n && apt-get purge -y gcc libffi-dev \\\n && rm -rf /var/lib/apt/lists/*\n' },
    { name: 'apk virtual group deleted', code: 'FROM node:20-alpine\nRUN apk add --no-cache --virtual .build-deps python3 make g++ \\\n && npm ci \\\n && apk del .build-deps\n' },
    { name: 'official-image cleanup idiom: apt-mark auto then purge --auto-remove', code: 'FROM debian:bookworm-slim\nRUN set -eux; \\\n  savedAptMark="$(apt-mark showmanual)"; \\\n  apt-get update; apt-get install -y --no-install-recommends gcc make libssl-dev; \\\n  make install; \\\n  apt-mark auto \'.*\' > /dev/null; \\\n  apt-mark manual $savedAptMark; \\\n  apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false\nCMD ["app"]\n' },
    { name: 'a base image that starts nothing of its own', code: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y build-essential\n' },
    { name: 'a language image whose command is the bare interpreter', code: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y gcc libffi-dev\nCMD ["python3"]\n' },
    { name: 'an image whose purpose is to run make', code: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y build-essential protobuf-compiler\nENTRYPOINT ["make"]\n' },
    { name: 'runtime libraries', code: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates libssl3 tzdata\n' },
    { name: 'a last stage for development after the production stage (forem: built with --target production)', code: 'FROM ruby:3.3 AS builder\nRUN dnf install -y gcc libffi-devel libxml2-devel\nRUN bundle install\nFROM ruby:3.3-slim AS production\nRUN dnf install -y libcurl tzdata\nCOPY --from=builder /opt/app /opt/app\nCMD ["bundle", "exec", "rails", "server"]\nFROM builder AS testing\nCMD ["bundle", "exec", "rspec"]\nFROM builder AS development\nCMD ["bundle", "exec", "rails", "server"]\n' },
    { name: 'a Dockerfile.dev that builds in place (fastapi-nextjs reference)', filename: 'src/fastapi/Dockerfile.dev', code: 'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev\nCOPY . /app\nCMD ["uvicorn", "app.main:app", "--reload"]\n' },
  ],
  invalid: [
    {
      name: 'build-essential left in a single-stage build',
      code: 'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y build-essential libpq-dev\nRUN pip install -r requirements.txt\nCMD ["gunicorn", "app:app"]\n',
      errors: [{ line: 2, column: 42, endLine: 2, endColumn: 57, messageId: 'toolchain', message: '`build-essential`, `libpq-dev`' }],
    },
    {
      name: 'apk toolchain in a heredoc',
      code: 'FROM ruby:3.3-alpine\nRUN <<EOF\napk add --no-cache build-base postgresql-dev\nbundle install\nEOF\nCMD ["bundle", "exec", "puma"]\n',
      errors: [{ line: 3, column: 20, endColumn: 30 }],
    },
    {
      name: 'one purged, one kept; parent stage',
      code: 'FROM debian:bookworm-slim AS base\nRUN apt-get install -y gcc make\nRUN apt-get purge -y gcc\nFROM base\nCMD ["/usr/local/bin/server"]\n',
      errors: [{ line: 2, column: 28, endColumn: 32, message: '`make`' }],
    },
    {
      name: 'the production stage is judged when a development stage follows it',
      code: 'FROM ruby:3.3 AS builder\nRUN bundle install\nFROM ruby:3.3-slim AS production\nRUN apt-get update && apt-get install -y build-essential\nCMD ["bundle", "exec", "rails", "server"]\nFROM production AS development\nCMD ["bundle", "exec", "rails", "server"]\n',
      errors: [{ line: 4, column: 42, endColumn: 57, message: '`build-essential`' }],
    },
    {
      // iMega/stock-miner: Alpine's build meta-package (gcc, make, musl-dev) in the only stage.
      name: 'alpine-sdk in the final stage',
      code: 'FROM golang:1.22-alpine\nRUN apk add --no-cache alpine-sdk git\nCOPY . /src\nRUN cd /src && go build -o /app .\nCMD ["/app"]\n',
      errors: [{ line: 2, column: 24, endColumn: 34, message: '`alpine-sdk`' }],
    },
    {
      // ThinkThinkAI/ThinkDB (review set 87): MariaDB's headers under the name of MySQL's.
      name: 'a development package with a compatibility suffix',
      code: 'FROM ruby:3.3-slim\nRUN apt-get update && apt-get install -y libmariadb-dev-compat\nCMD ["bundle", "exec", "puma"]\n',
      errors: [{ line: 2, column: 42, endColumn: 63, message: '`libmariadb-dev-compat`' }],
    },
  ],
});
