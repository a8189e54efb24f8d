import rule from '../../../../server/src/core/rules/dockerfile/disposability/startup-sleep';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'sleep in a RUN', code: 'FROM node:20-slim\nRUN sleep 2 && echo done\nCMD ["node", "server.js"]\n' },
    { name: 'sleep 0 is a no-op yield', code: 'FROM node:20-slim\nCMD ["sh", "-c", "sleep 0; exec node server.js"]\n' },
    { name: 'wait-for-it in a test stage only', code: 'FROM python:3.12 AS test\nCMD ["./wait-for-it.sh", "db:5432", "--", "pytest"]\nFROM python:3.12-slim\nCMD ["gunicorn", "app:app"]\n' },
  ],
  invalid: [
    {
      name: 'sleep before the server',
      code: 'FROM node:20-slim\nCMD sleep 10 && node server.js\n',
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 13, messageId: 'sleep' }],
    },
    {
      name: 'wait-for-it wrapping the server',
      code: 'FROM python:3.12-slim\nCOPY wait-for-it.sh /usr/local/bin/\nENTRYPOINT ["wait-for-it.sh", "postgres:5432", "--timeout=60", "--", "gunicorn", "app:app"]\n',
      errors: [{ line: 3, column: 13, endColumn: 46, messageId: 'wait' }],
    },
    {
      name: 'until-loop and dockerize -wait',
      code: 'FROM golang:1.22\nCMD ["sh", "-c", "until nc -z db 5432; do sleep 1; done; exec dockerize -wait tcp://redis:6379 /app"]\n',
      errors: [
        { line: 2, column: 43, endColumn: 50, messageId: 'sleep' },
        { line: 2, column: 73, endColumn: 95, messageId: 'wait' },
      ],
    },
  ],
});
