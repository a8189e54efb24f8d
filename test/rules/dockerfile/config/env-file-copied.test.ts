import rule from '../../../../server/src/core/rules/dockerfile/config/env-file-copied';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'examples and neutral defaults', code: 'FROM node:20-slim\nCOPY .env.example config/default.json ./\n' },
    { name: 'appsettings.json without environment', code: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY appsettings.json ./\n' },
    { name: '.env used by a frontend builder only', code: 'FROM node:20 AS build\nCOPY .env.production ./\nRUN npm run build\nFROM nginx:1.27-alpine\nCOPY --from=build /app/dist /usr/share/nginx/html\n' },
    { name: 'a file named environment.ts is code', code: 'FROM node:20-slim\nCOPY src/environment.ts ./src/\n' },
    { name: "a template copied to .env: its defaults, the environment's values win", code: 'FROM php:8.3-fpm\nWORKDIR /var/www\nCOPY .env.example .env\n' },
    { name: 'files copied into a folder named like an env file', code: 'FROM node:20\nCOPY config.json /srv/.env.d/\n' },
    {
      // DouglasNeuroInformatics/OpenDataCapture's web image: a list of names the start command fills in from the environment.
      name: 'a dotenv file that only names its variables, copied from a build stage',
      code: 'FROM node:22-alpine AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nFROM node:22-alpine\nWORKDIR /app\nCOPY --from=build /app/apps/web/.env.public /app/apps/web/dist/ ./\nCMD ["sh", "-c", "import-meta-env -x .env.public -p index.html && http-server -p 80 ."]\n',
      buildContext: { files: { 'apps/web/.env.public': { uri: 'file:///w/apps/web/.env.public', text: '# filled in at start\nCONTACT_EMAIL=\nDOCS_URL=""\n' } } },
    },
  ],
  invalid: [
    {
      name: 'dotenv file',
      code: 'FROM node:20-slim\nWORKDIR /app\nCOPY .env ./\n',
      errors: [{ line: 3, column: 6, endLine: 3, endColumn: 10, messageId: 'envFile' }],
    },
    {
      name: 'Spring and .NET environment files',
      code: 'FROM eclipse-temurin:21-jre\nCOPY src/main/resources/application-prod.yml /config/\nCOPY ["appsettings.Production.json", "/app/"]\n',
      errors: [{ line: 2, column: 6, endColumn: 45, message: 'Spring profile' }, { line: 3, column: 7, endColumn: 36 }],
    },
    {
      name: 'copied from a builder stage, glob, CRLF',
      code: 'FROM node:20 AS build\r\nRUN npm run build\r\nFROM node:20-slim\r\nCOPY --from=build /app/config/production.json ./config/\r\nCOPY .env* ./\r\n',
      errors: [{ line: 4, column: 19, endColumn: 46 }, { line: 5, column: 6, endColumn: 11, message: 'may copy dotenv files' }],
    },
    {
      name: 'Windows web.config transform with the escape directive',
      code: '# escape=`\nFROM mcr.microsoft.com/dotnet/framework/aspnet:4.8\nCOPY Portal\\Web.Production.config .\\Web.config\n',
      errors: [{ line: 3, column: 6, endColumn: 34, message: 'web.config transform' }],
    },
    {
      name: "a file added under a dotenv name (kimai's Dockerfile)",
      code: 'FROM php:8.3-apache\nADD https://github.com/kevinpapst/kimai2/archive/2.0.tar.gz /var/tmp/kimai.tgz\nADD env /var/tmp/kimai/.env\nWORKDIR /var/tmp/kimai\n',
      errors: [{ line: 3, column: 9, endColumn: 28, message: '`/var/tmp/kimai/.env` is a dotenv file (`env` copied there)' }],
    },
    {
      name: 'a dotenv file with a value set, read from the build context',
      code: 'FROM node:22-alpine\nWORKDIR /app\nCOPY .env.public ./\nCMD ["node", "server.js"]\n',
      buildContext: { files: { '.env.public': { uri: 'file:///w/.env.public', text: 'CONTACT_EMAIL=\nDOCS_URL=https://docs.example.org\n' } } },
      errors: [{ line: 3, column: 6, endColumn: 17, messageId: 'envFile' }],
    },
  ],
});
