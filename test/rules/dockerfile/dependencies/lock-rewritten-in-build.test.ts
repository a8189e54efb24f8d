import rule from '../../../../server/src/core/rules/dockerfile/dependencies/lock-rewritten-in-build';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    {
      name: 'Go: the committed module downloaded, then built',
      code: 'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n',
    },
    { name: 'Go: a module the build makes itself', code: 'FROM golang:1.22\nWORKDIR /src\nCOPY main.go ./\nRUN go mod init example.com/hello && go mod tidy && go build -o /hello .\nCMD ["/hello"]\n' },
    { name: 'Go: the module made in an earlier RUN of the stage it is built FROM', code: 'FROM golang:1.22 AS base\nWORKDIR /src\nRUN go mod init example.com/tool\nFROM base\nCOPY *.go ./\nRUN go mod tidy && go build -o /tool .\n' },
    { name: 'go get -u of a named tool (GOPATH mode)', code: 'FROM golang:1.12\nRUN go get -u github.com/golang/dep/cmd/dep\nCOPY Gopkg.toml Gopkg.lock ./\nRUN dep ensure -vendor-only\n' },
    { name: 'npm updating itself globally, then installing from the lock', code: 'FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm update -g npm && npm ci --omit=dev\n' },
    { name: 'an update before any lock is copied (manifest-without-lockfile speaks there)', code: 'FROM node:20-slim\nCOPY package.json ./\nRUN npm update\n' },
    {
      name: 'a stage that only produces a fresh lock, which the image does not copy',
      code: 'FROM node:20 AS refresh-lock\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm update\nFROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCMD ["node", "server.js"]\n',
    },
    { name: 'pipenv lock -r prints requirements', code: 'FROM python:3.8\nCOPY Pipfile Pipfile.lock ./\nRUN pip install pipenv==2022.1.8 && pipenv lock -r > requirements.txt && pip install -r requirements.txt\n' },
    { name: 'a test stage nothing runs or copies', code: 'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /out/app .\nFROM build AS test\nRUN go mod tidy && go vet ./... && go test ./...\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n' },
    { name: 'go mod tidy on go.mod alone, then the committed module copied back', code: 'FROM golang:1.24-alpine AS build\nWORKDIR /app\nCOPY go.mod ./\nRUN go mod tidy\nCOPY . .\nRUN CGO_ENABLED=0 go build -o server .\nFROM alpine:3.21\nCOPY --from=build /app/server /server\nCMD ["/server"]\n' },
    { name: 'go mod tidy with nothing copied in (it fails: no go.mod)', code: 'FROM golang:1.21.3\nRUN mkdir /app\nWORKDIR /app\nRUN go mod tidy\nCMD ["./main"]\n' },
    { name: 'composer install from the lock', code: 'FROM composer:2 AS vendor\nCOPY composer.json composer.lock ./\nRUN composer install --no-dev --no-scripts\nFROM php:8.3-fpm\nCOPY --from=vendor /app/vendor /var/www/vendor\n' },
    // gatus: a check that the committed go.mod and go.sum are tidy, not a rewrite.
    { name: 'go mod tidy -diff writes nothing and fails on an untidy module', code: 'FROM golang:1.23-alpine AS builder\nWORKDIR /app\nCOPY . ./\nRUN go mod tidy -diff\nRUN CGO_ENABLED=0 go build -o gatus .\nFROM scratch\nCOPY --from=builder /app/gatus /gatus\nENTRYPOINT ["/gatus"]\n' },
  ],
  invalid: [
    {
      name: 'go mod tidy after copying the whole module',
      code: 'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go mod tidy && go build -o /out/app ./cmd/app\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n',
      errors: [{ line: 4, column: 5, endLine: 4, endColumn: 16, messageId: 'goTidy', message: '`go mod tidy` rewrites go.mod and go.sum during the build' }],
    },
    {
      name: 'composer update with the lock copied',
      code: 'FROM php:8.3-apache\nCOPY --from=composer:2 /usr/bin/composer /usr/bin/composer\nWORKDIR /var/www/html\nCOPY composer.json composer.lock ./\nRUN composer update --no-dev --prefer-dist\n',
      errors: [{ line: 5, column: 5, endColumn: 20, messageId: 'rewrites', message: 'rewrites the committed composer.lock' }],
    },
    {
      name: 'npm update after npm ci, the lock copied by a glob',
      code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci && npm update\nCOPY . .\nCMD ["node", "server.js"]\n',
      errors: [{ line: 4, column: 15, endColumn: 25, message: '`npm ci`' }],
    },
    {
      name: 'go get -u of the module, and cargo update in the stage the image is built FROM',
      code: 'FROM golang:1.22 AS gobuild\nWORKDIR /src\nCOPY go.mod go.sum ./\nCOPY . .\nRUN go get -u ./... && go build -o /out/svc .\nFROM rust:1.83 AS base\nWORKDIR /usr/src/app\nCOPY Cargo.toml Cargo.lock ./\nRUN cargo update && cargo build --release --locked\nFROM base\nCOPY --from=gobuild /out/svc /usr/local/bin/svc\nCMD ["./target/release/app"]\n',
      errors: [
        { line: 5, column: 5, endColumn: 14, messageId: 'goGet' },
        { line: 9, column: 5, endColumn: 17, message: 'Cargo.lock' },
      ],
    },
    {
      name: 'go mod tidy in one target of a multi-image Dockerfile (the final stage is another image)',
      code: 'FROM golang:1.22-alpine AS tui\nWORKDIR /app\nCOPY apps/tui/ .\nRUN go mod tidy\nRUN go build -o tui .\nCMD ["./tui"]\n\nFROM postgres:16-alpine AS postgres\nCOPY database/setup.sql /docker-entrypoint-initdb.d/init.sql\n',
      errors: [{ line: 4, column: 5, endColumn: 16, messageId: 'goTidy' }],
    },
  ],
});
