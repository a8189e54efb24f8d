import rule from '../../../../server/src/core/rules/dockerfile/concurrency/background-process';
import { testRule } from '../../../helpers/rule-tester';

// SteveKueng's munkiwebadmin: an entrypoint script that starts gunicorn, then nginx.
const MUNKI = 'FROM python:3.11-slim\nWORKDIR /home/app/web\nCOPY . /home/app/web\nRUN chmod +x /home/app/web/entrypoint.prod.sh\nENTRYPOINT ["/home/app/web/entrypoint.prod.sh"]\n';
const script = (text: string, path = 'entrypoint.prod.sh') => ({ files: { [path]: { uri: `file:///workspace/${path}`, text } } });

testRule(rule, {
  valid: [
    { name: 'stderr redirected with 2>&1 is not a background job', code: 'FROM node:20-slim\nCMD ["sh", "-c", "exec node server.js 2>&1"]\n' },
    { name: 'background job only in a RUN of the builder', code: 'FROM node:20 AS build\nRUN (npm run serve &) && sleep 2 && npm test\nFROM node:20-slim\nCMD ["node", "server.js"]\n' },
    { name: 'single child with wait (signal forwarding idiom)', code: "FROM python:3.12-slim\nCMD [\"sh\", \"-c\", \"trap 'kill -TERM $PID' TERM; gunicorn app:app & PID=$!; wait $PID\"]\n" },
    { name: 'tail in a RUN, sleep 5 is not keep-alive', code: 'FROM alpine:3.20\nRUN tail -f /dev/null & true\nCMD ["/app/run"]\n' },
    { name: 'a short sleep is a test image\'s whole job, not a keep-alive', code: 'FROM alpine:3.20\nCMD ["sleep", "30"]\n' },
    {
      name: "an entrypoint script that waits for each child it backgrounds (Homarr's run.sh), and one whose daemon is its last command",
      code: MUNKI,
      buildContext: script('#!/bin/sh\ncd ./migrate; yarn db:migrate & PID=$!\nwait $PID\ncd /app\nnode /app/server.js & PID=$!\n\nwait $PID\n'),
    },
    { name: 'a foreground server after migrations, with a daemon option that is no daemon', code: MUNKI, buildContext: script('#!/bin/sh\npython manage.py collectstatic --noinput\ngunicorn --check-config app.wsgi\nexec gunicorn app.wsgi --bind 0.0.0.0:8000\n') },
    { name: 'a script the Dockerfile does not copy is not read', code: MUNKI.replace('COPY . /home/app/web\n', ''), buildContext: script('#!/bin/sh\ngunicorn app.wsgi --daemon\nexec nginx -g "daemon off;"\n') },
    { name: "Unicorn's lower-case -d is its debug switch, not a daemon", code: 'FROM ruby:3.3-slim\nWORKDIR /app\nCMD ["bundle", "exec", "unicorn", "-d", "-c", "config/unicorn.rb"]\n' },
  ],
  invalid: [
    {
      name: 'web and worker in one container',
      code: 'FROM python:3.12-slim\nCMD celery -A app worker & gunicorn app:app\n',
      errors: [{ line: 2, column: 26, endLine: 2, endColumn: 27, messageId: 'background', message: '`celery`' }],
    },
    {
      name: 'nohup with redirection inside sh -c',
      code: 'FROM node:20-alpine\nCMD ["sh", "-c", "nohup node worker.js > /dev/null 2>&1 & exec node server.js"]\n',
      errors: [{ line: 2, column: 57, endColumn: 58, messageId: 'background', message: '`node`' }],
    },
    {
      name: 'service start then keep-alive',
      code: 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y nginx\nCMD service nginx start && \\\n    tail -f /dev/null\n',
      errors: [
        { line: 3, column: 5, endLine: 3, endColumn: 24, messageId: 'service' },
        { line: 4, column: 5, endLine: 4, endColumn: 22, messageId: 'keepAlive' },
      ],
    },
    {
      name: 'sleep infinity as the main process',
      code: 'FROM debian:bookworm-slim\nENTRYPOINT ["sleep", "infinity"]\n',
      errors: [{ line: 2, column: 13, endColumn: 32, messageId: 'keepAlive' }],
    },
    {
      name: 'an hour\'s sleep, as the Kubernetes rules read a keep-alive',
      code: 'FROM debian:bookworm-slim\nCMD ["sleep", "3600"]\n',
      errors: [{ line: 2, column: 6, endColumn: 21, messageId: 'keepAlive' }],
    },
    {
      name: 'tail --follow /dev/null',
      code: 'FROM alpine:3.20\nCMD tail --follow /dev/null\n',
      errors: [{ line: 2, column: 5, endColumn: 28, messageId: 'keepAlive' }],
    },
    {
      name: 'an entrypoint script that detaches gunicorn, then execs nginx (munkiwebadmin)',
      code: MUNKI,
      buildContext: script('#!/bin/sh\npython manage.py migrate\ngunicorn munkiwebadmin.wsgi:application \\\n  --bind=unix:/home/app/gunicorn.sock \\\n  --daemon\n\nexec nginx -g "daemon off;"\n'),
      errors: [{ line: 5, column: 13, endColumn: 47, messageId: 'inScript', message: '`entrypoint.prod.sh` starts `gunicorn` in the background (`--daemon`)', relatedLines: [3] }],
    },
    {
      name: "a script that sends php-fpm and nginx to the background and keeps the container open with tail (Wallos)",
      code: MUNKI,
      buildContext: script("#!/bin/sh\nphp-fpm & nginx -g 'daemon off;' & touch ~/startup.txt\ncrond\ntail -f /dev/null\n"),
      errors: [{ line: 5, column: 13, endColumn: 47, message: 'starts `php-fpm` in the background (`&`)', relatedLines: [2, 2] }],
    },
    {
      name: 'a start command that detaches php-fpm before nginx',
      code: 'FROM php:8.3-fpm\nCMD php-fpm -D && nginx -g "daemon off;"\n',
      errors: [{ line: 2, column: 5, endColumn: 15, messageId: 'daemon' }],
    },
    {
      name: '`tail -f` with no file follows standard input forever: a keep-alive (moodle-api\'s `cron && tail -f`)',
      code: 'FROM python:3.7\nRUN apt-get update && apt-get -y install cron\nCMD cron && tail -f\n',
      errors: [{ line: 3, column: 13, endColumn: 20, messageId: 'keepAlive' }],
    },
    {
      name: "a script that starts php-fpm as a service before nginx (vkingmaker/bird-board's start.sh)",
      code: MUNKI,
      buildContext: script('#!/bin/bash\nphp artisan migrate --force\nservice php7.2-fpm start && nginx -g "daemon off;"\n'),
      errors: [{ line: 5, column: 13, endColumn: 47, message: 'starts `php7.2-fpm` in the background (`service php7.2-fpm start`)', relatedLines: [3] }],
    },
    {
      name: 'a service start as the whole command',
      code: 'FROM debian:bookworm-slim\nCMD service nginx start\n',
      errors: [{ line: 2, column: 5, endColumn: 24, messageId: 'service' }],
    },
    {
      name: 'php-fpm and nginx in the background with one wait: php-fpm is left behind',
      code: 'FROM php:8.3-fpm\nCMD ["sh", "-c", "php-fpm & nginx -g \'daemon off;\' & wait"]\n',
      errors: [{ line: 2, column: 27, endColumn: 28, messageId: 'background', message: '`php-fpm`' }],
    },
    {
      name: "django-celery's worker detached through manage.py before gunicorn (NetEaseGame/git-webhook)",
      code: 'FROM python:2.7\nWORKDIR /code\nCMD python manage.py celery --loglevel=info --detach -P eventlet && \\\n    gunicorn -b 0.0.0.0:80 -k eventlet -w 1 manage:app\n',
      errors: [{ line: 3, column: 5, messageId: 'daemon' }],
    },
    {
      // dariusmazeika/city-tour-app (review set 82): `-D` is Celery's short form of `--detach`.
      name: 'a Celery worker detached with -D before gunicorn',
      code: 'FROM python:3.12-slim\nWORKDIR /app\nCMD celery -A app worker -D && exec gunicorn app.wsgi\n',
      errors: [{ line: 3, column: 5, messageId: 'daemon', message: '`celery -A app worker -D` detaches' }],
    },
    {
      name: 'the main process told to detach: gunicorn -D in the exec form',
      code: 'FROM python:3.12-slim\nWORKDIR /app\nCMD ["gunicorn", "-D", "-b", "0.0.0.0:8000", "app:app"]\n',
      errors: [{ line: 3, column: 6, messageId: 'daemonMain', message: '`-D` tells `gunicorn`, the main process, to detach' }],
    },
    {
      // sckott/bienapi (review set 90) starts Puma with a config that daemonizes; Puma before 5 takes -d too.
      name: 'Puma run through bundle exec with -d, and Unicorn with -D',
      code: 'FROM ruby:2.7\nWORKDIR /app\nCMD ["bundle", "exec", "puma", "-d", "-p", "9292"]\n',
      errors: [{ line: 3, column: 24, messageId: 'daemonMain', message: '`-d` tells `puma`' }],
    },
    {
      name: 'Unicorn detached with --daemonize',
      code: 'FROM ruby:3.3-slim\nWORKDIR /app\nCMD bundle exec unicorn --daemonize -c config/unicorn.rb\n',
      errors: [{ line: 3, column: 17, messageId: 'daemonMain', message: '`--daemonize` tells `unicorn`' }],
    },
  ],
});
