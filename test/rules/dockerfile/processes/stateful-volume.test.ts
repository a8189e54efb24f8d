import rule from '../../../../server/src/core/rules/dockerfile/processes/stateful-volume';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'log and tmp volumes are other concerns', code: 'FROM eclipse-temurin:21-jre\nVOLUME /tmp /var/log/app\n' },
    { name: 'database image keeps its data volume', code: 'FROM postgres:16\nVOLUME /var/lib/postgresql/data\n' },
    { name: 'builder stage volume', code: 'FROM node:20 AS build\nVOLUME /data\nFROM node:20-slim\nCMD ["node", "server.js"]\n' },
    { name: 'cache directory', code: 'FROM python:3.12-slim\nVOLUME ["/root/.cache"]\n' },
    { name: 'a path from a variable whose value is unknown, and one that expands to a log folder', code: 'FROM eclipse-temurin:17-jre\nARG APP_HOME\nVOLUME ${APP_HOME}/data\nENV LOG_DIR=/var/log/app\nVOLUME ${LOG_DIR}\nCMD ["java", "-jar", "/app.jar"]\n' },
  ],
  invalid: [
    {
      name: 'uploads volume',
      code: 'FROM node:20-slim\nWORKDIR /app\nVOLUME /app/public/uploads\nCMD ["node", "server.js"]\n',
      errors: [{ line: 3, column: 8, endLine: 3, endColumn: 27, messageId: 'volume' }],
    },
    {
      name: 'JSON form with two state paths',
      code: 'FROM php:8.3-apache\nVOLUME ["/var/www/html/storage", "/var/lib/app"]\n',
      errors: [{ line: 2, column: 9, endColumn: 32 }, { line: 2, column: 34, endColumn: 48 }],
    },
    {
      name: '/data in an inherited stage, CRLF',
      code: 'FROM python:3.12-slim AS base\r\nVOLUME /data\r\nFROM base\r\nCMD ["gunicorn", "app:app"]\r\n',
      errors: [{ line: 2, column: 8, endColumn: 13 }],
    },
    {
      name: "a path from ENV and ARG values (Graylog's `VOLUME ${GRAYLOG_HOME}/data`)",
      code: 'FROM eclipse-temurin:17-jre\nARG GRAYLOG_HOME=/usr/share/graylog\nENV GRAYLOG_HOME=${GRAYLOG_HOME}\nVOLUME ${GRAYLOG_HOME}/data\nCMD ["/docker-entrypoint.sh"]\n',
      errors: [{ line: 4, column: 8, messageId: 'volume', message: '`VOLUME ${GRAYLOG_HOME}/data`' }],
    },
    {
      name: "BTCPay Server's data directory",
      code: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nENV BTCPAY_DATADIR=/datadir\nVOLUME /datadir\nENTRYPOINT ["dotnet", "BTCPayServer.dll"]\n',
      errors: [{ line: 3, column: 8, messageId: 'volume', message: '`VOLUME /datadir`' }],
    },
  ],
});
