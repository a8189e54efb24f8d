import rule from '../../../../server/src/core/rules/dockerfile/disposability/shell-form-command';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'exec form', code: 'FROM node:20-alpine\nCMD ["node", "server.js"]\n' },
    { name: 'shell form that execs the app, so it becomes PID 1', code: 'FROM python:3.12-slim\nCMD exec gunicorn --bind :$PORT --workers 1 --threads 8 app:app\n' },
    { name: 'shell form that prepares and then execs the app', code: 'FROM node:20-alpine\nCMD cd /srv/app && exec node server.js\n' },
    { name: 'shell form only in a builder stage', code: 'FROM golang:1.22 AS build\nCMD go test ./...\nFROM gcr.io/distroless/static\nENTRYPOINT ["/app"]\n' },
    { name: 'CMD as arguments of an exec-form ENTRYPOINT', code: 'FROM python:3.12-slim\nENTRYPOINT ["gunicorn"]\nCMD --bind 0.0.0.0:8000 app:app\n' },
    { name: 'no start command at all (inherited from the base image)', code: 'FROM nginx:1.27\nCOPY site /usr/share/nginx/html\n' },
    // Measured: BusyBox sh replaces itself with the last command of a list, so node is PID 1 and gets SIGTERM.
    { name: "shell form on Alpine: BusyBox's sh execs the command itself", code: 'FROM node:20-alpine\nCMD node server.js\n' },
    { name: 'a script on Alpine: BusyBox execs its last command too', code: 'FROM alpine:3.20\nCOPY app /app\nCMD cd /srv && /app --config /etc/app.yaml > /var/log/app.log 2>&1\n' },
    { name: 'a SHELL of bash with one command: bash execs it', code: 'FROM debian:bookworm-slim\nSHELL ["/bin/bash", "-c"]\nCMD ./server --port 8080\n' },
    { name: 'escape directive with exec form', code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD ["cmd", "/S", "/C", "app.exe"]\n' },
    { name: 'an array written with single quotes is the exec form gone wrong, reported by unsplit-exec-form', code: "FROM python:3.12-slim\nCMD ['uvicorn', 'app.main:app']\n" },
  ],
  invalid: [
    {
      name: 'simple shell-form CMD',
      code: 'FROM node:20-slim\nCMD node server.js\n',
      errors: [{ line: 2, column: 1, endLine: 2, endColumn: 19, messageId: 'shellForm', message: 'CMD in shell form' }],
      output: 'FROM node:20-slim\nCMD ["node", "server.js"]\n',
    },
    {
      name: 'shell-form ENTRYPOINT with a variable cannot be auto-converted',
      code: 'FROM python:3.12-slim\nENTRYPOINT gunicorn -b 0.0.0.0:$PORT app:app\n',
      // shekhar2342/Pneumonia-Detection (review set 83): the advice is `exec`, which keeps the expansion, not the exec form.
      errors: [{ line: 2, column: 1, messageId: 'shellVariable', message: 'the exec form would not expand `0.0.0.0:$PORT`, so start it with `exec` (`ENTRYPOINT exec gunicorn …`)' }],
      output: null,
    },
    {
      name: 'CRLF file with a continuation keeps its line endings',
      code: 'FROM eclipse-temurin:21-jre\r\nCMD java \\\r\n  -jar /app/app.jar\r\n',
      errors: [{ line: 2, column: 1, endLine: 3, endColumn: 20 }],
      output: 'FROM eclipse-temurin:21-jre\r\nCMD ["java", "-jar", "/app/app.jar"]\r\n',
    },
    {
      name: 'shell-form ENTRYPOINT with a CMD: in exec form it would take CMD as arguments, so the fix is unsafe',
      code: 'FROM python:3.12-slim\nENTRYPOINT python app.py\nCMD ["--debug"]\n',
      errors: [{ line: 2, column: 1, messageId: 'ignoresCmd', message: 'and Docker ignores the CMD after it' }],
      output: 'FROM python:3.12-slim\nENTRYPOINT ["python", "app.py"]\nCMD ["--debug"]\n',
      fixSafety: 'unsafe',
    },
    {
      // Debian's libdd-opentracing example and Wesnoth's build images: no exec form says `a && b`; `exec` on the last command does.
      name: 'a script of several commands is told to exec its last one',
      code: 'FROM debian:bookworm-slim\nCMD sleep 5 && ./tracer_example\n',
      errors: [{ line: 2, column: 1, endColumn: 32, messageId: 'shellScript', message: 'CMD runs a script of 2 commands under /bin/sh, which does not pass SIGTERM on to the app; start the last one with `exec` (`exec ./tracer_example …`) so that it replaces the shell.' }],
      output: null,
    },
    {
      name: 'an app sent to the background before a keep-alive gets the general advice, not "exec tail"',
      code: 'FROM eclipse-temurin:21-jre\nCMD java -jar app.jar & tail -f /dev/null\n',
      errors: [{ line: 2, column: 1, messageId: 'shellForm' }],
      output: null,
    },
    {
      name: 'on Alpine a script that sets a trap keeps BusyBox sh as PID 1',
      code: 'FROM alpine:3.20\nCMD trap "echo bye" TERM; /app\n',
      errors: [{ line: 2, column: 1, messageId: 'shellScript' }],
      output: null,
    },
    {
      name: 'on Alpine a pipeline keeps the shell',
      code: 'FROM alpine:3.20\nCMD /app | tee /var/log/app.log\n',
      errors: [{ line: 2, column: 1, messageId: 'shellForm' }],
      output: null,
    },
    {
      name: 'a SHELL of bash with two commands: older bash keeps itself',
      code: 'FROM debian:bookworm-slim\nSHELL ["/bin/bash", "-c"]\nCMD cd /srv && ./server\n',
      errors: [{ line: 3, column: 1, messageId: 'shellScript' }],
      output: null,
    },
    {
      name: 'a SHELL of bash with a redirection: bash forks',
      code: 'FROM debian:bookworm-slim\nSHELL ["/bin/bash", "-c"]\nCMD ./server > /var/log/server.log\n',
      errors: [{ line: 3, column: 1, messageId: 'shellForm' }],
      output: null,
    },
    {
      name: 'a SHELL written after CMD does not run it',
      code: 'FROM debian:bookworm-slim\nCMD ./server --port 8080\nSHELL ["/bin/bash", "-c"]\n',
      errors: [{ line: 2, column: 1, messageId: 'shellForm' }],
      output: 'FROM debian:bookworm-slim\nCMD ["./server", "--port", "8080"]\nSHELL ["/bin/bash", "-c"]\n',
    },
    {
      name: 'final stage of a multi-stage build',
      code: 'FROM node:20 AS build\nRUN npm ci && npm run build\nFROM node:20-slim\nCOPY --from=build /app/dist /app\nCMD node /app/index.js\n',
      errors: [{ line: 5, column: 1 }],
      output: 'FROM node:20 AS build\nRUN npm ci && npm run build\nFROM node:20-slim\nCOPY --from=build /app/dist /app\nCMD ["node", "/app/index.js"]\n',
    },
  ],
});
