import rule from '../../../../server/src/core/rules/dockerfile/logs/log-volume';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'data volume', code: 'FROM postgres:16\nVOLUME /var/lib/postgresql/data\n' },
    { name: 'log volume in a builder stage only', code: 'FROM node:20 AS build\nVOLUME /var/log\nFROM node:20-slim\nVOLUME ["/tmp"]\nCMD ["node", "server.js"]\n' },
    { name: 'directory that merely contains log in its name', code: 'FROM alpine:3.20\nVOLUME /srv/catalog /var/logical\n' },
  ],
  invalid: [
    {
      name: 'VOLUME /var/log',
      code: 'FROM nginx:1.27\nVOLUME /var/log/nginx\n',
      errors: [{ line: 2, column: 8, endLine: 2, endColumn: 22, messageId: 'logVolume' }],
    },
    {
      name: 'JSON form with a logs dir among others',
      code: 'FROM eclipse-temurin:21-jre\nVOLUME ["/tmp", "/opt/app/logs"]\n',
      errors: [{ line: 2, column: 17, endColumn: 32 }],
    },
    {
      name: 'inherited from the parent stage of the final stage',
      code: 'FROM python:3.12-slim AS base\nVOLUME /app/log\nFROM base\nCMD ["python", "-u", "main.py"]\n',
      errors: [{ line: 2, column: 8, endColumn: 16 }],
    },
  ],
});
