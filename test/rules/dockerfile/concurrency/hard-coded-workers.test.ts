import rule from '../../../../server/src/core/rules/dockerfile/concurrency/hard-coded-workers';
import { testRule } from '../../../helpers/rule-tester';

const script = (text: string) => ({ files: { 'entrypoint.sh': { uri: 'file:///workspace/entrypoint.sh', text } } });

testRule(rule, {
  valid: [
    { name: 'workers from the environment', code: 'FROM python:3.12-slim\nCMD ["sh", "-c", "exec gunicorn -w ${WEB_CONCURRENCY:-2} -b 0.0.0.0:8000 app:app"]\n' },
    { name: 'WEB_CONCURRENCY default in ENV is configuration', code: 'FROM python:3.12-slim\nENV WEB_CONCURRENCY=4\nCMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]\n' },
    { name: 'hard-coded count only in a test stage before the final', code: 'FROM python:3.12-slim AS test\nCMD ["gunicorn", "-w", "1", "app:app"]\nFROM python:3.12-slim\nCMD ["gunicorn", "--workers=$WORKERS", "app:app"]\n' },
    { name: '-w of another program', code: 'FROM alpine:3.20\nCMD ["/usr/bin/app", "-w", "4"]\n' },
    // NetEaseGame/git-webhook (Flask-SocketIO needs one worker); Google's Cloud Run samples (`--workers 1 --threads 8`).
    { name: 'one worker per container, scaled by replicas', code: 'FROM python:3.12-slim\nCMD gunicorn -b 0.0.0.0:80 -k eventlet -w 1 manage:app\n' },
    { name: "puma's single mode", code: 'FROM ruby:3.3\nCMD ["bundle", "exec", "puma", "-w", "0", "-t", "5:5"]\n' },
    { name: 'a script that starts the server with a count from the environment', code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY entrypoint.sh ./\nENTRYPOINT ["./entrypoint.sh"]\n', buildContext: script('#!/bin/sh\nset -e\nexec gunicorn app.wsgi --workers "${WEB_CONCURRENCY:-2}"\n') },
  ],
  invalid: [
    {
      name: 'gunicorn -w 4',
      code: 'FROM python:3.12-slim\nCMD ["gunicorn", "-w", "4", "-b", "0.0.0.0:8000", "app:app"]\n',
      errors: [{ line: 2, column: 18, endLine: 2, endColumn: 27, messageId: 'hardCoded', message: '`-w 4`' }],
    },
    {
      name: 'uvicorn --workers=8 via python -m',
      code: 'FROM python:3.12-slim\nCMD python -m uvicorn main:app --host 0.0.0.0 --workers=8\n',
      errors: [{ line: 2, column: 47, endColumn: 58, message: '`--workers 8`' }],
    },
    {
      name: 'celery worker concurrency and bundle exec puma',
      code: 'FROM ruby:3.3\nCMD ["bundle", "exec", "puma", "-w4", "-t", "5:5"]\n',
      errors: [{ line: 2, column: 32, endColumn: 37 }],
    },
    {
      name: 'celery -c in a continued shell form',
      code: 'FROM python:3.12-slim\nCMD celery -A proj worker \\\n    --loglevel=info \\\n    --concurrency 8\n',
      errors: [{ line: 4, column: 5, endLine: 4, endColumn: 20 }],
    },
    {
      // dastankg/orimi: the entrypoint waits for the database, migrates, then execs gunicorn with four workers.
      name: 'an entrypoint script that starts the server with a fixed count',
      code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY entrypoint.sh ./\nENTRYPOINT ["./entrypoint.sh"]\n',
      buildContext: script('#!/bin/sh\nset -e\npython manage.py migrate\nexec gunicorn app.wsgi --bind 0.0.0.0:8000 --workers 4\n'),
      errors: [{ line: 4, column: 13, endColumn: 30, messageId: 'inScript', message: '`entrypoint.sh` starts the server with `--workers 4`', relatedLines: [4] }],
    },
    {
      // tyudin/predict_project: getopt reads ` 4` as -w's value, so the item fixes four workers.
      name: 'a short option and its value in one exec-form item',
      code: 'FROM python:3.10-slim\nEXPOSE 5000\nENTRYPOINT ["gunicorn", "-w 4", "-b 0.0.0.0:5000", "run_server:app"]\n',
      errors: [{ line: 3, column: 26, endColumn: 30, messageId: 'hardCoded', message: '`-w 4` fixes the worker count' }],
    },
  ],
});
