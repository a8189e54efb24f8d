import rule from '../../../../server/src/core/rules/dockerfile/concurrency/repeated-start-instruction';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'one of each', code: 'FROM node:20\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\nENTRYPOINT ["node"]\nCMD ["server.js"]\n' },
    { name: 'CMDs in earlier stages do not run', code: 'FROM node:20 AS build\nCMD ["npm", "test"]\nFROM node:20-slim\nCMD ["node", "server.js"]\n' },
    { name: 'a final stage overriding its parent stage', code: 'FROM node:20 AS base\nCMD ["node", "a.js"]\nFROM base\nCMD ["node", "b.js"]\n' },
  ],
  invalid: [
    {
      name: 'two CMDs',
      code: 'FROM python:3.12\nCMD ["gunicorn", "app:app"]\nCMD ["python", "worker.py"]\n',
      errors: [{ line: 2, column: 1, endColumn: 4, messageId: 'repeated', message: 'line 3' }],
    },
    {
      name: 'three ENTRYPOINTs',
      code: 'FROM alpine:3.20\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]\nENTRYPOINT ["c"]\n',
      errors: [{ line: 2, column: 1, endColumn: 11 }, { line: 3, column: 1, endColumn: 11 }],
    },
    {
      name: 'two HEALTHCHECKs',
      code: 'FROM nginx:1.27\nHEALTHCHECK CMD wget -q -O- http://localhost/\nHEALTHCHECK NONE\n',
      errors: [{ line: 2, column: 1, endColumn: 12, message: '`HEALTHCHECK`' }],
    },
  ],
});
