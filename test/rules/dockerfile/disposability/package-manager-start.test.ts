import rule from '../../../../server/src/core/rules/dockerfile/disposability/package-manager-start';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'node started directly', code: 'FROM node:20\nRUN npm ci && npm run build\nCMD ["node", "dist/server.js"]\n' },
    { name: 'npm start only in a test stage', code: 'FROM node:20 AS test\nCMD ["npm", "test"]\nFROM node:20-slim\nCMD ["node", "server.js"]\n' },
    { name: 'a build tool image', code: 'FROM node:20\nCMD ["npm", "run", "build"]\n' },
  ],
  invalid: [
    {
      name: 'npm start in exec form',
      code: 'FROM node:20\nCMD [ "npm", "start" ]\n',
      errors: [{ line: 2, column: 7, endColumn: 21, messageId: 'manager', message: '`npm start` makes npm' }],
    },
    {
      name: 'yarn start behind an exec-form ENTRYPOINT',
      code: 'FROM node:20\nENTRYPOINT ["yarn"]\nCMD ["start"]\n',
      errors: [{ line: 2, column: 13, endLine: 3, endColumn: 13, message: '`yarn start`' }],
    },
    {
      name: 'npm run in shell form',
      code: 'FROM node:20\nCMD exec npm run serve\n',
      errors: [{ line: 2, column: 10, endColumn: 23, message: '`npm run serve`' }],
    },
  ],
});
