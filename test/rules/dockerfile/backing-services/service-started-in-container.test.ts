import rule from '../../../../server/src/core/rules/dockerfile/backing-services/service-started-in-container';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'service image starting itself', code: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y redis-server\nCMD ["redis-server", "--appendonly", "yes"]\n' },
    { name: 'started in a test stage only', code: 'FROM python:3.12 AS test\nRUN service postgresql start && pytest\nFROM python:3.12-slim\nCMD ["gunicorn", "app:app"]\n' },
    { name: 'official image with its entrypoint', code: 'FROM postgres:16\nCOPY init.sql /docker-entrypoint-initdb.d/\nCMD ["postgres", "-c", "max_connections=200"]\n' },
    { name: 'a client command is not a server', code: 'FROM node:20-slim\nCMD ["sh", "-c", "redis-cli -h $REDIS_HOST ping && exec node server.js"]\n' },
  ],
  invalid: [
    {
      name: 'service start before the app',
      code: 'FROM node:20\nCMD service redis-server start && node server.js\n',
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 31, messageId: 'atStart', message: 'Redis' }],
    },
    {
      name: 'daemonised mysqld in an exec-form shell',
      code: 'FROM php:8.3-apache\nENTRYPOINT ["sh", "-c", "mysqld_safe & apache2-foreground"]\n',
      errors: [{ line: 2, column: 26, endColumn: 37, message: 'MySQL' }],
    },
    {
      name: 'database initialised during the build, continuation',
      code: 'FROM ubuntu:24.04\nRUN service postgresql start \\\n && su postgres -c "createdb app"\nCMD ["/app/server"]\n',
      errors: [{ line: 2, column: 5, endColumn: 29, messageId: 'atBuild' }],
    },
  ],
});
