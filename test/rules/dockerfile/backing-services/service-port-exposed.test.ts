import rule from '../../../../server/src/core/rules/dockerfile/backing-services/service-port-exposed';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'app ports', code: 'FROM node:20-slim\nEXPOSE 3000 9229/tcp\n' },
    { name: 'service image', code: 'FROM postgres:16\nEXPOSE 5432\n' },
    { name: 'builder stage only', code: 'FROM node:20 AS test\nEXPOSE 6379\nFROM node:20-slim\nEXPOSE 8080\n' },
    { name: 'port ranges are not judged', code: 'FROM python:3.12-slim\nEXPOSE 5000-5500\n' },
  ],
  invalid: [
    {
      name: 'postgres port in an app image',
      code: 'FROM node:20-slim\nEXPOSE 3000 5432\nCMD ["node", "server.js"]\n',
      errors: [{ line: 2, column: 13, endLine: 2, endColumn: 17, messageId: 'exposed', message: 'PostgreSQL' }],
    },
    {
      name: 'redis with a protocol, CRLF',
      code: 'FROM python:3.12-slim\r\nEXPOSE 8000 6379/tcp\r\n',
      errors: [{ line: 2, column: 13, endColumn: 21, message: 'Redis' }],
    },
    {
      name: 'rabbitmq in an inherited stage',
      code: 'FROM ruby:3.3-slim AS base\nEXPOSE 5672\nFROM base\nCMD ["bundle", "exec", "puma"]\n',
      errors: [{ line: 2, column: 8, endColumn: 12, message: 'RabbitMQ' }],
    },
  ],
});
