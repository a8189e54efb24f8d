import rule from '../../../../server/src/core/rules/dockerfile/config/literal-secret-arg';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'declared without a default', code: 'FROM node:20-slim\nARG NPM_TOKEN\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n' },
    { name: 'harmless defaults', code: 'ARG NODE_VERSION=20\nFROM node:${NODE_VERSION}-slim\nARG TOKEN_HEADER=Authorization\n' },
    { name: 'placeholder default', code: 'FROM alpine:3.20\nARG ADMIN_PASSWORD=changeme\n' },
    { name: 'two names without defaults (not a name and a value)', code: 'FROM golang:1.22\nARG GITHUB_TOKEN GOPRIVATE\n' },
    { name: 'secret mount is the right way', code: 'FROM python:3.12-slim\nRUN --mount=type=secret,id=pip_token,env=PIP_TOKEN pip install -r requirements.txt\n' },
  ],
  invalid: [
    {
      name: 'token default',
      code: 'FROM node:20-slim\nARG NPM_TOKEN=npm_abcdefghijklmnopqrstuvwxyz0123456789\n',
      errors: [{ line: 2, column: 15, endLine: 2, endColumn: 55, messageId: 'secret', message: 'an npm token' }],
      output: 'FROM node:20-slim\nARG NPM_TOKEN\n',
    },
    {
      name: 'global ARG before FROM with a quoted password, CRLF',
      code: 'ARG DB_PASSWORD="Sup3r-S3cret"\r\nFROM postgres:16\r\n',
      errors: [{ line: 1, column: 17, endColumn: 31 }],
      output: 'ARG DB_PASSWORD\r\nFROM postgres:16\r\n',
    },
    {
      name: 'GitHub token by shape under a neutral name',
      code: 'FROM golang:1.22 AS build\nARG GOPRIVATE_CREDS_URL=https://ci:ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com\nFROM scratch\n',
      errors: [{ line: 2, column: 25, message: 'a GitHub token' }],
      output: 'FROM golang:1.22 AS build\nARG GOPRIVATE_CREDS_URL\nFROM scratch\n',
    },
  ],
});
