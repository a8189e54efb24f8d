import rule from '../../../../server/src/core/rules/dockerfile/dev-prod-parity/dev-server';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'next start is the production server', code: 'FROM node:20-alpine\nCMD ["npx", "next", "start"]\n' },
    { name: 'dev server only in the builder', code: 'FROM node:20 AS dev\nCMD ["npm", "run", "dev"]\nFROM node:20-slim\nCMD ["node", "server.js"]\n' },
    { name: 'a Dockerfile.dev is for development', filename: 'Dockerfile.dev', code: 'FROM node:20\nCMD ["npx", "nodemon", "server.js"]\n' },
    { name: 'uvicorn without --reload', code: 'FROM python:3.12-slim\nCMD ["uvicorn", "main:app", "--host", "0.0.0.0", "--reload-delay", "0.5"]\n' },
  ],
  invalid: [
    {
      name: 'npm run dev',
      code: 'FROM node:20-alpine\nCMD ["npm", "run", "dev"]\n',
      errors: [{ line: 2, column: 6, endLine: 2, endColumn: 25, messageId: 'devServer', message: '`npm run dev`' }],
    },
    {
      name: 'uvicorn --reload via python -m',
      code: 'FROM python:3.12-slim\nCMD python -m uvicorn main:app --reload --host 0.0.0.0\n',
      errors: [{ line: 2, column: 32, endColumn: 40, message: '`--reload`' }],
    },
    {
      name: 'manage.py runserver after exec in sh -c',
      code: 'FROM python:3.12-slim\nCMD ["sh", "-c", "python manage.py migrate && exec python manage.py runserver 0.0.0.0:8000"]\n',
      errors: [{ line: 2, column: 52, endColumn: 78, message: 'runserver' }],
    },
    {
      name: 'flask run with bundle of env',
      code: 'FROM python:3.12-slim\r\nENV FLASK_APP=app.py\r\nCMD ["flask", "run", "--host=0.0.0.0"]\r\n',
      errors: [{ line: 3, column: 6, endColumn: 20, message: '`flask run`' }],
    },
  ],
});
