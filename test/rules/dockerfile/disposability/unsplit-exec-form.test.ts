import rule from '../../../../server/src/core/rules/dockerfile/disposability/unsplit-exec-form';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'each word its own string', code: 'FROM node:22-slim\nCMD ["npm", "run", "dev"]\n' },
    { name: 'a shell script as the argument of sh -c', code: 'FROM node:22-slim\nCMD ["/bin/sh", "-c", "npm run migrate && npm start"]\n' },
    { name: 'CMD after an ENTRYPOINT is arguments (a shell entrypoint runs it)', code: 'FROM node:22-slim\nENTRYPOINT ["/bin/sh", "-c"]\nCMD ["npm run dev"]\n' },
    { name: 'CMD after an inherited ENTRYPOINT', code: 'FROM node:22-slim AS base\nENTRYPOINT ["/bin/sh", "-c"]\nFROM base\nCMD ["npm start"]\n' },
    { name: 'shell form', code: 'FROM node:22-slim\nCMD npm run dev\n' },
    { name: 'an unsplit string outside the final stage', code: 'FROM node:22 AS dev\nCMD ["npm run dev"]\nFROM node:22-slim\nCMD ["node", "server.js"]\n' },
    { name: 'a Windows program path with a space', code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nENTRYPOINT ["C:\\\\Program Files\\\\App\\\\app.exe"]\n' },
    { name: 'a single program word', code: 'FROM gcr.io/distroless/static\nENTRYPOINT ["/server"]\n' },
    { name: 'HEALTHCHECK in exec form, split', code: 'FROM nginx:1.27\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/"]\n' },
    { name: 'RUN in exec form is left to the build', code: 'FROM debian:12\nRUN ["apt-get update"]\nCMD ["bash"]\n' },
    { name: 'a shell test in brackets is no array', code: 'FROM alpine:3.20\nCMD [ -f /ready ] && exec /app/serve\n' },
    { name: "nginx's directive ends in a semicolon; find's -exec ends in one", code: 'FROM nginx:1.27\nCMD ["nginx", "-g", "daemon off;"]\nHEALTHCHECK CMD ["find", "/tmp", "-name", "ready", "-exec", "true", "{}", ";"]\n' },
    { name: 'code after -c or -e is read by the interpreter', code: 'FROM python:3.12-slim\nCMD ["python", "-c", "import app; app.run() if True else None | 1"]\nHEALTHCHECK CMD ["node", "-e", "fetch(u).then(r => process.exit(r.ok && 0 || 1))"]\n' },
    { name: 'a regular expression argument with a pipe inside a word', code: 'FROM alpine:3.20\nENTRYPOINT ["/usr/bin/filter", "--match", "info|warn"]\n' },
    { name: 'a shell told its script with combined options (`sh -lc`)', code: 'FROM node:22-slim\nCMD ["/bin/bash", "-lc", "node server.js > /proc/1/fd/1 2>&1"]\n' },
  ],
  invalid: [
    {
      // opentelemetry-demo's flagd-ui, as it was: the container cannot start.
      name: 'a shell command line as one string',
      code: 'FROM node:22-alpine\nWORKDIR /app\nCMD [ "/bin/bash -c \'npm run dev\'" ]\n',
      errors: [{ line: 3, column: 7, endLine: 3, endColumn: 35, messageId: 'unsplit', message: 'CMD in exec form runs a program named `/bin/bash -c \'npm run dev\'`' }],
      output: 'FROM node:22-alpine\nWORKDIR /app\nCMD [ "/bin/bash", "-c", "npm run dev" ]\n',
    },
    {
      name: 'ENTRYPOINT with its words in one string, then more arguments',
      code: 'FROM python:3.12-slim\nENTRYPOINT ["gunicorn -b 0.0.0.0:8000", "app:app"]\n',
      errors: [{ line: 2, column: 13, messageId: 'unsplit' }],
      output: 'FROM python:3.12-slim\nENTRYPOINT ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]\n',
    },
    {
      name: 'shell syntax in the string: reported without a fix',
      code: 'FROM node:22-slim\nCMD ["npm run migrate && npm start"]\n',
      errors: [{ line: 2, column: 6, messageId: 'unsplit' }],
      output: null,
    },
    {
      name: 'a HEALTHCHECK that can never pass, CRLF',
      code: 'FROM nginx:1.27\r\nHEALTHCHECK --interval=30s CMD ["curl -f http://localhost/"]\r\n',
      errors: [{ line: 2, column: 33, messageId: 'unsplit', message: 'HEALTHCHECK in exec form' }],
      output: 'FROM nginx:1.27\r\nHEALTHCHECK --interval=30s CMD ["curl", "-f", "http://localhost/"]\r\n',
    },
    {
      // AntonNovozhilov/treadbook_users: single quotes, so `/bin/sh -c` looks for a program named `['uvicorn',`.
      name: 'an array written with single quotes',
      code: "FROM python:3.12-slim\nEXPOSE 8000\nCMD ['uvicorn', 'app.main:app', '--host', '0.0.0.0']\n",
      errors: [{ line: 3, column: 5, messageId: 'notJson', message: 'CMD is written as an array but is no JSON (single quotes)' }],
      output: 'FROM python:3.12-slim\nEXPOSE 8000\nCMD ["uvicorn", "app.main:app", "--host", "0.0.0.0"]\n',
    },
    {
      // kawamoto06/spring: curly quotes, after an ENTRYPOINT too.
      name: 'an array written with typographic quotes',
      code: 'FROM eclipse-temurin:21-jre-alpine\nCOPY demo.jar demo.jar\nENTRYPOINT [\u201cjava\u201d,\u201c-jar\u201d,\u201cdemo.jar\u201d]\n',
      errors: [{ line: 3, column: 12, messageId: 'notJson', message: '(typographic quotes)' }],
      output: 'FROM eclipse-temurin:21-jre-alpine\nCOPY demo.jar demo.jar\nENTRYPOINT ["java", "-jar", "demo.jar"]\n',
    },
    {
      // review set 94, apecloud/kubeblocks-docs: meant to log to a file and run in the background.
      name: 'a redirection and a trailing & inside an exec-form argument',
      code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nEXPOSE 3000\nCMD ["nohup", "node", "server.js >> app.log 2>&1 &"]\n',
      errors: [{ line: 5, column: 23, endColumn: 52, messageId: 'shellSyntax', message: 'CMD in exec form hands `server.js >> app.log 2>&1 &` to `nohup` as an argument' }],
      output: null,
    },
    {
      name: 'a redirection as words of their own',
      code: 'FROM eclipse-temurin:21-jre\nCOPY app.jar /app.jar\nENTRYPOINT ["java", "-jar", "/app.jar", ">", "/var/log/app.log"]\n',
      errors: [{ line: 3, column: 41, endColumn: 44, messageId: 'shellSyntax' }],
      output: null,
    },
  ],
});
