import rule from '../../../../server/src/core/rules/dockerfile/config/build-arg-frozen-into-env';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'build metadata', code: 'FROM node:20-slim\nARG VERSION\nENV APP_VERSION=$VERSION\n' },
    { name: 'only in a builder stage (bundled at build time)', code: 'FROM node:20 AS build\nARG VITE_API_URL\nENV VITE_API_URL=$VITE_API_URL\nRUN npm run build\nFROM nginx:1.27-alpine\n' },
    { name: 'ENV from a variable that is not a build argument', code: 'FROM python:3.12-slim\nENV API_URL=$API_URL\n' },
    { name: 'literal config default', code: 'FROM python:3.12-slim\nENV API_URL=http://api\n' },
    { name: "a record of the URL the bundle was built with (cal.com's start script compares it)", code: 'FROM node:18 AS runner\nARG NEXT_PUBLIC_WEBAPP_URL=http://localhost:3000\nENV BUILT_NEXT_PUBLIC_WEBAPP_URL=$NEXT_PUBLIC_WEBAPP_URL\n' },
    { name: 'where the code came from, and a key the front-end bundle publishes (Infisical)', code: 'FROM node:20 AS frontend\nARG POSTHOG_API_KEY\nENV VITE_POSTHOG_API_KEY $POSTHOG_API_KEY\nFROM node:20-slim\nARG POSTHOG_API_KEY\nENV POSTHOG_API_KEY=$POSTHOG_API_KEY\nARG DD_GIT_REPOSITORY_URL\nENV DD_GIT_REPOSITORY_URL $DD_GIT_REPOSITORY_URL\nCMD ["node", "server.js"]\n' },
    {
      // QuatroV/time-cutter-frontend: the pair sits in the nginx stage, after the bundle was built in the first one.
      name: "a front-end build variable set in the web server's stage, where no build step reads it",
      code: 'FROM node:20 AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nFROM nginx:1.27-alpine\nCOPY --from=build /app/build /usr/share/nginx/html\nARG REACT_APP_API_URL\nENV REACT_APP_API_URL=$REACT_APP_API_URL\n',
    },
    {
      name: 'a build stage the image copies nothing from, and one whose variable is set after its build step',
      code: 'FROM node:20 AS preview\nARG VITE_API_URL\nENV VITE_API_URL=$VITE_API_URL\nRUN npm run build\nFROM node:20 AS build\nRUN npm run build\nARG VITE_API_URL\nENV VITE_API_URL=$VITE_API_URL\nFROM nginx:1.27-alpine\nCOPY --from=build /app/dist /usr/share/nginx/html\n',
    },
  ],
  invalid: [
    {
      name: 'API URL from a build arg',
      code: 'FROM node:20-slim\nARG API_URL\nENV API_URL=$API_URL\n',
      errors: [{ line: 3, column: 13, endLine: 3, endColumn: 21, messageId: 'config' }],
    },
    {
      name: 'secret build arg persisted',
      code: 'FROM python:3.12-slim\nARG SENTRY_AUTH_TOKEN\nENV SENTRY_AUTH_TOKEN=${SENTRY_AUTH_TOKEN}\n',
      errors: [{ line: 3, column: 23, endColumn: 43, messageId: 'secret' }],
    },
    {
      name: 'host with a default, in a stage the final stage inherits, CRLF',
      code: 'FROM ruby:3.3-slim AS base\r\nARG REDIS_HOST=redis\r\nENV CACHE_HOST=${REDIS_HOST:-redis}\r\nFROM base\r\n',
      errors: [{ line: 3, column: 16, messageId: 'config', message: 'REDIS_HOST' }],
    },
    {
      name: "a front-end build variable: compiled into the bundle, so the advice is to serve it at run time (sjohnatas7's Vue frontend)",
      code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nARG VUE_APP_BACKEND_URL\nENV VUE_APP_BACKEND_URL=$VUE_APP_BACKEND_URL\nRUN npm run build\nCMD ["http-server", "dist"]\n',
      errors: [{ line: 5, column: 25, endColumn: 45, messageId: 'bundle' }],
    },
    {
      // jonatanav255/Book-Collection-Front-End (review set 86): the build stage's standalone output is the image.
      name: "a front-end variable read by a build stage whose output the final stage copies (Next.js's standalone server)",
      code: 'FROM node:20-alpine AS build\nWORKDIR /app\nCOPY . .\nARG NEXT_PUBLIC_API_URL\nENV NEXT_PUBLIC_API_URL=$NEXT_PUBLIC_API_URL\nRUN npm run build\nFROM node:20-alpine\nWORKDIR /app\nCOPY --from=build /app/.next/standalone ./\nCMD ["node", "server.js"]\n',
      errors: [{ line: 5, column: 25, endColumn: 45, messageId: 'bundle' }],
    },
    {
      // yuhuishi-convect/linode-cost-assistent: the bundle built in the first stage is served by caddy.
      name: 'a front-end variable read by a build stage whose bundle a web server serves',
      code: 'FROM node:16-alpine AS build-env\nARG REACT_APP_API_URL\nENV REACT_APP_API_URL=$REACT_APP_API_URL\nADD . /app\nWORKDIR /app\nRUN yarn install && yarn build\nFROM caddy:2.4.5-alpine\nCOPY --from=build-env /app/build /usr/share/caddy\n',
      errors: [{ line: 3, column: 23, messageId: 'bundle' }],
    },
  ],
});
