import rule from '../../../../server/src/core/rules/dockerfile/dependencies/lockfile-not-enforced';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'yarn with --frozen-lockfile', code: 'FROM node:20-alpine\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile --production\n' },
    { name: 'pnpm frozen with a cache mount', code: 'FROM node:20-slim\nCOPY package.json pnpm-lock.yaml ./\nRUN --mount=type=cache,id=pnpm,target=/pnpm/store pnpm install --frozen-lockfile\n' },
    { name: 'Bundler frozen by configuration', code: 'FROM ruby:3.3-slim\nENV BUNDLE_FROZEN=true\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install\n' },
    { name: 'no lock copied: nothing to enforce', code: 'FROM node:20-alpine\nCOPY package.json ./\nRUN yarn install\n' },
    { name: 'yarn add of a named package', code: 'FROM node:20-alpine\nCOPY package.json yarn.lock ./\nRUN yarn add left-pad\n' },
    { name: 'uv sync --locked', code: 'FROM python:3.12-slim\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --locked --no-dev\n' },
  ],
  invalid: [
    {
      name: 'bare yarn with yarn.lock',
      code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package.json yarn.lock ./\nRUN yarn\n',
      errors: [{ line: 4, column: 5, endLine: 4, endColumn: 9, messageId: 'notFrozen' }],
      output: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package.json yarn.lock ./\nRUN yarn --frozen-lockfile\n',
    },
    {
      name: 'Yarn 2+ project gets --immutable',
      code: 'FROM node:20\nCOPY package.json yarn.lock .yarnrc.yml ./\nCOPY .yarn ./.yarn\nRUN yarn install && yarn build\n',
      errors: [{ line: 4, column: 5, endColumn: 17 }],
      output: 'FROM node:20\nCOPY package.json yarn.lock .yarnrc.yml ./\nCOPY .yarn ./.yarn\nRUN yarn install --immutable && yarn build\n',
    },
    {
      name: 'pnpm and pipenv in two stages, CRLF',
      code: 'FROM node:20 AS web\r\nCOPY package.json pnpm-lock.yaml ./\r\nRUN pnpm install --prod\r\nFROM python:3.12-slim\r\nCOPY Pipfile Pipfile.lock ./\r\nRUN pip install pipenv==2024.0.1 && pipenv install --system\r\n',
      errors: [{ line: 3, column: 5, endColumn: 17, message: 'pnpm-lock.yaml' }, { line: 6, column: 37, endColumn: 51, message: 'Pipfile.lock' }],
      output: 'FROM node:20 AS web\r\nCOPY package.json pnpm-lock.yaml ./\r\nRUN pnpm install --frozen-lockfile --prod\r\nFROM python:3.12-slim\r\nCOPY Pipfile Pipfile.lock ./\r\nRUN pip install pipenv==2024.0.1 && pipenv install --deploy --system\r\n',
    },
    {
      name: 'bundle install without frozen config has no single safe flag',
      code: 'FROM ruby:3.3\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install --jobs 4\n',
      errors: [{ line: 3, column: 5, endColumn: 19, message: 'BUNDLE_FROZEN' }],
      output: null,
    },
    {
      name: 'yarn install after copying the whole context, which holds yarn.lock',
      code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN yarn install\n',
      buildContext: { dockerignore: null, present: { 'yarn.lock': true } },
      errors: [{ line: 4, column: 5, messageId: 'notFrozen' }],
      output: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN yarn install --frozen-lockfile\n',
    },
  ],
});
