import rule from '../../../../server/src/core/rules/dockerfile/concurrency/process-manager';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'pm2-runtime is the container-friendly pm2', code: 'FROM node:20-alpine\nRUN npm install -g pm2\nCOPY . /app\nCMD ["pm2-runtime", "ecosystem.config.js"]\n' },
    { name: 'tini as init with one process', code: 'FROM node:20-slim\nRUN apt-get update && apt-get install -y --no-install-recommends tini\nENTRYPOINT ["tini", "--"]\nCMD ["node", "server.js"]\n' },
    { name: 'supervisor only in a builder stage', code: 'FROM python:3.12 AS build\nRUN pip install supervisor && supervisord --version\nFROM python:3.12-slim\nCMD ["gunicorn", "app:app"]\n' },
    { name: 'honcho used for something else than start', code: 'FROM python:3.12-slim\nCMD ["honcho", "check"]\n' },
    { name: "runit installed for chpst, the app started by dumb-init (authentik)", code: 'FROM python:3.12-slim-bookworm\n# Required for bootstrap & healtcheck\nRUN apt-get update && apt-get install -y --no-install-recommends runit && rm -rf /var/lib/apt/lists/*\nENTRYPOINT ["dumb-init", "--", "ak"]\nCMD ["server"]\n' },
    { name: "s6-overlay's /init reaps zombies for one app", code: 'FROM alpine:3.20\nADD https://github.com/just-containers/s6-overlay/releases/download/v3.2.0.2/s6-overlay-noarch.tar.xz /tmp\nENTRYPOINT ["/init"]\nCMD ["/app/server"]\n' },
    { name: 'npm-run-all runs the build, then the server, one after the other', code: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nCMD ["npm-run-all", "migrate", "serve"]\n' },
  ],
  invalid: [
    {
      name: 'supervisord as the start command',
      code: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y supervisor nginx\nCOPY supervisord.conf /etc/supervisor/conf.d/app.conf\nCMD ["/usr/bin/supervisord", "-n"]\n',
      errors: [{ line: 4, column: 6, endLine: 4, endColumn: 28, messageId: 'started', message: '`supervisord`' }],
    },
    {
      name: 'pm2 start with no-daemon through a shell',
      code: 'FROM node:20\nRUN npm i -g pm2\nCMD pm2 start app.js --no-daemon\n',
      errors: [{ line: 3, column: 5, endLine: 3, endColumn: 8, messageId: 'pm2' }],
    },
    {
      name: 'supervisor installed, started from an entrypoint script',
      code: 'FROM ubuntu:24.04\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends \\\n      supervisor cron\nENTRYPOINT ["/docker-entrypoint.sh"]\n',
      errors: [{ line: 4, column: 7, endColumn: 17, messageId: 'installed' }],
    },
    {
      name: 'forever via npx after exec',
      code: 'FROM node:20-alpine\nCMD ["sh", "-c", "exec npx forever server.js"]\n',
      errors: [{ line: 2, column: 28, messageId: 'started' }],
    },
    {
      name: 'honcho start runs a Procfile of process types',
      code: 'FROM python:3.12-slim\r\nCMD ["honcho", "start"]\r\n',
      errors: [{ line: 2, column: 6, messageId: 'started' }],
    },
    {
      name: 'runsvdir started: runit supervises the services',
      code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends runit nginx && rm -rf /var/lib/apt/lists/*\nCOPY service/ /etc/service/\nCMD ["runsvdir", "-P", "/etc/service"]\n',
      errors: [{ line: 4, column: 6, endColumn: 16, messageId: 'started', message: '`runsvdir`' }],
    },
    {
      name: "s6-svscan supervising the app, sshd and crond (Gogs' image, behind its pass-through start script)",
      code: 'FROM alpine:3.14\nRUN apk --no-cache add s6 openssh\nENTRYPOINT ["/app/gogs/docker/start.sh"]\nCMD ["/bin/s6-svscan", "/app/gogs/docker/s6/"]\n',
      errors: [{ line: 4, column: 6, messageId: 'started', message: '`s6-svscan`' }],
    },
    {
      name: 'npm-run-all --parallel through npx: the web and worker processes in one container (a list the Kubernetes rule shares)',
      code: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nCMD ["npx", "npm-run-all", "--parallel", "web", "worker"]\n',
      errors: [{ line: 4, column: 13, messageId: 'started', message: '`npm-run-all`' }],
    },
    {
      name: 'hivemind runs a whole Procfile: it takes no subcommand',
      code: 'FROM ruby:3.3-slim\nCOPY Procfile /app/Procfile\nCMD ["hivemind", "/app/Procfile"]\n',
      errors: [{ line: 3, column: 6, messageId: 'started', message: '`hivemind`' }],
    },
    {
      name: "s6 installed, its scanner started by the entrypoint script (wallabag's image: nginx and php-fpm supervised)",
      code: 'FROM alpine:3.20\nRUN apk add --no-cache nginx php83-fpm s6\nCOPY root /\nENTRYPOINT ["/entrypoint.sh"]\nCMD ["wallabag"]\n',
      errors: [{ line: 2, column: 40, endColumn: 42, messageId: 'installed', message: '`s6`' }],
    },
  ],
});
