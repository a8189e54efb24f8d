import rule from '../../../../server/src/core/rules/dockerfile/codebase/copy-git-metadata';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: '.git only in a builder stage', code: 'FROM node:20 AS build\nCOPY .git ./.git\nRUN git rev-parse HEAD > /version\nFROM node:20-slim\nCOPY --from=build /version /version\n' },
    { name: '.gitignore and .gitmodules are not the repository', code: 'FROM python:3.12-slim\nCOPY .gitignore .gitmodules ./\n' },
    { name: 'ADD of a git URL without keeping the git dir', code: 'FROM alpine:3.20\nADD --keep-git-dir=false https://github.com/acme/x.git#v1.0.0 /src\n' },
    { name: 'whole context copy (left to .dockerignore)', code: 'FROM ruby:3.3-slim\nCOPY . /app\n' },
  ],
  invalid: [
    {
      name: '.git copied alone (no safe fix)',
      code: 'FROM node:20-slim\nWORKDIR /app\nCOPY .git ./.git\n',
      errors: [{ line: 3, column: 6, endLine: 3, endColumn: 10, messageId: 'copied' }],
      output: null,
    },
    {
      name: '.git among other sources is removed',
      code: 'FROM python:3.12-slim\nCOPY --chown=app:app .git src/ ./\n',
      errors: [{ line: 2, column: 22, endColumn: 26 }],
      output: 'FROM python:3.12-slim\nCOPY --chown=app:app src/ ./\n',
    },
    {
      name: 'copied from a builder stage into the final stage',
      code: 'FROM node:20 AS build\nRUN npm ci\nFROM node:20-slim\nCOPY --from=build /src/.git/ /app/.git/\n',
      errors: [{ line: 4, column: 19, endColumn: 29 }],
      output: null,
    },
    {
      name: 'ADD --keep-git-dir',
      code: 'FROM alpine:3.20\nADD --keep-git-dir=true https://github.com/acme/x.git#v1.0.0 /src\n',
      errors: [{ line: 2, column: 5, endColumn: 24, messageId: 'keepGitDir' }],
      output: null,
    },
  ],
});
