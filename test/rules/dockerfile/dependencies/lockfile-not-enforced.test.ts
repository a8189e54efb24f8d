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
    {
      name: 'cargo build --locked, and --frozen, in the dependency-caching layout',
      code: 'FROM rust:1.83-slim AS build\nWORKDIR /src\nCOPY Cargo.toml Cargo.lock ./\nRUN mkdir src && echo "fn main() {}" > src/main.rs && cargo build --release --locked\nCOPY src ./src\nRUN --mount=type=cache,target=/usr/local/cargo/registry cargo build --frozen --release\n',
    },
    { name: 'cargo install --locked --path', code: 'FROM rust:1.83 AS build\nCOPY . .\nRUN cargo install --locked --path .\n', buildContext: { dockerignore: null, present: { 'Cargo.lock': true } } },
    { name: 'bun install --frozen-lockfile', code: 'FROM oven/bun:1.2 AS build\nWORKDIR /app\nCOPY package.json bun.lock ./\nRUN bun install --frozen-lockfile\n' },
    { name: 'cargo build after a locked cargo vendor reads the vendored crates', code: 'FROM rust:1.83 AS build\nWORKDIR /src\nCOPY Cargo.toml Cargo.lock ./\nCOPY src ./src\nRUN mkdir .cargo && cargo vendor --locked > .cargo/config.toml\nRUN cargo build --release --offline\n' },
    { name: 'a library crate with no lock: nothing to enforce', code: 'FROM rust:1.83\nCOPY Cargo.toml ./\nCOPY src ./src\nRUN cargo build --release\n' },
    { name: 'cargo install of a named crate is a tool, not the project', code: 'FROM rust:1.83\nCOPY Cargo.toml Cargo.lock ./\nRUN cargo install cargo-chef --version 0.1.68 --locked && cargo chef cook --release\n' },
    {
      name: "a lock file copied under another name, and one in a folder copied elsewhere than where the install runs (Homarr)",
      code: 'FROM node:20.2.0-slim\nWORKDIR /app\nCOPY package.json ./temp_package.json\nCOPY yarn.lock ./temp_yarn.lock\nCOPY ./cli ./cli\nRUN cp ./migrate/package.json ./package.json\nRUN yarn\n',
      buildContext: { dockerignore: null, present: { 'yarn.lock': true, 'cli/yarn.lock': true } },
    },
    { name: "a lock file in another folder than --cwd's", code: 'FROM node:20-slim\nWORKDIR /app\nCOPY cli cli\nRUN yarn --cwd web install\n', buildContext: { dockerignore: null, present: { 'cli/yarn.lock': true } } },
    {
      // EvgeniyBudaev/base-docker-go-next (the Next.js example's lock-file chain): the context holds only package-lock.json.
      name: 'a branch that runs only with a lock file the context lacks',
      code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package.json yarn.lock* package-lock.json* pnpm-lock.yaml* ./\nRUN if [ -f yarn.lock ]; then yarn --frozen-lockfile; \\\n  elif [ -f package-lock.json ]; then npm ci; \\\n  elif [ -f pnpm-lock.yaml ]; then corepack enable pnpm && pnpm i; \\\n  else exit 1; fi\n',
      buildContext: { dockerignore: null, files: { 'package-lock.json': { uri: 'file:///w/package-lock.json', text: '{}' } }, present: { 'package-lock.json': true, 'yarn.lock': false, 'pnpm-lock.yaml': false } },
    },
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
    {
      name: 'cargo build with Cargo.lock copied, shell and exec form',
      code: 'FROM rust:1.83-slim AS build\nWORKDIR /src\nCOPY Cargo.toml Cargo.lock ./\nCOPY src ./src\nRUN cargo build --release\nRUN ["cargo", "build", "--release", "--bin", "worker"]\n',
      errors: [
        { line: 5, column: 5, endColumn: 16, message: '`cargo build` may rewrite Cargo.lock instead of failing when it is stale; add --locked.' },
        { line: 6, column: 6, endColumn: 22, messageId: 'notFrozen' },
      ],
      output: 'FROM rust:1.83-slim AS build\nWORKDIR /src\nCOPY Cargo.toml Cargo.lock ./\nCOPY src ./src\nRUN cargo build --locked --release\nRUN ["cargo", "build", "--locked", "--release", "--bin", "worker"]\n',
    },
    {
      name: 'cargo install --path after copying the whole context, which holds Cargo.lock',
      code: 'FROM rust:1.83 AS build\nWORKDIR /usr/src/app\nCOPY . .\nRUN cargo install --path=. --root /out\n',
      buildContext: { dockerignore: null, present: { 'Cargo.lock': true } },
      errors: [{ line: 4, column: 5, endColumn: 18, messageId: 'ignoresLock', message: 'ignores Cargo.lock' }],
      output: 'FROM rust:1.83 AS build\nWORKDIR /usr/src/app\nCOPY . .\nRUN cargo install --locked --path=. --root /out\n',
    },
    {
      name: 'bun install with bun.lock, and cargo vendor without --locked (the build after it is not reported again)',
      code: 'FROM oven/bun:1.2 AS web\nWORKDIR /app\nCOPY package.json bun.lock ./\nRUN bun install\nFROM rust:1.83 AS build\nWORKDIR /src\nCOPY Cargo.toml Cargo.lock ./\nCOPY src ./src\nRUN mkdir .cargo && cargo vendor > .cargo/config.toml && cargo build --release\n',
      errors: [
        { line: 4, column: 5, endColumn: 16, message: '`bun install` may rewrite bun.lock instead of failing when it is stale; add --frozen-lockfile.' },
        { line: 9, column: 21, endColumn: 33, message: '`cargo vendor` may rewrite Cargo.lock' },
      ],
      output: 'FROM oven/bun:1.2 AS web\nWORKDIR /app\nCOPY package.json bun.lock ./\nRUN bun install --frozen-lockfile\nFROM rust:1.83 AS build\nWORKDIR /src\nCOPY Cargo.toml Cargo.lock ./\nCOPY src ./src\nRUN mkdir .cargo && cargo vendor --locked > .cargo/config.toml && cargo build --release\n',
    },
    {
      name: 'Yarn 1 --pure-lockfile keeps the lock file but not the install to it (Mastodon)',
      code: 'FROM node:20-bookworm-slim\nWORKDIR /opt/mastodon\nCOPY package.json yarn.lock ./\nRUN yarn install --pure-lockfile --network-timeout 600000\n',
      errors: [{ line: 4, column: 5, endColumn: 17, messageId: 'pureLockfile', message: 'does not write yarn.lock, but when it is stale installs what package.json resolves to instead of failing; add --frozen-lockfile.' }],
      output: 'FROM node:20-bookworm-slim\nWORKDIR /opt/mastodon\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile --pure-lockfile --network-timeout 600000\n',
    },
    {
      name: "a folder with its lock file, installed after `cd` into it (TeslaMate's assets)",
      code: 'FROM node:20-slim\nWORKDIR /opt/app\nCOPY assets assets\nRUN cd assets && yarn install && yarn deploy\n',
      buildContext: { dockerignore: null, present: { 'assets/yarn.lock': true } },
      errors: [{ line: 4, column: 18, endColumn: 30, messageId: 'notFrozen' }],
      output: 'FROM node:20-slim\nWORKDIR /opt/app\nCOPY assets assets\nRUN cd assets && yarn install --frozen-lockfile && yarn deploy\n',
    },
    {
      name: "a folder with its lock file, installed with yarn's --cwd (pinchflat's assets)",
      code: 'FROM elixir:1.17\nWORKDIR /app\nCOPY assets assets\nRUN yarn --cwd assets install\n',
      buildContext: { dockerignore: null, present: { 'assets/yarn.lock': true } },
      errors: [{ line: 4, column: 5, endColumn: 30, messageId: 'notFrozen' }],
      output: 'FROM elixir:1.17\nWORKDIR /app\nCOPY assets assets\nRUN yarn --cwd assets install --frozen-lockfile\n',
    },
    {
      name: 'the same chain where the context holds pnpm-lock.yaml: its branch runs',
      code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package.json yarn.lock* package-lock.json* pnpm-lock.yaml* ./\nRUN if [ -f yarn.lock ]; then yarn --frozen-lockfile; \\\n  elif [ -f package-lock.json ]; then npm ci; \\\n  elif [ -f pnpm-lock.yaml ]; then corepack enable pnpm && pnpm i; \\\n  else exit 1; fi\n',
      buildContext: { dockerignore: null, present: { 'package-lock.json': false, 'yarn.lock': false, 'pnpm-lock.yaml': true } },
      errors: [{ line: 6, column: 60, endColumn: 66, messageId: 'notFrozen', message: 'pnpm-lock.yaml' }],
      output: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package.json yarn.lock* package-lock.json* pnpm-lock.yaml* ./\nRUN if [ -f yarn.lock ]; then yarn --frozen-lockfile; \\\n  elif [ -f package-lock.json ]; then npm ci; \\\n  elif [ -f pnpm-lock.yaml ]; then corepack enable pnpm && pnpm i --frozen-lockfile; \\\n  else exit 1; fi\n',
    },
  ],
});
