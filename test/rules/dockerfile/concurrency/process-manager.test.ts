import rule from '../../../../server/src/core/rules/dockerfile/concurrency/process-manager';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'pm2-runtime is the container-friendly pm2', code: 'FROM node:20-alpine\nRUN npm install -g pm2\nCOPY . /app\nCMD ["pm2-runtime", "ecosystem.config.js"]\n' },
    { name: 'tini as init with one process', code: 'FROM node:20-slim\nRUN apt-get update && apt-get install -y --no-install-recommends tini\nENTRYPOINT ["tini", "--"]\nCMD ["node", "server.js"]\n' },
    { name: 'supervisor only in a builder stage', code: 'FROM python:3.12 AS build\nRUN pip install supervisor && supervisord --version\nFROM python:3.12-slim\nCMD ["gunicorn", "app:app"]\n' },
    { name: 'honcho used for something else than start', code: 'FROM python:3.12-slim\nCMD ["honcho", "check"]\n' },
  ],
  invalid: [
    {
      name: 'supervisord as the start command',
      code: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y supervisor nginx\nCOPY supervisord.conf /etc/supervisor/conf.d/app.conf\nCMD ["/usr/bin/supervisord", "-n"]\n',
      errors: [{ line: 4, column: 6, endLine: 4, endColumn: 28, messageId: 'started', message: '`supervisord`' }],
    },
    {
      name: 'pm2 start with no-daemon through a shell',
      code: 'FROM node:20\nRUN npm i -g pm2\nCMD pm2 start app.js --no-daemon\n',
      errors: [{ line: 3, column: 5, endLine: 3, endColumn: 8, messageId: 'pm2' }],
    },
    {
      name: 'supervisor installed, started from an entrypoint script',
      code: 'FROM ubuntu:24.04\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends \\\n      supervisor cron\nENTRYPOINT ["/docker-entrypoint.sh"]\n',
      errors: [{ line: 4, column: 7, endColumn: 17, messageId: 'installed' }],
    },
    {
      name: 'forever via npx after exec',
      code: 'FROM node:20-alpine\nCMD ["sh", "-c", "exec npx forever server.js"]\n',
      errors: [{ line: 2, column: 28, messageId: 'started' }],
    },
    {
      name: 'honcho start runs a Procfile of process types',
      code: 'FROM python:3.12-slim\r\nCMD ["honcho", "start"]\r\n',
      errors: [{ line: 2, column: 6, messageId: 'started' }],
    },
  ],
});
