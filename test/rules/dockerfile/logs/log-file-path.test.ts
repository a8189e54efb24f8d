import rule from '../../../../server/src/core/rules/dockerfile/logs/log-file-path';
import { testRule } from '../../../helpers/rule-tester';

const ENTRYPOINT = 'FROM python:3.11-slim\nWORKDIR /home/app/web\nCOPY . /home/app/web\nENTRYPOINT ["/home/app/web/entrypoint.sh"]\n';
const script = (text: string) => ({ files: { 'entrypoint.sh': { uri: 'file:///workspace/entrypoint.sh', text } } });

testRule(rule, {
  valid: [
    { name: 'gunicorn logs to stdout with -', code: 'FROM python:3.12-slim\nCMD ["gunicorn", "--access-logfile", "-", "--error-logfile", "-", "app:app"]\n' },
    { name: 'a config file generated at start is not a log', code: 'FROM nginx:1.27-alpine\nCMD ["/bin/sh", "-c", "envsubst < /etc/nginx/nginx.conf.template > /etc/nginx/nginx.conf && exec nginx -g \'daemon off;\'"]\n' },
    { name: 'stderr merged into stdout', code: 'FROM node:20-slim\nCMD ["sh", "-c", "exec node server.js 2>&1"]\n' },
    { name: 'log file only while building', code: 'FROM golang:1.22 AS build\nRUN go test ./... > /tmp/test.log 2>&1\nFROM gcr.io/distroless/static\nENV LOG_LEVEL=info LOG_FORMAT=json\nENTRYPOINT ["/app"]\n' },
    { name: 'LOG_FILE pointed at stdout', code: 'FROM eclipse-temurin:21-jre\nENV LOG_FILE=/dev/stdout\nCMD ["java", "-jar", "/app.jar"]\n' },
    {
      name: "an entrypoint script that logs to stdout, and one that notes its start in a file with echo (Wallos)",
      code: ENTRYPOINT,
      buildContext: script('#!/bin/sh\necho "Startup script is running..." > /var/log/startup.log\nexec gunicorn app.wsgi --access-logfile - --error-logfile -\n'),
    },
    { name: 'a script the Dockerfile does not copy is not read', code: ENTRYPOINT.replace('COPY . /home/app/web\n', ''), buildContext: script('#!/bin/sh\nexec gunicorn app.wsgi --log-file=/home/app/gunicorn.log\n') },
  ],
  invalid: [
    {
      name: 'gunicorn access log under /var/log',
      code: 'FROM python:3.12-slim\nCMD ["gunicorn", "--access-logfile", "/var/log/gunicorn/access.log", "app:app"]\n',
      errors: [{ line: 2, column: 39, endLine: 2, endColumn: 67, messageId: 'option', message: '/var/log/gunicorn/access.log' }],
    },
    {
      name: 'append redirection in a shell-form CMD with continuation',
      code: 'FROM node:20-alpine\nCMD node server.js \\\n    >> /app/logs/app.log 2>&1\n',
      errors: [{ line: 3, column: 8, endLine: 3, endColumn: 25, messageId: 'redirect' }],
    },
    {
      name: 'Spring log file option and env',
      code: 'FROM eclipse-temurin:21-jre\nENV LOGGING_FILE_NAME=/var/log/app/app.log\nENTRYPOINT ["java", "-Dlogging.file.name=/tmp/app.log", "-jar", "/app.jar"]\n',
      errors: [
        { line: 2, column: 23, endColumn: 43, messageId: 'env' },
        { line: 3, column: 42, endColumn: 54, messageId: 'option' },
      ],
    },
    {
      name: 'inline redirection target inside sh -c',
      code: 'FROM python:3.12-slim\nCMD ["sh", "-c", "exec python worker.py >>/var/log/worker.log"]\n',
      errors: [{ line: 2, column: 43, endColumn: 62, messageId: 'redirect' }],
    },
    {
      name: "an entrypoint script that sends gunicorn's log to a file (munkiwebadmin) and redirects a worker's output",
      code: ENTRYPOINT,
      buildContext: script('#!/bin/sh\ngunicorn app.wsgi \\\n  --log-level=warn \\\n  --log-file=/home/app/gunicorn.log \\\n  --daemon\ncelery -A app worker >> /var/log/celery/worker.log 2>&1 &\nexec nginx -g "daemon off;"\n'),
      errors: [{ line: 4, column: 13, endColumn: 42, messageId: 'inScript', message: '`entrypoint.sh` has `gunicorn` write its log to `/home/app/gunicorn.log` inside the container (`--log-file`)', relatedLines: [4, 6] }],
    },
  ],
});
