import rule from '../../../../server/src/core/rules/dockerfile/disposability/shell-without-exec';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'bash replaces itself with a lone command', code: 'FROM python:3.12-slim\nENTRYPOINT ["/bin/bash", "-c", "gunicorn -b 0.0.0.0:$PORT app:app"]\n' },
    { name: "BusyBox sh on Alpine replaces itself with a lone command", code: 'FROM python:3.13-alpine\nCMD ["sh", "-c", "uvicorn main:app --host 0.0.0.0 --port $PORT"]\n' },
    { name: 'exec inside sh -c is the idiom', code: 'FROM node:20-alpine\nCMD ["sh", "-c", "npx prisma migrate status && exec node server.js"]\n' },
    { name: 'plain exec form', code: 'FROM node:20-alpine\nENTRYPOINT ["tini", "--"]\nCMD ["node", "server.js"]\n' },
    { name: 'sh -c only in a builder stage', code: 'FROM node:20 AS build\nCMD ["sh", "-c", "npm test"]\nFROM node:20-slim\nCMD ["node", "dist/main.js"]\n' },
    // Measured: BusyBox sh runs the last command of `a && b` in its own place, so node becomes PID 1.
    { name: 'BusyBox sh on Alpine replaces itself with the last command of a list', code: 'FROM node:20-alpine\nCMD ["sh", "-c", "node check.js && node server.js > /var/log/server.log 2>&1"]\n' },
    // Measured: a trailing `;` is read as the end of the script by BusyBox sh, bash and dash alike.
    { name: 'BusyBox sh on Alpine replaces itself with a last command ended by `;`', code: 'FROM node:20-alpine\nCMD ["sh", "-c", "node check.js && node server.js;"]\n' },
    { name: 'bash replaces itself with a lone command ended by `;`', code: 'FROM python:3.12-slim\nENTRYPOINT ["/bin/bash", "-c", "gunicorn -b 0.0.0.0:$PORT app:app;"]\n' },
    { name: 'last command is a fallback after ||', code: 'FROM alpine:3.20\nCMD ["/bin/sh", "-c", "/app/run || echo failed"]\n' },
  ],
  invalid: [
    {
      name: 'migration check then server without exec, under dash',
      code: 'FROM node:20-slim\nCMD ["sh", "-c", "node check.js && node server.js"]\n',
      errors: [{ line: 2, column: 36, endLine: 2, endColumn: 40, messageId: 'noExec', message: '`exec node`' }],
      output: 'FROM node:20-slim\nCMD ["sh", "-c", "node check.js && exec node server.js"]\n',
    },
    {
      name: 'on Alpine, a script that sets a trap keeps BusyBox sh as PID 1',
      code: 'FROM node:20-alpine\nCMD ["sh", "-c", "trap \'rm -f /tmp/lock\' EXIT; node server.js"]\n',
      errors: [{ line: 2, column: 48, messageId: 'noExec' }],
      output: 'FROM node:20-alpine\nCMD ["sh", "-c", "trap \'rm -f /tmp/lock\' EXIT; exec node server.js"]\n',
    },
    {
      name: 'bash forks a lone command that has a redirection',
      code: 'FROM python:3.12-slim\nENTRYPOINT ["/bin/bash", "-c", "gunicorn app:app >> /var/log/app.log"]\n',
      errors: [{ line: 2, column: 33, messageId: 'noExec' }],
      output: 'FROM python:3.12-slim\nENTRYPOINT ["/bin/bash", "-c", "exec gunicorn app:app >> /var/log/app.log"]\n',
    },
    {
      name: 'single command with a variable in ENTRYPOINT under dash (Debian sh), CRLF',
      code: 'FROM python:3.12-slim\r\nENTRYPOINT ["/bin/sh", "-c", "gunicorn -b 0.0.0.0:$PORT app:app"]\r\n',
      errors: [{ line: 2, column: 31 }],
      output: 'FROM python:3.12-slim\r\nENTRYPOINT ["/bin/sh", "-c", "exec gunicorn -b 0.0.0.0:$PORT app:app"]\r\n',
    },
    {
      name: 'leading assignment: reported, no fix',
      code: 'FROM eclipse-temurin:21-jre\nCMD ["sh", "-c", "JAVA_OPTS=-Xmx512m java -jar /app.jar"]\n',
      errors: [{ line: 2, column: 38, endColumn: 42 }],
      output: null,
    },
    {
      // opentelemetry-demo's frontend-proxy: the trailing `;` hid the envoy that dash keeps as its child.
      name: 'a last command ended by `;` under dash',
      code: 'FROM envoyproxy/envoy:v1.34-latest\nCMD ["/bin/sh", "-c", "envsubst < envoy.tmpl.yaml > envoy.yaml && envoy -c envoy.yaml;"]\n',
      errors: [{ line: 2, column: 67, endLine: 2, endColumn: 72, messageId: 'noExec', message: '`exec envoy`' }],
      output: 'FROM envoyproxy/envoy:v1.34-latest\nCMD ["/bin/sh", "-c", "envsubst < envoy.tmpl.yaml > envoy.yaml && exec envoy -c envoy.yaml;"]\n',
    },
    {
      // Measured: BusyBox sh forks the last command when a line break follows it.
      name: 'on Alpine, a line break after the last command keeps BusyBox sh as PID 1',
      code: 'FROM node:20-alpine\nCMD ["sh", "-c", "node check.js && node server.js;\\n"]\n',
      errors: [{ line: 2, column: 36, messageId: 'noExec' }],
      output: 'FROM node:20-alpine\nCMD ["sh", "-c", "node check.js && exec node server.js;\\n"]\n',
    },
  ],
});
