import rule from '../../../../server/src/core/rules/dockerfile/config/literal-secret-env';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'reference to a build arg or runtime variable', code: 'FROM node:20-slim\nARG NPM_TOKEN\nENV NPM_TOKEN=$NPM_TOKEN DB_PASSWORD=${DB_PASSWORD}\n' },
    { name: 'paths and switches under secret-like names', code: 'FROM python:3.12-slim\nENV DB_PASSWORD_FILE=/run/secrets/db_password \\\n    GOOGLE_APPLICATION_CREDENTIALS=/var/secrets/google/key.json \\\n    MYSQL_ALLOW_EMPTY_PASSWORD=yes\n' },
    { name: 'placeholders', code: 'FROM ruby:3.3-slim\nENV SECRET_KEY_BASE=changeme API_KEY=""\n' },
    { name: 'a URL without credentials and a GPG key id', code: 'FROM python:3.12\nENV DATABASE_URL=postgres://db:5432/app GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D\n' },
    { name: 'connection string with the password from a variable', code: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nENV ConnectionStrings__Db="Server=db;Database=app;User Id=app;Password=${DB_PASSWORD}"\n' },
    { name: 'timing settings', code: 'FROM node:20-slim\nENV JWT_SECRET_EXPIRES_IN=3600 TOKEN_TTL=900\n' },
    // formbricks: values the build needs set, replaced at run time, and saying so.
    { name: 'values that call themselves placeholders', code: 'FROM node:22-alpine AS builder\nENV NEXTAUTH_SECRET="placeholder_for_next_auth_of_64_chars_get_overwritten_at_runtime"\nENV ENCRYPTION_KEY="placeholder_for_build_key_of_64_chars_get_overwritten_at_runtime"\nRUN pnpm build\nFROM node:22-alpine\nCMD ["node", "server.js"]\n' },
    { name: 'how long a token or session lasts', code: 'FROM python:3.12-slim\nENV ACCESS_TOKEN_EXPIRE_MINUTES=30 REFRESH_TOKEN_EXPIRE=7d SESSION_TOKEN_LIFETIME=86400 PASSWORD_RESET_TOKEN_TIMEOUT=3600\n' },
    // organize2: a dummy the asset build needs, in a URL whose host is the word `host`.
    { name: 'a URL whose host is a fill-in word', code: 'FROM ruby:3.2\nENV DATABASE_URL="postgres://postgres:password@host/notreal"\nRUN bundle exec rake assets:precompile\n' },
  ],
  invalid: [
    {
      name: 'password by name',
      code: 'FROM node:20-slim\nENV NODE_ENV=production DB_PASSWORD=s3cr3t-Pa55\n',
      errors: [{ line: 2, column: 37, endLine: 2, endColumn: 48, messageId: 'secret', message: 's3**' }],
    },
    {
      name: 'AWS key by shape in a builder stage, legacy syntax',
      code: 'FROM python:3.12 AS build\nENV AWS_ACCESS_KEY_ID AKIAIOSFODNN7EXAMPLE\nFROM python:3.12-slim\n',
      errors: [{ line: 2, column: 23, endColumn: 43, message: 'an AWS access key id' }],
    },
    {
      name: 'credentials inside a URL, quoted, CRLF',
      code: 'FROM python:3.12-slim\r\nENV DATABASE_URL="postgres://app:hunter2xyz@db.internal:5432/app"\r\n',
      errors: [{ line: 2, column: 18, endColumn: 66, message: 'postgres://app:****@db.internal' }],
    },
    {
      name: 'password inside a .NET connection string, Windows escape directive',
      code: '# escape=`\nFROM mcr.microsoft.com/dotnet/framework/aspnet:4.8\nENV ConnectionStrings__Db="Server=sql01;Database=app;User Id=app;Password=Pa55w0rd!"\n',
      errors: [{ line: 3, column: 27, message: 'Password=****' }],
    },
    {
      name: 'secret on a continuation line',
      code: 'FROM ruby:3.3-slim\nENV RAILS_ENV=production \\\n    SECRET_KEY_BASE=9f86d081884c7d659a2feaa0c55ad015\n',
      errors: [{ line: 3, column: 21, message: 'SECRET_KEY_BASE' }],
    },
  ],
});
