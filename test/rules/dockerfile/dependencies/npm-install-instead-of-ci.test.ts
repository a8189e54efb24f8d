import rule from '../../../../server/src/core/rules/dockerfile/dependencies/npm-install-instead-of-ci';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'npm ci with the lock', code: 'FROM node:20-alpine\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\n' },
    { name: 'installing a named global tool', code: 'FROM node:20-alpine\nCOPY package*.json ./\nRUN npm install -g pm2@5.4.0\n' },
    { name: 'npm install without a lock copied (manifest rule territory)', code: 'FROM node:20-alpine\nCOPY package.json ./\nRUN npm install\n' },
    { name: 'lock copied in another stage only', code: 'FROM node:20 AS deps\nCOPY package-lock.json package.json ./\nRUN npm ci\nFROM node:20-slim\nCOPY --from=deps /node_modules ./node_modules\nRUN npm install\n' },
    {
      // docker/awesome-compose's root Dockerfile: only package.json is in the context, so `npm ci` would fail.
      name: 'package*.json copied where the build context has no lock file',
      code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm install\nCOPY . .\nCMD ["node", "index.js"]\n',
      buildContext: { files: { 'package-lock.json': null } },
    },
    { name: 'adding a package by name', code: 'FROM node:20\nCOPY package*.json ./\nRUN npm install sharp\n' },
    { name: 'a whole-context copy where the context holds no lock file', code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm install\n', buildContext: { dockerignore: null, present: { 'package-lock.json': false, 'npm-shrinkwrap.json': false } } },
    { name: 'a whole-context copy whose .dockerignore leaves the lock out', code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm install\n', buildContext: { dockerignore: 'node_modules\npackage-lock.json\n', present: { 'package-lock.json': true } } },
    { name: 'a whole-context copy, the context not read', code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm install\n' },
    { name: 'the lock is in another folder than the one copied', code: 'FROM node:20-alpine\nCOPY ./api/ ./\nRUN npm install\n', buildContext: { present: { 'package-lock.json': true, 'api/package-lock.json': false } } },
  ],
  invalid: [
    {
      name: 'package*.json copied from a folder whose lock file the context has',
      code: 'FROM node:20-alpine\nCOPY web/package*.json ./\nRUN npm install\n',
      buildContext: { files: { 'web/package-lock.json': { uri: 'file:///w/web/package-lock.json', text: '{}' } } },
      errors: [{ line: 3, column: 5 }],
      output: 'FROM node:20-alpine\nCOPY web/package*.json ./\nRUN npm ci\n',
    },
    {
      name: 'the lock named exactly: reported whatever the context says',
      code: 'FROM node:20-alpine\nCOPY package.json package-lock.json ./\nRUN npm install\n',
      buildContext: { files: { 'package-lock.json': null } },
      errors: [{ line: 3, column: 5 }],
      output: 'FROM node:20-alpine\nCOPY package.json package-lock.json ./\nRUN npm ci\n',
    },
    {
      name: 'npm install after copying package*.json',
      code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm install --omit=dev\n',
      errors: [{ line: 4, column: 5, endLine: 4, endColumn: 16, messageId: 'useCi' }],
      output: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\n',
    },
    {
      name: 'npm i with a cache mount and continuation, CRLF',
      code: 'FROM node:20-slim\r\nCOPY package.json package-lock.json ./\r\nRUN --mount=type=cache,target=/root/.npm \\\r\n    npm i \\\r\n && npm run build\r\n',
      errors: [{ line: 4, column: 5, endColumn: 10 }],
      output: 'FROM node:20-slim\r\nCOPY package.json package-lock.json ./\r\nRUN --mount=type=cache,target=/root/.npm \\\r\n    npm ci \\\r\n && npm run build\r\n',
    },
    {
      name: 'lock bind-mounted into the RUN',
      code: 'FROM node:20-alpine\nRUN --mount=type=bind,source=package.json,target=package.json \\\n    --mount=type=bind,source=package-lock.json,target=package-lock.json \\\n    npm install\n',
      errors: [{ line: 4, column: 5 }],
      output: 'FROM node:20-alpine\nRUN --mount=type=bind,source=package.json,target=package.json \\\n    --mount=type=bind,source=package-lock.json,target=package-lock.json \\\n    npm ci\n',
    },
    {
      name: 'lock copied in the parent stage, exec form',
      code: 'FROM node:20 AS base\nCOPY ["package.json", "package-lock.json", "./"]\nFROM base AS build\nRUN ["npm", "install"]\n',
      errors: [{ line: 4, column: 6, endColumn: 22 }],
      output: 'FROM node:20 AS base\nCOPY ["package.json", "package-lock.json", "./"]\nFROM base AS build\nRUN ["npm", "ci"]\n',
    },
    {
      name: 'npm install after copying the whole context, which holds the lock',
      code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm install\nCMD ["node", "server.js"]\n',
      buildContext: { dockerignore: 'node_modules\n.env*\n', present: { 'package-lock.json': true, 'npm-shrinkwrap.json': false } },
      errors: [{ line: 4, column: 5, endColumn: 16, messageId: 'useCi' }],
      output: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]\n',
    },
    {
      // A monorepo built from its root (opentelemetry-demo's layout): the service's folder is copied whole.
      name: 'npm install after copying a folder whose lock the context holds',
      code: 'FROM node:24\nWORKDIR /app\nCOPY ./src/web/. ./\nRUN npm install\n',
      buildContext: { present: { 'src/web/package-lock.json': true } },
      errors: [{ line: 4, column: 5 }],
      output: 'FROM node:24\nWORKDIR /app\nCOPY ./src/web/. ./\nRUN npm ci\n',
    },
    {
      name: "npm --prefix before the command (ToolJet's plugins, frontend and server)",
      code: 'FROM node:22-bullseye\nWORKDIR /app\nCOPY ./plugins/package.json ./plugins/package-lock.json ./plugins/\nRUN npm --prefix plugins install\n',
      errors: [{ line: 4, column: 5, endColumn: 33, message: '`npm install`' }],
      output: 'FROM node:22-bullseye\nWORKDIR /app\nCOPY ./plugins/package.json ./plugins/package-lock.json ./plugins/\nRUN npm --prefix plugins ci\n',
    },
  ],
});
