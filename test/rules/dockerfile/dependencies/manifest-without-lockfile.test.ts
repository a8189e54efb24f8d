import rule from '../../../../server/src/core/rules/dockerfile/dependencies/manifest-without-lockfile';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'package*.json includes the lock', code: 'FROM node:20-alpine\nCOPY package*.json ./\nRUN npm install\n' },
    { name: 'lock copied by a separate instruction', code: 'FROM ruby:3.3-slim\nCOPY Gemfile ./\nCOPY Gemfile.lock ./\nRUN bundle install\n' },
    { name: 'whole context copied before the install', code: 'FROM node:20\nCOPY package.json ./\nCOPY . .\nRUN yarn install\n' },
    { name: 'pyproject installed with pip (no lock concept)', code: 'FROM python:3.12-slim\nCOPY pyproject.toml ./\nRUN pip install .\n' },
    { name: 'global tool install only', code: 'FROM node:20\nCOPY package.json ./\nRUN npm install -g serve@14.2.3\n' },
    { name: 'lock as a glob', code: 'FROM php:8.3-fpm\nCOPY composer.json composer.lock* ./\nRUN composer install --no-dev\n' },
    { name: 'the whole context copied into the folder the manifest went to', code: 'FROM rust:1.79 AS build\nWORKDIR /app\nCOPY Cargo.toml /app/\nCOPY . /app/\nRUN cargo build --release\n' },
    { name: 'a folder copied to where the manifest is, by a path ending in its name', code: 'FROM ruby:3.3\nWORKDIR /srv\nCOPY Gemfile /srv/Gemfile\nCOPY app/ ./\nRUN bundle install\n' },
    {
      name: "the Next.js example's lock-file chain where the context holds package-lock.json: the yarn branch never runs",
      code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package.json yarn.lock* package-lock.json* pnpm-lock.yaml* ./\nRUN if [ -f yarn.lock ]; then yarn --frozen-lockfile; \\\n  elif [ -f package-lock.json ]; then npm ci; \\\n  elif [ -f pnpm-lock.yaml ]; then corepack enable pnpm && pnpm i; \\\n  else exit 1; fi\n',
      buildContext: { dockerignore: null, files: { 'package-lock.json': { uri: 'file:///w/package-lock.json', text: '{}' } }, present: { 'package-lock.json': true, 'yarn.lock': false, 'pnpm-lock.yaml': false } },
    },
  ],
  invalid: [
    {
      name: 'package.json alone before npm install',
      code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package.json ./\nRUN npm install --omit=dev\n',
      errors: [{ line: 3, column: 6, endLine: 3, endColumn: 18, messageId: 'noLock', message: 'package-lock.json' }],
    },
    {
      name: 'Gemfile without Gemfile.lock, builder stage, continuation',
      code: 'FROM ruby:3.3 AS gems\nCOPY Gemfile \\\n     /app/\nRUN cd /app && bundle install\nFROM ruby:3.3-slim\n',
      errors: [{ line: 2, column: 6, endColumn: 13, message: 'Gemfile.lock' }],
    },
    {
      name: 'poetry install with pyproject only, CRLF',
      code: 'FROM python:3.12-slim\r\nCOPY pyproject.toml README.md ./\r\nRUN pip install poetry==1.8.3 && poetry install --no-root\r\n',
      errors: [{ line: 2, column: 6, endColumn: 20, message: 'poetry.lock' }],
    },
    {
      name: 'composer.json in JSON form',
      code: 'FROM composer:2 AS vendor\nCOPY ["composer.json", "/app/"]\nRUN composer install --no-dev\n',
      errors: [{ line: 2, column: 7, endColumn: 22 }],
    },
    {
      name: "dashy: `COPY package*.json ./` cannot bring yarn.lock, the only lock `yarn` reads",
      code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN yarn\n',
      errors: [{ line: 3, column: 6, endColumn: 19, message: 'without a lock file (yarn.lock)' }],
    },
    {
      // bojand/sample-rust-axum: the sources go to /app/src and /app/templates, which cannot put a Cargo.lock in /app.
      name: 'folders copied into subfolders of the one the manifest went to',
      code: 'FROM rust:1.79 AS build\nWORKDIR /app\nCOPY Cargo.toml /app/\nCOPY src /app/src/\nCOPY templates /app/templates/\nRUN cargo build --release\n',
      errors: [{ line: 3, column: 6, endColumn: 16, message: '`Cargo.toml` is installed without a lock file' }],
    },
  ],
});
