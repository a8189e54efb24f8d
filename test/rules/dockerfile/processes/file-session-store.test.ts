import rule from '../../../../server/src/core/rules/dockerfile/processes/file-session-store';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'redis session driver', code: 'FROM php:8.3-fpm\nENV SESSION_DRIVER=redis\n' },
    { name: 'PHP redis handler with a tcp save_path', code: 'FROM php:8.3-fpm\nRUN echo "session.save_handler = redis" >> /usr/local/etc/php/conf.d/session.ini \\\n && echo "session.save_path = tcp://redis:6379" >> /usr/local/etc/php/conf.d/session.ini\n' },
    { name: 'file sessions in a builder stage', code: 'FROM php:8.3-cli AS test\nENV SESSION_DRIVER=file\nRUN vendor/bin/phpunit\nFROM php:8.3-fpm\n' },
    { name: 'cookie sessions', code: 'FROM node:20-slim\nENV SESSION_STORE=cookie\n' },
  ],
  invalid: [
    {
      name: 'Laravel file driver',
      code: 'FROM php:8.3-fpm\nENV APP_ENV=production SESSION_DRIVER=file\n',
      errors: [{ line: 2, column: 39, endLine: 2, endColumn: 43, messageId: 'env' }],
    },
    {
      name: 'php.ini heredoc with a files handler',
      code: 'FROM php:8.3-apache\nCOPY <<EOF /usr/local/etc/php/conf.d/session.ini\nsession.save_handler = files\nsession.save_path = "/var/lib/php/sessions"\nEOF\n',
      errors: [{ line: 3, column: 1, endColumn: 29, messageId: 'php' }, { line: 4, column: 1, endColumn: 43 }],
    },
    {
      name: 'Django file backend, CRLF',
      code: 'FROM python:3.12-slim\r\nENV SESSION_ENGINE=django.contrib.sessions.backends.file\r\n',
      errors: [{ line: 2, column: 20, endColumn: 57 }],
    },
  ],
});
