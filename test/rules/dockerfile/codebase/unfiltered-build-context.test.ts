import rule from '../../../../server/src/core/rules/dockerfile/codebase/unfiltered-build-context';
import { testRule } from '../../../helpers/rule-tester';

const NODE_APP = 'FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY . .\nCMD ["node", "server.js"]\n';
const GOOD_IGNORE = '# keep the image to what the app needs\n.git\nnode_modules\n.env*\n';

testRule(rule, {
  valid: [
    { name: 'context unknown: the caller read nothing', code: NODE_APP },
    { name: '.dockerignore excludes .git and .env*', code: NODE_APP, buildContext: { dockerignore: GOOD_IGNORE } },
    { name: 'allow-list .dockerignore: everything excluded, sources put back', code: NODE_APP, buildContext: { dockerignore: '*\n!package*.json\n!server.js\n!src/\n' } },
    { name: '**/ patterns and a leading slash', code: NODE_APP, buildContext: { dockerignore: '/.git\n**/.env\n**/.env.*\n', hasGit: true } },
    { name: 'a folder of a larger repository need not exclude .git', code: NODE_APP, buildContext: { dockerignore: 'node_modules\n.env*\n', hasGit: false } },
    { name: 'whole context only in a build stage', code: 'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n', buildContext: { dockerignore: null } },
    { name: 'COPY --exclude filters the copy itself', code: '# syntax=docker/dockerfile:1.7-labs\nFROM node:20-slim\nCOPY --exclude=.git --exclude=.env* . .\nCMD ["node", "server.js"]\n', buildContext: { dockerignore: null } },
    { name: 'named files only', code: 'FROM python:3.12-slim\nCOPY requirements.txt app.py ./\nCMD ["python", "app.py"]\n', buildContext: { dockerignore: null } },
    { name: 'COPY --from another image', code: 'FROM alpine:3.20\nCOPY --from=builder . /app\nCMD ["/app/run"]\n', buildContext: { dockerignore: null } },
    { name: 'the final image copies only what the builder built from the context', code: 'FROM node:20 AS builder\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nFROM node:20-slim\nWORKDIR /app\nCOPY --from=builder /app/dist ./dist\nCMD ["node", "dist/server.js"]\n', buildContext: { dockerignore: null } },
    { name: 'a folder the final image copies that the context did not go to', code: 'FROM ruby:3.3 AS builder\nENV APP_HOME=/opt/app\nCOPY . /src\nRUN make -C /src install PREFIX=${APP_HOME}\nFROM ruby:3.3-slim\nENV APP_HOME=/opt/app\nCOPY --from=builder ${APP_HOME} ${APP_HOME}\nCMD ["/opt/app/bin/server"]\n', buildContext: { dockerignore: null } },
    { name: 'a runner stage that copies only the built folder, carried into the image', code: 'FROM node:20 AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nFROM node:20-slim AS runner\nCOPY --from=build /app/dist /backend\nFROM node:20-slim\nCOPY --from=runner /backend /backend\nCMD ["node", "/backend/main.js"]\n', buildContext: { dockerignore: null } },
    {
      // jonbranan/crane: a Python tool whose .dockerignore leaves out .env; its context holds no .env.local.
      name: 'a .dockerignore that excludes .env, and a context known to hold no .env.local',
      code: NODE_APP,
      buildContext: { dockerignore: '.env\n*.git*\n', hasGit: true, present: { '.env': true, '.env.local': false } },
    },
  ],
  invalid: [
    {
      name: 'no .dockerignore',
      code: NODE_APP,
      buildContext: { dockerignore: null },
      errors: [{ line: 5, column: 6, endLine: 5, endColumn: 7, messageId: 'noIgnore', message: 'there is no .dockerignore' }],
    },
    {
      name: 'no .dockerignore at a repository root',
      code: NODE_APP,
      buildContext: { dockerignore: null, hasGit: true },
      errors: [{ line: 5, column: 6, messageId: 'noIgnoreGit', message: '`.git` (and any local `.env` file' }],
    },
    {
      name: '.dockerignore without .git',
      code: NODE_APP,
      buildContext: { dockerignore: 'node_modules\n.env*\n', dockerignoreUri: 'file:///workspace/.dockerignore', hasGit: true },
      errors: [{ line: 5, column: 6, messageId: 'leaks', message: 'does not exclude `.git`;' }],
    },
    {
      name: 'an exception puts .env back',
      code: NODE_APP,
      buildContext: { dockerignore: '.git\n.env*\n!.env\n' },
      errors: [{ line: 5, column: 6, messageId: 'leaks', message: 'does not exclude `.env`; add it to the .dockerignore.' }],
    },
    {
      name: 'ADD ./ into an absolute folder, JSON form',
      code: 'FROM ruby:3.3-slim\nADD ["./", "/srv/app"]\nCMD ["bundle", "exec", "puma"]\n',
      buildContext: { dockerignore: '.git\n', hasGit: true },
      errors: [{ line: 2, column: 6, endColumn: 10, messageId: 'leaks', message: 'does not exclude `.env`, `.env.local`; add them to the .dockerignore.' }],
    },
    {
      name: 'comment lines are not patterns',
      code: 'FROM nginx:1.27-alpine\nCOPY . /usr/share/nginx/html\n',
      buildContext: { dockerignore: '# .git\n#.env\n', hasGit: true },
      errors: [{ line: 2, column: 6, messageId: 'leaks', message: '`.git`, `.env`, `.env.local`' }],
    },
    {
      name: 'the builder copies the context into a folder the final image copies whole (forem)',
      code: 'FROM ruby:3.3 AS builder\nENV APP_HOME=/opt/apps/forem\nCOPY . "${APP_HOME}"\nRUN bundle install\nFROM ruby:3.3-slim AS production\nENV APP_HOME=/opt/apps/forem\nCOPY --from=builder ${APP_HOME} ${APP_HOME}\nCMD ["bundle", "exec", "rails", "server"]\nFROM builder AS development\n',
      buildContext: { dockerignore: 'node_modules\n', dockerignoreUri: 'file:///p/.dockerignore' },
      errors: [{ line: 3, column: 6, endColumn: 7, messageId: 'leaks', message: '`.env`, `.env.local`', relatedLines: [1, 7] }],
    },
    {
      name: 'the context carried through two stages (Infisical: build, runner, then the image)',
      code: 'FROM node:20 AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nFROM node:20-slim AS runner\nCOPY --from=build /app /backend\nFROM node:20-slim\nCOPY --from=runner /backend /backend\nCMD ["node", "/backend/dist/main.js"]\n',
      buildContext: { dockerignore: null },
      errors: [{ line: 3, column: 6, endColumn: 7, messageId: 'noIgnore', relatedLines: [8] }],
    },
    {
      // YeraaKz/Final_App_Deploy: a committed .env (a database URL with its password) and no .dockerignore.
      name: 'the context holds a .env and there is no .dockerignore: the file is named',
      code: 'FROM php:8.3-fpm-alpine\nWORKDIR /app\nCOPY . /app\nCMD ["php-fpm"]\n',
      buildContext: { dockerignore: null, hasGit: true, present: { '.env': true, '.env.local': false } },
      errors: [{ line: 3, column: 6, endColumn: 7, messageId: 'noIgnoreHeld', message: "so the context's `.env` goes into the image along with `.git`; add a .dockerignore that excludes `.env*` and `.git`." }],
    },
    {
      name: 'the .dockerignore lets through a .env the context holds',
      code: NODE_APP,
      buildContext: { dockerignore: 'node_modules\n.env.local\n', hasGit: false, present: { '.env': true, '.env.local': true } },
      errors: [{ line: 5, column: 6, messageId: 'leaksHeld', message: "does not exclude `.env`, so the context's `.env` goes into the image; add it to the .dockerignore." }],
    },
  ],
});
