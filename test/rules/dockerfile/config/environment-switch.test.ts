import rule from '../../../../server/src/core/rules/dockerfile/config/environment-switch';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'NODE_ENV=production', code: 'FROM node:20-slim\nENV NODE_ENV=production\nCMD ["node", "server.js"]\n' },
    { name: 'development only in the builder stage', code: 'FROM node:20 AS build\nENV NODE_ENV=development\nRUN npm ci && npm run build\nFROM node:20-slim\nENV NODE_ENV=production\n' },
    { name: 'overridden later in the final stage', code: 'FROM python:3.12-slim AS base\nENV FLASK_DEBUG=1\nFROM base\nENV FLASK_DEBUG=0\n' },
    { name: 'DEBUG namespaces of the debug module', code: 'FROM node:20-slim\nENV DEBUG=app:*\n' },
    { name: 'production ASP.NET and Spring profiles', code: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nENV ASPNETCORE_ENVIRONMENT=Production SPRING_PROFILES_ACTIVE=prod\n' },
    { name: 'unknown ARG value', code: 'FROM node:20-slim\nARG NODE_ENV\nENV NODE_ENV=$NODE_ENV\n' },
    // raveenb/fastapi-nextjs-docker-github-actions-reference: the development images beside the released ones.
    { name: 'a Dockerfile.dev built for development', filename: 'src/fastapi/Dockerfile.dev', code: 'FROM python:3.12-slim\nWORKDIR /app\nENV ENVIRONMENT=development\nENV DEBUG=true\nCMD ["uvicorn", "app.main:app", "--reload"]\n' },
    { name: 'a last stage named as the development target', code: 'FROM node:20-slim AS base\nWORKDIR /app\nFROM base AS dev\nENV NODE_ENV=development\nCMD ["pnpm", "dev"]\n' },
    { name: 'a public variable set for production, and one that names no environment', code: 'FROM node:20-alpine\nENV NEXT_PUBLIC_NODE_ENV=production VITE_API_URL=http://localhost:3000\nCMD ["node", "server.js"]\n' },
    {
      // QuatroV/time-cutter-frontend's shape: the variable is set in the web server's stage, after the bundle was built.
      name: "a front end's mode variable set in the nginx stage, where no build step follows",
      code: 'FROM node:20 AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nFROM nginx:1.27-alpine\nCOPY --from=build /app/build /usr/share/nginx/html\nENV REACT_APP_NODE_ENV=development\n',
    },
  ],
  invalid: [
    {
      name: 'NODE_ENV=development at the end of the final stage',
      code: 'FROM node:20-slim\nCOPY . .\nENV NODE_ENV=development\nCMD ["node", "server.js"]\n',
      errors: [{ line: 3, column: 14, endLine: 3, endColumn: 25, messageId: 'mode' }],
      output: 'FROM node:20-slim\nCOPY . .\nENV NODE_ENV=production\nCMD ["node", "server.js"]\n',
    },
    {
      name: 'no fix when a later RUN depends on it',
      code: 'FROM node:20-slim\nENV NODE_ENV=development\nRUN npm ci\n',
      errors: [{ line: 2, column: 14, messageId: 'mode' }],
      output: null,
    },
    {
      name: 'debug flag, quoted, CRLF',
      code: 'FROM python:3.12-slim\r\nENV FLASK_DEBUG="1" APP_ENV=staging\r\nCMD ["gunicorn", "app:app"]\r\n',
      errors: [{ line: 2, column: 17, endColumn: 20, messageId: 'debug' }, { line: 2, column: 29, endColumn: 36, messageId: 'mode' }],
      output: 'FROM python:3.12-slim\r\nENV FLASK_DEBUG="0" APP_ENV=staging\r\nCMD ["gunicorn", "app:app"]\r\n',
    },
    {
      name: 'Spring dev profile and ASP.NET Development',
      code: 'FROM eclipse-temurin:21-jre\nENV SPRING_PROFILES_ACTIVE=dev,metrics \\\n    ASPNETCORE_ENVIRONMENT=Development\n',
      errors: [{ line: 2, column: 28, message: 'dev' }, { line: 3, column: 28, endColumn: 39 }],
      output: 'FROM eclipse-temurin:21-jre\nENV SPRING_PROFILES_ACTIVE=dev,metrics \\\n    ASPNETCORE_ENVIRONMENT=Production\n',
    },
    {
      name: 'from an ARG default',
      code: 'FROM ruby:3.3-slim\nARG RAILS_ENV=staging\nENV RAILS_ENV=${RAILS_ENV}\n',
      errors: [{ line: 3, column: 15, messageId: 'modeFromArg' }],
      output: null,
    },
    {
      name: "the switches the Kubernetes and serverless rules know: a product's dev mode, Gin's debug mode",
      code: 'FROM golang:1.22 AS build\nFROM gcr.io/distroless/static-debian12\nENV HASURA_GRAPHQL_DEV_MODE=true GIN_MODE=debug\n',
      errors: [{ line: 3, column: 29, messageId: 'debug' }, { line: 3, column: 43, messageId: 'debug' }],
      output: 'FROM golang:1.22 AS build\nFROM gcr.io/distroless/static-debian12\nENV HASURA_GRAPHQL_DEV_MODE=false GIN_MODE=release\n',
    },
    {
      // EvgeniyBudaev/base-docker-go-next's prod.dockerfile: Next.js inlines NEXT_PUBLIC_ variables when it builds.
      name: "a front end's public variable that selects the development environment",
      code: 'FROM node:20-alpine\nWORKDIR /app\nENV NEXT_PUBLIC_NODE_ENV=development\nCOPY . .\nRUN npm run build\nCMD ["npm", "start"]\n',
      errors: [{ line: 3, column: 26, endColumn: 37, messageId: 'bundleMode', message: "builds the development environment into the front end's bundle" }],
      output: 'FROM node:20-alpine\nWORKDIR /app\nENV NEXT_PUBLIC_NODE_ENV=production\nCOPY . .\nRUN npm run build\nCMD ["npm", "start"]\n',
    },
    {
      // ai-cfia/nachet-backend (review set 90): Quart's counterpart of FLASK_ENV, before Quart 0.19.
      name: 'QUART_ENV=development baked into a Hypercorn image',
      code: 'FROM python:3.11-slim\nWORKDIR /app\nENV QUART_ENV=development\nCOPY . .\nCMD ["hypercorn", "-b", ":8080", "app:app"]\n',
      errors: [{ line: 3, column: 15, endColumn: 26, messageId: 'mode' }],
      output: 'FROM python:3.11-slim\nWORKDIR /app\nENV QUART_ENV=production\nCOPY . .\nCMD ["hypercorn", "-b", ":8080", "app:app"]\n',
    },
  ],
});
