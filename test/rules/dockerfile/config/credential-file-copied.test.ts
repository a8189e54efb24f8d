import rule from '../../../../server/src/core/rules/dockerfile/config/credential-file-copied';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: '.npmrc only in a builder stage', code: 'FROM node:20 AS deps\nCOPY .npmrc package*.json ./\nRUN npm ci\nFROM node:20-slim\nCOPY --from=deps /node_modules /app/node_modules\n' },
    { name: 'a public CA certificate', code: 'FROM debian:bookworm-slim\nCOPY corp-ca.pem /usr/local/share/ca-certificates/corp-ca.crt\n' },
    { name: 'secret mount at build time', code: 'FROM node:20-slim\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n' },
    { name: 'a keys directory of public data', code: 'FROM python:3.12-slim\nCOPY keyboard-layouts.json ./\n' },
  ],
  invalid: [
    {
      name: '.npmrc in the final image',
      code: 'FROM node:20-slim\nCOPY .npmrc package.json package-lock.json ./\nRUN npm ci\n',
      errors: [{ line: 2, column: 6, endLine: 2, endColumn: 12, messageId: 'credential' }],
    },
    {
      name: 'TLS key and pfx',
      code: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY certs/server.key certs/aspnetapp.pfx /https/\n',
      errors: [{ line: 2, column: 6, endColumn: 22 }, { line: 2, column: 23, endColumn: 42 }],
    },
    {
      name: 'service account from a builder stage, continuation',
      code: 'FROM python:3.12 AS build\nRUN true\nFROM python:3.12-slim\nCOPY --from=build \\\n     /src/service-account.json /app/\n',
      errors: [{ line: 5, column: 6, endColumn: 31, message: 'service-account key' }],
    },
  ],
});
