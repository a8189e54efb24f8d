import rule from '../../../../server/src/core/rules/dockerfile/config/secret-build-arg';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'declared but unused', code: 'FROM node:20-slim\nARG NPM_TOKEN\nRUN npm ci\n' },
    { name: 'BuildKit secret mount', code: 'FROM node:20-slim\nCOPY package*.json ./\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci\n' },
    { name: 'non-secret build args', code: 'FROM node:20-slim\nARG VERSION\nARG TOKEN_HEADER\nRUN echo $VERSION $TOKEN_HEADER > /version\n' },
    { name: 'literal default is the other rule', code: 'FROM node:20-slim\nARG NPM_TOKEN=npm_abcdefghijklmnopqrstuvwxyz0123456789\nRUN echo $NPM_TOKEN\n' },
    { name: 'a key the front-end build publishes in the browser bundle (Infisical: VITE_POSTHOG_API_KEY)', code: 'ARG POSTHOG_API_KEY=posthog-api-key\nFROM node:20 AS frontend\nARG POSTHOG_API_KEY\nENV VITE_POSTHOG_API_KEY $POSTHOG_API_KEY\nRUN npm run build\nFROM node:20-slim\nARG POSTHOG_API_KEY\nENV POSTHOG_API_KEY=$POSTHOG_API_KEY\nCMD ["node", "server.js"]\n' },
    {
      // ecds/beckett-data-api (review set 81): the key the Rails process reads, kept in the image's ENV; that is
      // config/build-arg-frozen-into-env's finding (supply it at run time), not a build secret for a secret mount.
      name: "an argument the final image keeps in its ENV for its process, read by no later build step",
      code: 'FROM ruby:3.3.4\nARG RAILS_MASTER_KEY\nWORKDIR /usr/src/app\nENV RAILS_MASTER_KEY=$RAILS_MASTER_KEY\nENV RAILS_ENV=production\nCOPY Gemfile* ./\nRUN bundle install\nCOPY . .\nCMD ["bundle", "exec", "puma"]\n',
    },
  ],
  invalid: [
    {
      name: 'token written to .npmrc in a builder stage',
      code: 'FROM node:20 AS deps\nARG NPM_TOKEN\nRUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc\nFROM node:20-slim\n',
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 14, messageId: 'buildArg' }],
    },
    {
      name: 'persisted into ENV',
      code: 'FROM python:3.12-slim\nARG PYPI_PASSWORD\nENV PYPI_PASSWORD=$PYPI_PASSWORD\nRUN pip install --extra-index-url "https://me:${PYPI_PASSWORD}@pypi.example.com/simple" app\n',
      errors: [{ line: 2, column: 5, endColumn: 18 }],
    },
    {
      name: 'several args, one used across a continuation',
      code: 'FROM golang:1.22\nARG GITHUB_TOKEN GOPROXY_URL\nRUN git config --global url."https://x:$GITHUB_TOKEN@github.com/".insteadOf "https://github.com/" \\\n && go mod download\n',
      errors: [{ line: 2, column: 5, endColumn: 17, message: 'GITHUB_TOKEN' }],
    },
  ],
});
