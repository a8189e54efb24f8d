import rule from '../../../../server/src/core/rules/dockerfile/disposability/missing-stopsignal';
import { testRule } from '../../../helpers/rule-tester';

// SteveKueng's munkiwebadmin: python:3.11-slim with nginx installed, started last by the entrypoint script.
const MUNKI = 'FROM python:3.11-slim\nRUN apt-get update && apt-get install -y --no-install-recommends nginx\nCOPY . /home/app/web\nENTRYPOINT ["/home/app/web/entrypoint.prod.sh"]\nEXPOSE 80\n';
const script = (text: string) => ({ files: { 'entrypoint.prod.sh': { uri: 'file:///workspace/entrypoint.prod.sh', text } } });

testRule(rule, {
  valid: [
    { name: 'official nginx image inherits STOPSIGNAL', code: 'FROM nginx:1.27-alpine\nCMD ["nginx", "-g", "daemon off;"]\n' },
    { name: 'STOPSIGNAL declared', code: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y nginx\nSTOPSIGNAL SIGQUIT\nCMD ["nginx", "-g", "daemon off;"]\n' },
    { name: 'php-fpm official image', code: 'FROM php:8.3-fpm-alpine\nCOPY . /var/www/html\nCMD ["php-fpm"]\n' },
    { name: 'nginx only in the builder', code: 'FROM ubuntu:24.04 AS build\nCMD ["nginx", "-t"]\nFROM gcr.io/distroless/static\nENTRYPOINT ["/app"]\n' },
    { name: 'a script that starts nginx without exec leaves the shell to take the signal (entrypoint-script-without-exec says so)', code: MUNKI, buildContext: script('#!/bin/sh\npython manage.py migrate\nnginx -g "daemon off;"\n') },
    { name: 'a script that ends with exec of an app server', code: MUNKI, buildContext: script('#!/bin/sh\nexec gunicorn app.wsgi\n') },
  ],
  invalid: [
    {
      name: 'nginx on debian',
      code: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y nginx\nCMD ["nginx", "-g", "daemon off;"]\n',
      errors: [{ line: 3, column: 6, endLine: 3, endColumn: 13, messageId: 'missing', message: 'STOPSIGNAL SIGQUIT' }],
      output: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y nginx\nCMD ["nginx", "-g", "daemon off;"]\nSTOPSIGNAL SIGQUIT\n',
    },
    {
      name: 'php-fpm on alpine, CRLF, continuation',
      code: 'FROM alpine:3.20\r\nRUN apk add --no-cache php83-fpm\r\nCMD ["php-fpm83", \\\r\n     "-F"]\r\nEXPOSE 9000\r\n',
      errors: [{ line: 3, column: 6 }],
      output: 'FROM alpine:3.20\r\nRUN apk add --no-cache php83-fpm\r\nCMD ["php-fpm83", \\\r\n     "-F"]\r\nSTOPSIGNAL SIGQUIT\r\nEXPOSE 9000\r\n',
    },
    {
      name: 'apache in the foreground on ubuntu',
      code: 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y apache2\nCMD apachectl -D FOREGROUND\n',
      errors: [{ line: 3, column: 5, message: 'SIGWINCH' }],
      output: 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y apache2\nCMD apachectl -D FOREGROUND\nSTOPSIGNAL SIGWINCH\n',
    },
    {
      name: 'an entrypoint script that ends with exec nginx (munkiwebadmin)',
      code: MUNKI,
      buildContext: script('#!/bin/sh\ngunicorn app.wsgi --bind=unix:/tmp/g.sock --daemon\n\nexec nginx -g "daemon off;"\n'),
      errors: [{ line: 4, column: 13, endColumn: 47, messageId: 'inScript', message: '`entrypoint.prod.sh` ends with `exec nginx`' }],
      output: MUNKI.replace('EXPOSE 80\n', 'STOPSIGNAL SIGQUIT\nEXPOSE 80\n'),
    },
  ],
});
