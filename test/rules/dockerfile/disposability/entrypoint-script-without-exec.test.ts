import rule from '../../../../server/src/core/rules/dockerfile/disposability/entrypoint-script-without-exec';
import { testRule } from '../../../helpers/rule-tester';

const DOCKERFILE = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY docker-entrypoint.sh /usr/local/bin/\nCOPY . .\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["gunicorn", "app:app"]\n';
const ABSOLUTE = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY docker-entrypoint.sh /usr/local/bin/\nCOPY . .\nENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]\nCMD ["gunicorn", "app:app"]\n';
const script = (text: string, path = 'docker-entrypoint.sh') => ({ files: { [path]: { uri: `file:///workspace/${path}`, text } } });

const EXECS = '#!/bin/sh\nset -e\npython manage.py migrate --noinput\nexec "$@"\n';
const CHILD = '#!/bin/sh\nset -e\npython manage.py migrate --noinput\n"$@"\n';

testRule(rule, {
  valid: [
    { name: 'script not read: silent', code: ABSOLUTE },
    { name: 'script known absent: silent', code: ABSOLUTE, buildContext: { files: { 'docker-entrypoint.sh': null } } },
    { name: 'ends with exec "$@"', code: ABSOLUTE, buildContext: script(EXECS) },
    { name: 'exec inside a branch, with a redirection exec before', code: ABSOLUTE, buildContext: script('#!/usr/bin/env bash\nexec > >(tee -a /proc/1/fd/1) 2>&1\nif [ "$1" = "web" ]; then\n  exec gunicorn app:app\nfi\nexec "$@"\n') },
    { name: 'not a shell script', code: ABSOLUTE, buildContext: script('#!/usr/bin/env python3\nimport os\nos.system("gunicorn app:app")\n') },
    { name: 'traps TERM itself', code: ABSOLUTE, buildContext: script('#!/bin/bash\ntrap "kill -TERM $child" TERM\ngunicorn app:app &\nchild=$!\nwait "$child"\n') },
    { name: 'last line is shell syntax', code: ABSOLUTE, buildContext: script('#!/bin/sh\nif [ -n "$MIGRATE" ]; then\n  python manage.py migrate\nfi\n') },
    { name: 'ENTRYPOINT through tini: the script is not PID 1', code: 'FROM python:3.12-slim\nCOPY docker-entrypoint.sh /\nENTRYPOINT ["tini", "--", "/docker-entrypoint.sh"]\n', buildContext: script(CHILD) },
    { name: 'a script of the same path written by a later copy from an image, not from the context', code: 'FROM alpine:3.20\nCOPY run.sh /run.sh\nCOPY --from=example/tools:1.2 /run.sh /run.sh\nENTRYPOINT ["/run.sh"]\n', buildContext: script(CHILD, 'run.sh') },
    { name: 'last line calls a function of the script', code: ABSOLUTE, buildContext: script('#!/bin/bash\nmain() {\n  python manage.py migrate\n  gunicorn app:app\n}\nmain "$@"\n') },
    { name: 'heredoc body is not the last command', code: ABSOLUTE, buildContext: script('#!/bin/sh\ncat > /etc/app.conf <<EOF\nport=8080\nEOF\nexec "$@"\n') },
    {
      name: 'a bare program name whose namesake the context holds but no copy put on the PATH: a program, not the script',
      code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . /app\nCMD ["gunicorn", "app:app"]\n',
      buildContext: script(CHILD, 'gunicorn'),
    },
    { name: 'a script that keeps the container up with tail -f after starting servers in the background (Wallos)', code: 'FROM php:8.2-fpm-alpine\nCOPY startup.sh /var/www/html/startup.sh\nCMD ["sh", "-c", "/var/www/html/startup.sh"]\n', buildContext: script('#!/bin/sh\nphp-fpm &\nnginx -g "daemon off;" &\ncrond\ntail -f /dev/null\n', 'startup.sh') },
    {
      name: 'a bare shell ENTRYPOINT given the script by CMD, which ends with exec',
      code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY start.sh ./\nENTRYPOINT ["/bin/sh"]\nCMD ["start.sh"]\n',
      buildContext: script('#!/bin/sh\nnpx prisma migrate deploy\nexec node dist/main.js\n', 'start.sh'),
    },
    { name: 'a server checked in a condition, then exec-ed', code: ABSOLUTE, buildContext: script('#!/bin/sh\nset -e\nif gunicorn --check-config app:app; then echo ok; fi\nexec gunicorn app:app\n') },
    { name: 'a server sent to the background and waited for, the shell trapping TERM', code: ABSOLUTE, buildContext: script('#!/bin/bash\ntrap "kill -TERM $pid" TERM\ngunicorn app:app &\npid=$!\nwait $pid\nexec "$@"\n') },
    {
      name: 'a development branch runs the server as a child, the release branch execs it',
      code: ABSOLUTE,
      buildContext: script('#!/bin/sh\nif [ "$DEBUG" = "1" ]; then\n  python manage.py runserver 0.0.0.0:8000\nelse\n  exec gunicorn app.wsgi --bind 0.0.0.0:8000\nfi\n'),
    },
    { name: 'an if without else at the end: a start may take no branch', code: ABSOLUTE, buildContext: script('#!/bin/sh\npython manage.py migrate\nif [ "$ROLE" = "worker" ]; then\n  celery -A app worker\nfi\n') },
    { name: 'one branch ends in a test, the other in a program', code: ABSOLUTE, buildContext: script('#!/bin/sh\nif [ -n "$WEB" ]; then\n  gunicorn app:app\nelse\n  echo "nothing to run"\nfi\n') },
    { name: 'a branch ends in a nested if', code: ABSOLUTE, buildContext: script('#!/bin/sh\nif [ -n "$WEB" ]; then\n  if [ -n "$DEBUG" ]; then\n    flask run\n  fi\nelse\n  celery -A app worker\nfi\n') },
  ],
  invalid: [
    {
      name: 'runs "$@" as a child',
      code: ABSOLUTE,
      buildContext: script(CHILD),
      errors: [{ line: 5, column: 13, endColumn: 50, messageId: 'noExec', message: 'starts "$@" as a child' }],
    },
    {
      name: 'bare name found on PATH, copied into /usr/local/bin/',
      code: DOCKERFILE,
      buildContext: script(CHILD),
      errors: [{ line: 5, column: 13, endColumn: 35, messageId: 'noExec' }],
    },
    {
      name: 'whole context copied into WORKDIR, relative ENTRYPOINT, no shebang but .sh',
      code: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nENTRYPOINT ["./scripts/start.sh"]\n',
      buildContext: script('npx prisma migrate deploy\nnode dist/main.js\n', 'scripts/start.sh'),
      errors: [{ line: 4, column: 13, messageId: 'noExec', message: '`scripts/start.sh` starts node as a child' }],
    },
    {
      name: 'CMD runs the script through bash, continuation lines',
      code: 'FROM ruby:3.3-slim\nCOPY bin/start /srv/bin/start\nCMD ["bash", "/srv/bin/start"]\n',
      buildContext: script('#!/bin/bash\nbundle exec rails db:migrate\nbundle exec puma \\\n  -C config/puma.rb\n', 'bin/start'),
      errors: [{ line: 3, column: 14, messageId: 'noExec', message: 'starts bundle as a child' }],
    },
    {
      name: "ENTRYPOINT in shell form runs the script too (kimai's startup.sh)",
      code: 'FROM php:8.3-fpm-alpine\nADD startup.sh /startup.sh\nENTRYPOINT /startup.sh\n',
      buildContext: script('#!/bin/sh\n/var/www/html/bin/console cache:warmup --env=prod\nchown -R www-data:www-data /var/www/html/var\n\n# Start listening\nphp-fpm\n', 'startup.sh'),
      errors: [{ line: 3, column: 12, endColumn: 23, messageId: 'noExec', message: '`startup.sh` starts php-fpm as a child' }],
    },
    {
      name: "a bare name without a dot, copied onto the PATH (koel's `koel-entrypoint`)",
      code: 'FROM php:8.3-apache\nCOPY koel-entrypoint /usr/local/bin/\nENTRYPOINT ["koel-entrypoint"]\nCMD ["apache2-foreground"]\n',
      buildContext: script('#!/bin/bash\nset -e\nphp artisan koel:init --no-assets\ndocker-php-entrypoint $@\n', 'koel-entrypoint'),
      errors: [{ line: 3, column: 13, messageId: 'noExec', message: 'starts docker-php-entrypoint as a child' }],
    },
    {
      name: 'a script copied from the context into a builder stage, then into the image (Rallly: COPY --from=builder /app/scripts/docker-start.sh ./)',
      code: 'FROM node:20 AS builder\nWORKDIR /app\nCOPY . .\nRUN pnpm build\nFROM node:20-slim\nWORKDIR /app\nCOPY --from=builder /app/scripts/docker-start.sh ./\nCMD ["./docker-start.sh"]\n',
      buildContext: script('#!/bin/sh\nset -e\nnode apps/web/server.js\n', 'scripts/docker-start.sh'),
      errors: [{ line: 8, column: 6, endColumn: 25, messageId: 'noExec', message: 'starts node as a child' }],
    },
    {
      name: 'a script copied into a tools stage, then into the image',
      code: 'FROM alpine:3.20 AS tools\nCOPY run.sh /run.sh\nFROM alpine:3.20\nCOPY --from=tools /run.sh /run.sh\nENTRYPOINT ["/run.sh"]\n',
      buildContext: script(CHILD, 'run.sh'),
      errors: [{ line: 5, column: 13, endColumn: 22, messageId: 'noExec' }],
    },
    {
      name: 'the builder copies the whole context, the image copies its folder whole',
      code: 'FROM node:20 AS builder\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nFROM node:20-slim\nCOPY --from=builder /app /app\nENTRYPOINT ["/app/scripts/start.sh"]\n',
      buildContext: script(CHILD, 'scripts/start.sh'),
      errors: [{ line: 7, column: 13, endColumn: 36, messageId: 'noExec' }],
    },
    {
      name: 'a script carried through two stages (Infisical: build, then runner, then the image)',
      code: 'FROM node:20 AS build\nWORKDIR /app\nCOPY standalone-entrypoint.sh ./\nRUN npm ci\nFROM node:20-slim AS runner\nCOPY --from=build /app /backend\nFROM node:20-slim\nWORKDIR /backend\nCOPY --from=runner /backend /backend\nCMD ["./standalone-entrypoint.sh"]\n',
      buildContext: script(CHILD, 'standalone-entrypoint.sh'),
      errors: [{ line: 10, column: 6, messageId: 'noExec' }],
    },
    {
      name: 'a script copied by name, then a folder copied over the same place (Rallly: .next/standalone)',
      code: 'FROM node:20 AS builder\nWORKDIR /app\nCOPY . .\nRUN turbo prune web\nFROM node:20 AS installer\nWORKDIR /app\nCOPY --from=builder /app/out/full/ .\nRUN pnpm build\nFROM node:20-slim\nWORKDIR /app\nCOPY --from=builder /app/scripts/docker-start.sh ./\nCOPY --from=installer /app/apps/web/.next/standalone ./\nCMD ["./docker-start.sh"]\n',
      buildContext: script('#!/bin/sh\nset -e\nnode apps/web/server.js\n', 'scripts/docker-start.sh'),
      errors: [{ line: 13, column: 6, messageId: 'noExec', message: 'starts node as a child' }],
    },
    {
      name: 'a script started through `sh -c` in an exec form',
      code: 'FROM php:8.2-fpm-alpine\nCOPY startup.sh /var/www/html/startup.sh\nCMD ["sh", "-c", "/var/www/html/startup.sh"]\n',
      buildContext: script('#!/bin/sh\nset -e\nphp artisan config:cache\nphp-fpm\n', 'startup.sh'),
      errors: [{ line: 3, column: 19, endColumn: 43, messageId: 'noExec', message: 'starts php-fpm as a child' }],
    },
    {
      name: 'a script copied to a destination written with a variable the Dockerfile sets (forem: "${APP_HOME}"/)',
      code: 'FROM ruby:3.3-slim\nENV APP_HOME=/opt/apps/forem\nCOPY scripts/entrypoint.sh "${APP_HOME}"/\nENTRYPOINT ["/opt/apps/forem/entrypoint.sh"]\n',
      buildContext: script(CHILD, 'scripts/entrypoint.sh'),
      errors: [{ line: 4, column: 13, messageId: 'noExec' }],
    },
    {
      name: 'a bare shell ENTRYPOINT given the script by CMD (`/bin/sh start.sh`)',
      code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY start.sh ./\nENTRYPOINT ["/bin/sh"]\nCMD ["start.sh"]\n',
      buildContext: script('#!/bin/sh\nnpx prisma migrate deploy\nnode dist/main.js\n', 'start.sh'),
      errors: [{ line: 5, column: 6, endColumn: 16, messageId: 'noExec', message: '`start.sh` starts node as a child' }],
    },
    {
      // ParadoXxGER/essential: the advice keeps the command's arguments (`exec rails` alone prints its help).
      name: 'the advice puts exec before the whole last command',
      code: 'FROM ruby:3.3\nCOPY entrypoint.sh /usr/bin/\nENTRYPOINT ["entrypoint.sh"]\n',
      buildContext: script('#!/bin/bash\nset -e\nbundle exec rails db:migrate\nrails s -b 0.0.0.0\n', 'entrypoint.sh'),
      errors: [{ line: 3, column: 13, messageId: 'noExec', message: 'put `exec` before its last command (`exec rails …`)' }],
    },
    {
      // ilfey/hikilist-backend (review set 91): both branches run a server without exec, and `exec "$@"` comes after them.
      name: 'servers run in the foreground in both branches of an if, before a closing exec',
      code: ABSOLUTE,
      buildContext: script('#!/bin/sh\ncd app\nif [ "$DEBUG" == "true" ]\nthen\n    python3 manage.py runserver 0.0.0.0:8000\nelse\n    python3 manage.py migrate --noinput\n    gunicorn app.wsgi:application --bind 0.0.0.0:8000\nfi\n\nexec "$@"\n'),
      errors: [{ line: 5, column: 13, messageId: 'serverBeforeExec', message: '`docker-entrypoint.sh` runs `manage.py runserver` and `gunicorn` in the foreground before its `exec`' }],
    },
    {
      // BadChoice/handesk (review set 94): php-fpm is the last command of both branches.
      name: 'every branch of a closing if ... else starts the program without exec',
      code: 'FROM php:7.2-fpm\nCOPY scripts/start.sh /start.sh\nENTRYPOINT ["/start.sh"]\n',
      buildContext: script('#!/bin/bash\nset -e\nif [ "$APP_ENV" = "production" ]; then\n  php artisan config:cache\n  php-fpm\nelif [ "$APP_ENV" = "staging" ]\nthen\n  php-fpm -d display_errors=1\nelse\n  if [ -f .env ]; then source .env; fi\n  php-fpm\nfi\n', 'scripts/start.sh'),
      errors: [{ line: 3, column: 13, messageId: 'noExecInBranches', message: '`scripts/start.sh` ends in an `if` whose every branch starts `php-fpm` as a child of the shell without `exec`', relatedLines: [5, 8, 11] }],
    },
  ],
});
