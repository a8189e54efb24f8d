import rule from '../../../../server/src/core/rules/dockerfile/backing-services/service-started-in-container';
import { testRule } from '../../../helpers/rule-tester';

const script = (text: string, path = 'docker-entrypoint.sh') => ({ files: { [path]: { uri: `file:///workspace/${path}`, text } } });
const APP = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCOPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\n';

testRule(rule, {
  valid: [
    { name: 'service image starting itself', code: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y redis-server\nCMD ["redis-server", "--appendonly", "yes"]\n' },
    { name: 'started in a test stage only', code: 'FROM python:3.12 AS test\nRUN service postgresql start && pytest\nFROM python:3.12-slim\nCMD ["gunicorn", "app:app"]\n' },
    { name: 'official image with its entrypoint', code: 'FROM postgres:16\nCOPY init.sql /docker-entrypoint-initdb.d/\nCMD ["postgres", "-c", "max_connections=200"]\n' },
    { name: 'a client command is not a server', code: 'FROM node:20-slim\nCMD ["sh", "-c", "redis-cli -h $REDIS_HOST ping && exec node server.js"]\n' },
    { name: 'an entrypoint script that waits for the database and starts the app', code: APP, buildContext: script('#!/bin/sh\nset -e\nuntil pg_isready -h "$DB_HOST"; do sleep 1; done\nexec gunicorn app:app\n') },
    { name: 'an entrypoint script whose last command is the service: a service image', code: 'FROM debian:bookworm-slim\nCOPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\n', buildContext: script('#!/bin/sh\npg_ctl -D "$PGDATA" -w start\npsql -f /init.sql\npg_ctl -D "$PGDATA" -m fast -w stop\nexec postgres\n') },
    { name: 'a service started only in a branch of the script', code: APP, buildContext: script('#!/bin/sh\nif [ "$WITH_REDIS" = 1 ]; then\n  redis-server --daemonize yes\nfi\nexec gunicorn app:app\n') },
    { name: 'a development image\'s script', code: APP.replace('FROM python:3.12-slim', 'FROM python:3.12-slim AS base\nFROM base AS dev'), buildContext: script('#!/bin/sh\nservice redis-server start\nexec flask run\n') },
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
    {
      name: 'an entrypoint script that starts Redis and PostgreSQL before the app',
      code: APP,
      buildContext: script('#!/bin/bash\nset -e\nservice redis-server start\nservice postgresql start\npython manage.py migrate\nexec gunicorn app.wsgi -b 0.0.0.0:8000\n'),
      errors: [{ line: 5, column: 13, endColumn: 35, messageId: 'inScript', message: '`docker-entrypoint.sh`, which the container starts with, also starts Redis and PostgreSQL', relatedLines: [3, 4] }],
    },
  ],
});
