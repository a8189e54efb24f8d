import rule from '../../../../server/src/core/rules/dockerfile/concurrency/nginx-daemon';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'official image default command', code: 'FROM nginx:1.27-alpine\nCOPY dist/ /usr/share/nginx/html/\n' },
    { name: 'daemon off given', code: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y nginx\nCMD ["nginx", "-g", "daemon off;"]\n' },
    { name: 'daemon off in the configuration', code: 'FROM alpine:3.20\nRUN apk add --no-cache nginx \\\n && echo "daemon off;" >> /etc/nginx/nginx.conf\nCMD ["nginx"]\n' },
    { name: 'own nginx.conf copied', code: 'FROM alpine:3.20\nRUN apk add --no-cache nginx\nCOPY nginx.conf /etc/nginx/nginx.conf\nCMD ["nginx"]\n' },
    { name: 'nginx -t check before the real start', code: "FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y nginx\nCMD nginx -t && exec nginx -g 'daemon off;'\n" },
  ],
  invalid: [
    {
      name: 'exec form without daemon off',
      code: 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y nginx\nCMD ["nginx"]\n',
      errors: [{ line: 3, column: 6, endLine: 3, endColumn: 13, messageId: 'daemon' }],
      output: 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y nginx\nCMD ["nginx", "-g", "daemon off;"]\n',
    },
    {
      name: 'shell form, CRLF',
      code: 'FROM alpine:3.20\r\nRUN apk add --no-cache nginx\r\nCMD exec /usr/sbin/nginx\r\n',
      errors: [{ line: 3, column: 10, endColumn: 25 }],
      output: "FROM alpine:3.20\r\nRUN apk add --no-cache nginx\r\nCMD exec /usr/sbin/nginx -g 'daemon off;'\r\n",
    },
    {
      name: 'nginx daemonised before the app (no fix: it is not the main process)',
      code: 'FROM node:20-slim\nRUN apt-get update && apt-get install -y nginx\nCMD ["sh", "-c", "nginx && exec node server.js"]\n',
      errors: [{ line: 3, column: 19, endColumn: 24 }],
      output: null,
    },
  ],
});
