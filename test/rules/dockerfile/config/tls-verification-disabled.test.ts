import rule from '../../../../server/src/core/rules/dockerfile/config/tls-verification-disabled';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'verification on, and an extra CA instead', code: 'FROM node:20\nENV NODE_TLS_REJECT_UNAUTHORIZED=1 NODE_EXTRA_CA_CERTS=/etc/ssl/corp.pem\n' },
    { name: 'only in a builder stage', code: 'FROM node:20 AS build\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\nRUN npm ci\nFROM node:20-slim\nCMD ["node", "server.js"]\n' },
    { name: 'a value from a variable is not guessed at', code: 'FROM python:3.12\nARG VERIFY\nENV PYTHONHTTPSVERIFY=$VERIFY\n' },
  ],
  invalid: [
    {
      name: 'Node.js verification off',
      code: 'FROM node:20\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\nCMD ["node", "server.js"]\n',
      errors: [{ line: 2, column: 5, endColumn: 35, messageId: 'off', message: '`NODE_TLS_REJECT_UNAUTHORIZED=0`' }],
    },
    {
      name: 'Python and git, inherited from the parent stage',
      code: 'FROM python:3.12 AS base\nENV PYTHONHTTPSVERIFY=0 GIT_SSL_NO_VERIFY=true\nFROM base\n',
      errors: [{ line: 2, column: 5, endColumn: 24 }, { line: 2, column: 25, endColumn: 47 }],
    },
    {
      name: 'legacy ENV form',
      code: 'FROM node:20\nENV NODE_TLS_REJECT_UNAUTHORIZED 0\n',
      errors: [{ line: 2, column: 5, endColumn: 35 }],
    },
  ],
});
