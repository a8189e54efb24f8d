import rule from '../../../../server/src/core/rules/dockerfile/build-release-run/dev-dependencies-in-image';
import { testRule } from '../../../helpers/rule-tester';

const NEXT_BUILD = 'FROM node:22-alpine AS deps\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\n\nFROM node:22-alpine AS builder\nWORKDIR /app\nCOPY --from=deps /app/node_modules ./node_modules\nCOPY . .\nRUN npm run build\n\n';

testRule(rule, {
  valid: [
    { name: 'Next.js standalone output: no node_modules copied', code: NEXT_BUILD + 'FROM node:22-alpine AS runner\nWORKDIR /app\nENV NODE_ENV=production\nCOPY --from=builder /app/.next/standalone ./\nCOPY --from=builder /app/.next/static ./.next/static\nCMD ["node", "server.js"]\n' },
    { name: 'production dependencies installed in a stage of their own', code: 'FROM node:22-bookworm-slim AS deps\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\n\nFROM node:22-bookworm-slim\nWORKDIR /app\nCOPY --from=deps /app/node_modules ./node_modules\nCOPY package.json server.mjs ./\nCMD ["node", "server.mjs"]\n' },
    { name: 'the build stage pruned before the copy', code: 'FROM node:20 AS build\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build && npm prune --omit=dev\nFROM node:20-slim\nWORKDIR /app\nCOPY --from=build /app/node_modules ./node_modules\nCOPY --from=build /app/dist ./dist\nCMD ["node", "dist/main.js"]\n' },
    { name: 'NODE_ENV=production in the installing stage', code: 'FROM node:18 AS build-env\nENV NODE_ENV=production\nCOPY . /app\nWORKDIR /app\nRUN npm ci\nFROM gcr.io/distroless/nodejs18-debian11\nCOPY --from=build-env /app /app\nWORKDIR /app\nCMD ["server.js"]\n' },
    { name: 'NODE_ENV from a build argument of unknown value', code: 'FROM node:20 AS deps\nARG NODE_ENV\nENV NODE_ENV=$NODE_ENV\nWORKDIR /app\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile\nFROM node:20-slim\nWORKDIR /app\nCOPY --from=deps /app/node_modules ./node_modules\nCOPY . .\nCMD ["node", "index.js"]\n' },
    { name: 'pnpm production install, node_modules removed and reinstalled', code: 'FROM node:20 AS build\nWORKDIR /app\nCOPY . .\nRUN pnpm install --frozen-lockfile && pnpm build && rm -rf node_modules && pnpm install --prod --frozen-lockfile\nFROM node:20-slim\nWORKDIR /app\nCOPY --from=build /app/node_modules ./node_modules\nCOPY --from=build /app/dist ./dist\nCMD ["node", "dist/index.js"]\n' },
    { name: 'production node_modules passed through a build stage', code: 'FROM node:22-alpine AS prod-deps\nWORKDIR /app\nCOPY package.json pnpm-lock.yaml ./\nRUN pnpm install --prod --frozen-lockfile\nFROM node:22-alpine AS builder\nWORKDIR /app\nCOPY --from=prod-deps /app/node_modules ./node_modules\nCOPY dist ./dist\nFROM node:22-alpine\nWORKDIR /app\nCOPY --from=builder /app/node_modules ./node_modules\nCOPY --from=builder /app/dist ./dist\nCMD ["node", "dist/index.js"]\n' },
    { name: 'a development image', code: 'FROM node:18-alpine AS build\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm install\nCOPY . .\nRUN npm run build\nFROM node:18-alpine\nWORKDIR /app\nCOPY --from=build /app /app\nENV NODE_ENV=development\nEXPOSE 1337\nCMD ["npm", "run", "develop"]\n' },
    { name: 'the final stage reinstalls for production where the copy landed', code: 'FROM node:20 AS build\nWORKDIR /usr/src/app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\nFROM node:20-slim\nWORKDIR /usr/src/app\nCOPY --from=build /usr/src/app/node_modules ./node_modules\nCOPY --from=build /usr/src/app/dist ./dist\nCOPY package*.json ./\nRUN npm ci --only=production\nCMD ["node", "dist/main.js"]\n' },
    { name: 'a global tool installed in the copied stage', code: 'FROM node:20 AS tools\nRUN npm install -g pm2@5.4.2\nFROM node:20-slim\nCOPY --from=tools /usr/local/lib/node_modules /usr/local/lib/node_modules\n' },
    {
      name: 'the build context shows a package.json without development dependencies',
      code: 'FROM node:20 AS deps\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nFROM node:20-slim\nWORKDIR /app\nCOPY --from=deps /app/node_modules ./node_modules\nCOPY . .\nCMD ["node", "index.js"]\n',
      buildContext: { files: { 'package.json': { uri: 'file:///p/package.json', text: '{ "name": "api", "dependencies": { "express": "^4.21.0" } }' } } },
    },
    {
      name: "the build stage's cleanup script removes node_modules after the assets are built (zammad)",
      code: "FROM ruby:3.2-slim AS build\nWORKDIR /opt/zammad\nCOPY . .\nRUN yarn install\nRUN bundle exec rake assets:precompile\nRUN script/build/cleanup.sh\nFROM ruby:3.2-slim\nCOPY --from=build /opt/zammad /opt/zammad\nCMD [\"/opt/zammad/bin/docker-entrypoint\"]\n",
      buildContext: { files: { 'script/build/cleanup.sh': { uri: 'file:///z/script/build/cleanup.sh', text: '#!/bin/bash\nset -ex\nrm -rf tmp/*\n# only required during building\nrm -rf node_modules\n' } } },
    },
    { name: 'production requirements only; a test stage and a test image may install the rest', code: 'FROM python:3.12-slim AS base\nCOPY requirements.txt requirements/production.txt ./\nRUN pip install -r requirements.txt -r production.txt\nFROM base AS test\nRUN pip install -r requirements-dev.txt\n' },
    { name: 'a Dockerfile for tests installs the test requirements on purpose', filename: 'Dockerfile.test', code: 'FROM python:3.12-slim\nCOPY . .\nRUN pip install -r requirements.txt -r test-requirements.txt\nCMD ["pytest"]\n' },
    { name: 'a requirements file whose name only holds a word like dev', code: 'FROM python:3.12-slim\nCOPY . .\nRUN pip install -r requirements-devops.txt -r latest-requirements.txt\nCMD ["gunicorn", "app:app"]\n' },
  ],
  invalid: [
    {
      name: 'node_modules of a stage that ran npm ci copied into the runtime image',
      code: NEXT_BUILD + 'FROM node:22-alpine AS runner\nWORKDIR /app\nENV NODE_ENV=production\nCOPY --from=builder /app/package.json ./package.json\nCOPY --from=deps /app/node_modules ./node_modules\nCOPY --from=builder /app/.next/standalone ./\nCMD ["npm", "start"]\n',
      errors: [{ line: 16, column: 18, endColumn: 35, messageId: 'devDependencies', message: '`COPY --from=deps /app/node_modules` brings the development dependencies that `npm ci` (line 4) installed into the runtime image; install with `npm ci --omit=dev`' }],
    },
    {
      name: 'the whole folder of a yarn build, with a package.json that declares development dependencies',
      code: 'FROM node:15 AS build\nWORKDIR /app\nCOPY package.json yarn.lock ./\nRUN yarn\nADD . /app\nRUN yarn build\n\nFROM node:15 AS deploy\nWORKDIR /app\nCOPY --from=build /app /app\nEXPOSE 3000\nCMD ["yarn", "start"]\n',
      buildContext: { files: { 'package.json': { uri: 'file:///p/package.json', text: '{ "dependencies": { "next": "14.2.3" }, "devDependencies": { "typescript": "5.4.5" } }' } } },
      errors: [{ line: 10, column: 19, endColumn: 23, message: '`yarn install --production` (Yarn 1)' }],
    },
    {
      name: 'pnpm in the stage the copied stage is built FROM',
      code: 'FROM node:20-alpine AS base\nWORKDIR /usr/src/app\nCOPY package.json pnpm-lock.yaml ./\nRUN corepack enable && pnpm install --frozen-lockfile\nFROM base AS build\nCOPY . .\nRUN pnpm run build\nFROM node:20-alpine\nWORKDIR /srv\nCOPY --from=build /usr/src/app/node_modules/ ./node_modules/\nCOPY --from=build /usr/src/app/dist ./dist\nCMD ["node", "dist/main.js"]\n',
      errors: [{ line: 10, column: 19, endColumn: 45, message: '`pnpm install --prod`' }],
    },
    {
      name: 'node_modules the build stage took from a deps stage, copied on into the runtime image',
      code: 'FROM node:22-alpine AS deps\nWORKDIR /app\nCOPY package.json pnpm-lock.yaml ./\nRUN corepack enable && pnpm install --frozen-lockfile\n\nFROM node:22-alpine AS builder\nWORKDIR /app\nCOPY --from=deps /app/node_modules ./node_modules\nCOPY . .\nRUN corepack enable && pnpm build\n\nFROM node:22-alpine AS runner\nWORKDIR /app\nCOPY --from=builder /app/dist ./dist\nCOPY --from=builder /app/node_modules ./node_modules\nCOPY --from=builder /app/package.json ./\nCMD ["node", "dist/index.js"]\n',
      errors: [{ line: 15, column: 21, endColumn: 38, message: '`pnpm install --frozen-lockfile` (line 4)' }],
    },
    {
      name: 'a RUN that picks the package manager by lock file: every branch named, with its production install',
      code: 'FROM node:20-alpine AS deps\nWORKDIR /app\nCOPY package.json yarn.lock* package-lock.json* pnpm-lock.yaml* ./\nRUN \\\n  if [ -f yarn.lock ]; then yarn --frozen-lockfile; \\\n  elif [ -f package-lock.json ]; then npm ci; \\\n  elif [ -f pnpm-lock.yaml ]; then corepack enable pnpm && pnpm i --frozen-lockfile; \\\n  else echo "Lockfile not found." && exit 1; \\\n  fi\nFROM node:20-alpine\nWORKDIR /app\nCOPY --from=deps /app/node_modules ./node_modules\nCOPY . .\nCMD ["node", "server.js"]\n',
      errors: [{ line: 12, column: 18, endColumn: 35, message: 'that `yarn --frozen-lockfile`, `npm ci` or `pnpm i --frozen-lockfile` (line 4) installed into the runtime image; install with `yarn install --production` (Yarn 1) or `yarn workspaces focus --production` (Yarn 2+), `npm ci --omit=dev` or `pnpm install --prod` in a stage' }],
    },
    {
      name: 'a cleanup script that removes other folders only',
      code: "FROM ruby:3.2-slim AS build\nWORKDIR /opt/zammad\nCOPY . .\nRUN yarn install\nRUN bundle exec rake assets:precompile\nRUN script/build/cleanup.sh\nFROM ruby:3.2-slim\nCOPY --from=build /opt/zammad /opt/zammad\nCMD [\"/opt/zammad/bin/docker-entrypoint\"]\n",
      buildContext: { files: { 'script/build/cleanup.sh': { uri: 'file:///z/script/build/cleanup.sh', text: '#!/bin/bash\nrm -rf tmp/* node_modules/.cache\n' } } },
      errors: [{ line: 8, column: 19, messageId: 'devDependencies' }],
    },
    {
      // postiva/next-starter-blog: the whole folder, then its node_modules again.
      name: "one install's packages copied twice into the image: one finding, the second copy related",
      code: 'FROM node:20 AS builder\nWORKDIR /app\nCOPY package.json pnpm-lock.yaml ./\nRUN pnpm install --frozen-lockfile\nCOPY . .\nRUN pnpm build\nFROM node:20-slim\nWORKDIR /app\nCOPY --from=builder /app/ .\nCOPY --from=builder /app/node_modules ./node_modules\nCMD ["node", "server.js"]\n',
      errors: [{ line: 9, column: 21, messageId: 'devDependencies', relatedLines: [10] }],
    },
    {
      // domestique/demotime (review set 96): nose and coverage in the image that serves the app.
      name: 'pip installs the test and development requirements into the runtime image',
      code: 'FROM python:3.12-slim\nWORKDIR /app/dt\nCOPY . /app\nRUN /usr/local/bin/pip3.5 install -r ../requirements.txt -r ../testing_requirements.txt\nRUN python3.12 -m pip install --requirement=requirements/local.txt\nCMD ["uwsgi", "--ini", "dt_uwsgi.ini"]\n',
      errors: [
        { line: 4, column: 61, endColumn: 88, messageId: 'pipRequirements', message: '`../testing_requirements.txt`, the test requirements, is installed into the runtime image' },
        { line: 5, column: 31, messageId: 'pipRequirements', message: '`requirements/local.txt`, the development requirements' },
      ],
    },
  ],
});
