import rule from '../../../../server/src/core/rules/dockerfile/admin-processes/cron-in-image';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'a dedicated supercronic scheduler image', code: 'FROM alpine:3.20\nCOPY crontab /etc/crontab\nCMD ["supercronic", "/etc/crontab"]\n' },
    { name: 'cron only in the builder', code: 'FROM debian:bookworm AS build\nRUN apt-get update && apt-get install -y cron\nFROM debian:bookworm-slim\nCMD ["/app"]\n' },
    { name: 'a crond-only image with busybox', code: 'FROM alpine:3.20\nCOPY jobs /etc/crontabs/root\nCMD ["crond", "-f", "-l", "2"]\n' },
    {
      name: "an entrypoint script that installs the crontab and execs cron: a scheduler image (Sentry's self-hosted cron)",
      code: 'FROM getsentry/sentry:24.1.0\nRUN apt-get update && apt-get install -y --no-install-recommends cron && rm -r /var/lib/apt/lists/*\nCOPY entrypoint.sh /entrypoint.sh\nENTRYPOINT ["/entrypoint.sh"]\n',
      buildContext: { files: { 'entrypoint.sh': { uri: 'file:///w/entrypoint.sh', text: '#!/usr/bin/env bash\n{ for cron_job in "$@"; do echo "${cron_job}"; done } \\\n  | crontab -\ncrontab -l\nexec cron -f -l -L 15\n' } } },
    },
    // uirmaksever/moodle-api: a scheduler image written as `cron && tail -f` (background-process reports the keep-alive).
    { name: 'cron, then only a keep-alive: a scheduler image', code: 'FROM python:3.7\nCOPY . .\nRUN apt-get update && apt-get -y install cron\nRUN crontab crontab\nCMD cron && tail -f\n' },
  ],
  invalid: [
    {
      name: 'cron installed in a web image',
      code: 'FROM php:8.3-apache\nRUN apt-get update \\\n  && apt-get install -y --no-install-recommends cron \\\n  && rm -rf /var/lib/apt/lists/*\n',
      errors: [{ line: 3, column: 49, endLine: 3, endColumn: 53, messageId: 'installed' }],
    },
    {
      name: 'cron started before the app',
      code: 'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y cron\nCMD cron && exec gunicorn app:app\n',
      errors: [{ line: 2, column: 42, messageId: 'installed' }, { line: 3, column: 5, endColumn: 9, messageId: 'started' }],
    },
    {
      name: 'crond in the background with a worker',
      code: 'FROM alpine:3.20\nCMD ["sh", "-c", "crond -b && exec /app/worker"]\n',
      errors: [{ line: 2, column: 19, endColumn: 24, messageId: 'started' }],
    },
    {
      name: 'an entrypoint script that starts the app in the background, then execs cron: cron beside the app',
      code: 'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends cron && rm -rf /var/lib/apt/lists/*\nCOPY entrypoint.sh /entrypoint.sh\nENTRYPOINT ["/entrypoint.sh"]\n',
      buildContext: { files: { 'entrypoint.sh': { uri: 'file:///w/entrypoint.sh', text: '#!/bin/sh\ngunicorn app:app &\nexec cron -f\n' } } },
      errors: [{ line: 2, column: 66, messageId: 'installed' }],
    },
    {
      name: 'cron, then an app server and a keep-alive, is still cron next to the app',
      code: 'FROM python:3.12-slim\nRUN apt-get update && apt-get -y install cron\nCMD cron && gunicorn app:app --daemon && tail -f /dev/null\n',
      errors: [{ line: 2, column: 42, endColumn: 46, messageId: 'installed' }, { line: 3, column: 5, endColumn: 9, messageId: 'started' }],
    },
    {
      // uirmaksever/moodle-api (review set 89): an APScheduler loop is the scheduler; cron and its crontab are leftovers.
      name: 'cron installed beside a crontab, but the image only starts the app',
      code: 'FROM python:3.7\nCOPY . /code\nWORKDIR /code\nRUN apt-get update && apt-get -y install cron\nRUN pip install -r requirements.txt\nRUN crontab crontab\nCMD ["python", "scheduler.py"]\n',
      errors: [{ line: 4, column: 42, endColumn: 46, messageId: 'neverStarted', message: '`cron` installs a cron daemon that nothing in the image starts (it runs `python`)' }],
    },
    {
      name: 'cron installed in an image whose ENTRYPOINT the linter cannot read: it may start cron first',
      code: 'FROM python:3.12-slim\nRUN apt-get update && apt-get -y install cron\nENTRYPOINT ["/usr/local/bin/start"]\nCMD ["python", "app.py"]\n',
      errors: [{ line: 2, column: 42, endColumn: 46, messageId: 'installed' }],
    },
  ],
});
