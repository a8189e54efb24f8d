import rule from '../../../../server/src/core/rules/dockerfile/dev-prod-parity/debugger-flag';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'a last stage named debug, after the release stage (Jaeger: built with --target release)', code: 'FROM golang:1.23 AS build\nRUN go install github.com/go-delve/delve/cmd/dlv@v1.23.1\nFROM alpine:3.20 AS release\nCOPY all-in-one /go/bin/all-in-one\nENTRYPOINT ["/go/bin/all-in-one"]\nFROM release AS debug\nCOPY --from=build /go/bin/dlv /go/bin/dlv\nENTRYPOINT ["/go/bin/dlv", "exec", "/go/bin/all-in-one", "--headless", "--listen=:12345", "--api-version=2", "--accept-multiclient", "--log", "--"]\n' },
    { name: 'plain node', code: 'FROM node:20-slim\nENV NODE_OPTIONS=--max-old-space-size=512\nCMD ["node", "server.js"]\n' },
    { name: 'debug flags only in a debug stage before the final', code: 'FROM eclipse-temurin:21-jre AS debug\nENV JAVA_TOOL_OPTIONS=-agentlib:jdwp=transport=dt_socket,server=y,address=*:5005\nFROM eclipse-temurin:21-jre\nENTRYPOINT ["java", "-jar", "/app.jar"]\n' },
    { name: 'Dockerfile.debug', filename: 'Dockerfile.debug', code: 'FROM node:20\nCMD ["node", "--inspect=0.0.0.0:9229", "server.js"]\n' },
    { name: 'Xdebug enabled in a builder stage only', code: 'FROM php:8.3-cli AS test\nRUN pecl install xdebug-3.3.2 && docker-php-ext-enable xdebug\nRUN vendor/bin/phpunit\nFROM php:8.3-fpm\nRUN docker-php-ext-enable opcache\nCMD ["php-fpm"]\n' },
    { name: 'Xdebug in a development Dockerfile', filename: 'Dockerfile.dev', code: 'FROM php:8.3-fpm\nRUN install-php-extensions xdebug\nCMD ["php-fpm"]\n' },
    {
      // lightningsale/LightningSale (review set 91): the Compose file's development image, beside the release Dockerfile.
      name: 'Xdebug in Dockerfile.xdebug, a development image by its name',
      filename: 'Dockerfile.xdebug',
      code: 'FROM php:8.2-fpm\nRUN pecl install xdebug-3.3.2 && docker-php-ext-enable xdebug\nENV SYMFONY_ENV=dev\nCMD ["php-fpm"]\n',
    },
  ],
  invalid: [
    {
      name: 'node --inspect',
      code: 'FROM node:20-slim\nCMD ["node", "--inspect=0.0.0.0:9229", "server.js"]\n',
      errors: [{ line: 2, column: 14, endLine: 2, endColumn: 38, messageId: 'flag', message: '`--inspect`' }],
    },
    {
      name: 'JAVA_TOOL_OPTIONS with jdwp',
      code: 'FROM eclipse-temurin:21-jre\nENV JAVA_TOOL_OPTIONS="-Xmx512m -agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=*:5005"\nENTRYPOINT ["java", "-jar", "/app.jar"]\n',
      errors: [{ line: 2, column: 33, endColumn: 101, messageId: 'env' }],
    },
    {
      name: 'debugpy through python -m in shell form',
      code: 'FROM python:3.12-slim\nCMD python -m debugpy --listen 0.0.0.0:5678 app.py\n',
      errors: [{ line: 3 - 1, column: 15, endColumn: 22, messageId: 'program' }],
    },
    {
      name: 'a debugger in the release stage, with a debug stage after it',
      code: 'FROM eclipse-temurin:21-jre AS release\nENV JAVA_TOOL_OPTIONS=-agentlib:jdwp=transport=dt_socket,server=y,address=*:5005\nENTRYPOINT ["java", "-jar", "/app.jar"]\nFROM release AS debug\nENTRYPOINT ["java", "-jar", "/app.jar"]\n',
      errors: [{ line: 2, column: 23, endColumn: 81 }],
    },
    {
      // Tran-Dac-Thuong/e-commerce-laravel: the one stage, which is the release image, enables Xdebug.
      name: 'Xdebug enabled in the release image',
      code: 'FROM php:8.3-fpm\nRUN pecl install xdebug-3.3.2 && docker-php-ext-enable xdebug\nRUN install-php-extensions gd xdebug@3.3.2\nCMD ["php-fpm"]\n',
      errors: [
        { line: 2, column: 56, endColumn: 62, messageId: 'extension', message: '`docker-php-ext-enable` loads the Xdebug debugger' },
        { line: 3, column: 31, endColumn: 43, messageId: 'extension', message: '`install-php-extensions`' },
      ],
    },
  ],
});
