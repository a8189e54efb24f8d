import rule from '../../../../server/src/core/rules/dockerfile/build-release-run/build-at-start';
import { testRule } from '../../../helpers/rule-tester';

const LARAVEL = 'FROM php:8.2-fpm\nWORKDIR /var/www\nCOPY . /var/www\nCOPY docker/start-container.sh /usr/local/bin/start-container\nENTRYPOINT ["start-container"]\n';
const startScript = (text: string) => ({ files: { 'docker/start-container.sh': { uri: 'file:///workspace/docker/start-container.sh', text } } });

testRule(rule, {
  valid: [
    { name: 'built at build time, started directly', code: 'FROM node:20-slim\nRUN npm ci && npm run build\nCMD ["node", "dist/server.js"]\n' },
    { name: 'npm start and yarn start', code: 'FROM node:20-slim\nENTRYPOINT ["yarn"]\nCMD ["start"]\n' },
    { name: 'builder stage start command', code: 'FROM golang:1.22 AS build\nCMD go build ./...\nFROM gcr.io/distroless/static-debian12\nENTRYPOINT ["/app"]\n' },
    { name: 'dotnet running a built dll', code: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nENTRYPOINT ["dotnet", "Shop.Api.dll"]\n' },
    { name: 'entrypoint wrapper script with a CMD', code: 'FROM node:20-slim\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["node", "server.js"]\n' },
    { name: 'npm run start:prod', code: 'FROM node:20-slim\nCMD ["npm", "run", "start:prod"]\n' },
    { name: 'an install the script runs only when vendor/ is missing', code: LARAVEL, buildContext: startScript('#!/bin/bash\nif [ ! -d vendor ]; then\n  composer install\nfi\nexec php-fpm\n') },
    { name: "a development image's script installs for the bind mount", code: LARAVEL, filename: 'Dockerfile.dev', buildContext: startScript('#!/bin/bash\ncomposer install\nexec php-fpm\n') },
    { name: 'mix run of a project compiled in a RUN', code: 'FROM elixir:1.17\nWORKDIR /app\nCOPY . .\nRUN mix do deps.get, compile\nCMD ["mix", "run", "--no-halt"]\n' },
    { name: 'mix phx.server told not to compile', code: 'FROM elixir:1.17\nWORKDIR /app\nCOPY . .\nRUN mix deps.get\nCMD ["mix", "phx.server", "--no-compile"]\n' },
    {
      // ali3bdalla/elirp's development Dockerfile: no COPY of the project, a php.ini and the script; `/var/www` is a bind mount.
      name: 'an image that holds no project installs the mounted one at start',
      code: 'FROM php:8.3-fpm\nCOPY --from=composer:2 /usr/bin/composer /usr/bin/composer\nWORKDIR /var/www\nCOPY memory-limit-php.ini /usr/local/etc/php/conf.d/\nCOPY ./docker/start-container.sh /usr/local/bin/start-container\nENTRYPOINT ["start-container"]\n',
      buildContext: startScript('#!/bin/sh\nset -e\ncomposer install\nexec php-fpm\n'),
    },
    { name: 'a start command that installs in an image holding no project (a Compose volume holds the code)', code: 'FROM node:20\nWORKDIR /app\nCMD npm install && npm run start\n' },
    {
      name: 'uv run with --no-sync, with UV_NO_SYNC set, or after a sync of every group',
      code: 'FROM python:3.13-slim AS a\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --frozen --no-dev\nCMD ["uv", "run", "--no-sync", "uvicorn", "app:app"]\nFROM python:3.13-slim AS b\nENV UV_NO_SYNC=1\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --frozen --no-dev\nCMD ["uv", "run", "uvicorn", "app:app"]\nFROM python:3.13-slim\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --frozen\nCMD ["uv", "run", "uvicorn", "app:app"]\n',
    },
    { name: "the Nest CLI's watch mode is a development server, reported by dev-server", code: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["nest", "start", "--watch"]\n' },
  ],
  invalid: [
    {
      name: 'ENTRYPOINT yarn with CMD install is joined',
      code: 'FROM node:20\nCOPY . .\nENTRYPOINT ["yarn"]\nCMD ["install"]\n',
      errors: [{ line: 3, column: 13, endLine: 4, endColumn: 15 }],
    },
    {
      name: 'npm install before start',
      code: 'FROM node:20\nCOPY . .\nCMD npm install && npm start\n',
      errors: [{ line: 3, column: 5, endLine: 3, endColumn: 16, messageId: 'buildAtStart', message: '`npm install`' }],
    },
    {
      name: 'exec-form dotnet run',
      code: 'FROM mcr.microsoft.com/dotnet/sdk:8.0\nCOPY src/ src/\nENTRYPOINT ["dotnet", "run", "--project", "src/Api"]\n',
      errors: [{ line: 3, column: 13, endColumn: 28 }],
    },
    {
      name: 'pip install and build script in sh -c, inherited',
      code: 'FROM python:3.12 AS base\nCOPY . .\nCMD ["sh", "-c", "pip install -r requirements.txt && python -m app"]\nFROM base\n',
      errors: [{ line: 3, column: 19, endColumn: 30 }],
    },
    {
      name: 'npm run build and go run',
      code: 'FROM golang:1.22\r\nCOPY . .\r\nCMD npm run build && go run ./cmd/server\r\n',
      errors: [{ line: 3, column: 5, endColumn: 18, message: 'npm run build' }, { line: 3, column: 22, endColumn: 28, message: 'go run' }],
    },
    {
      name: "dashy's `yarn build-and-start`: the app is built again at every start, then served",
      code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . ./\nRUN yarn install --frozen-lockfile && yarn build\nCMD ["yarn", "build-and-start"]\n',
      errors: [{ line: 5, column: 6, message: 'yarn build-and-start' }],
    },
    {
      name: "an entrypoint script that installs on every start (tall-admin's start-container.sh)",
      code: LARAVEL,
      buildContext: startScript('#!/bin/bash\nchmod -R ug+rwx storage\ncomposer install\nservice cron start\nphp-fpm\n'),
      errors: [{ line: 5, column: 13, endColumn: 30, messageId: 'inScript', message: '`docker/start-container.sh` runs `composer install`', relatedLines: [3] }],
    },
    {
      // polnio/proxy-tcp-udp: the build fetches the dependencies only; Mix compiles the project at each start.
      name: 'mix run of a project no RUN compiles',
      code: 'FROM elixir:1.16\nWORKDIR /app\nCOPY . .\nRUN mix local.hex --force && mix deps.get\nCMD mix run --no-halt\n',
      errors: [{ line: 5, column: 5, endColumn: 12, messageId: 'compilesAtStart', message: '`mix run` compiles the project at every container start' }],
    },
    {
      name: 'an image that fetches its project in a RUN holds one',
      code: 'FROM php:8.3-fpm\nRUN git clone https://github.com/example/app.git /var/www\nCOPY ./docker/start-container.sh /usr/local/bin/start-container\nENTRYPOINT ["start-container"]\n',
      buildContext: startScript('#!/bin/sh\ncomposer install\nexec php-fpm\n'),
      errors: [{ line: 4, column: 13, messageId: 'inScript' }],
    },
    {
      name: 'an image that copies an artefact built in another stage holds a project',
      code: 'FROM node:20 AS build\nCOPY . .\nRUN npm ci && npm run build\nFROM node:20-slim\nCOPY --from=build /dist /app\nCMD npm install && node /app/server.js\n',
      errors: [{ line: 6, column: 5, endColumn: 16, message: '`npm install`' }],
    },
    {
      // Sogang-Computer-Club/sogangcomputerclub.org: every start installs pytest, httpx and locust.
      name: 'uv run in an image whose uv sync left the development group out',
      code: 'FROM python:3.13-slim AS builder\nCOPY --from=ghcr.io/astral-sh/uv:0.5.4 /uv /usr/local/bin/uv\nWORKDIR /code\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --frozen --no-dev\nFROM python:3.13-slim\nCOPY --from=ghcr.io/astral-sh/uv:0.5.4 /uv /usr/local/bin/uv\nWORKDIR /code\nCOPY --from=builder /code/.venv /code/.venv\nCOPY . .\nCMD ["uv", "run", "uvicorn", "app.main:app", "--host", "0.0.0.0"]\n',
      errors: [{ line: 11, column: 6, endColumn: 17, messageId: 'uvSyncsAtStart', message: '`uv run` syncs the project before it runs: at every container start' }],
    },
    {
      // lanceberge/vue-laravel-template (review set 96): the autoloader rebuilt at every start.
      name: "Composer's autoloader dumped by the entrypoint script",
      code: LARAVEL,
      buildContext: startScript('#!/bin/sh\nset -e\ncomposer dump-autoload --optimize\nexec php-fpm\n'),
      errors: [{ line: 5, column: 13, messageId: 'inScript', message: 'runs `composer dump-autoload` at every container start' }],
    },
    {
      // georas94/symfony_docker_aws and luizrgf2/Tag-Stock (review set 97): Composer's alias, and the Nest CLI's compile.
      name: "composer's install alias and the Nest CLI compile at every start",
      code: 'FROM php:8.3-fpm AS php\nCMD composer i -o ; php-fpm\nFROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["nest", "start"]\n',
      errors: [{ line: 7, column: 6, messageId: 'buildAtStart', message: '`nest start` runs at every container start' }],
    },
    {
      name: "composer's alias in the final image's start command",
      code: 'FROM php:8.3-fpm\nWORKDIR /var/www\nCOPY . .\nCMD composer i -o ; php-fpm\n',
      errors: [{ line: 4, column: 5, messageId: 'buildAtStart', message: '`composer i` runs at every container start' }],
    },
  ],
});
