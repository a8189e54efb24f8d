import rule from '../../../../server/src/core/rules/dockerfile/admin-processes/migration-in-start-command';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'a migration image is the one-off process', code: 'FROM python:3.12-slim\nCMD ["alembic", "upgrade", "head"]\n' },
    { name: 'migrations at build time of a test stage', code: 'FROM node:20 AS test\nCMD ["sh", "-c", "npx prisma migrate deploy && npm test"]\nFROM node:20-slim\nCMD ["node", "server.js"]\n' },
    { name: 'status check is not a migration', code: 'FROM python:3.12-slim\nCMD ["sh", "-c", "python manage.py check --deploy && exec gunicorn app.wsgi"]\n' },
  ],
  invalid: [
    {
      name: 'Django migrate before gunicorn',
      code: 'FROM python:3.12-slim\nCMD ["sh", "-c", "python manage.py migrate --noinput && exec gunicorn app.wsgi"]\n',
      errors: [{ line: 2, column: 19, endLine: 2, endColumn: 43, messageId: 'chained', message: '`python manage.py migrate`' }],
    },
    {
      name: 'prisma migrate deploy in shell form',
      code: 'FROM node:20-alpine\nCMD npx prisma migrate deploy && node dist/main.js\n',
      errors: [{ line: 3 - 1, column: 9, endColumn: 30, message: 'prisma migrate deploy' }],
    },
    {
      name: 'rails db:prepare and seed with continuation',
      code: 'FROM ruby:3.3-slim\nCMD bundle exec rails db:prepare && \\\n    bundle exec rails db:seed && \\\n    exec bundle exec puma -C config/puma.rb\n',
      errors: [{ line: 2, column: 17, endColumn: 33 }, { line: 3, column: 17, endColumn: 30 }],
    },
  ],
});
