import rule from '../../../../server/src/core/rules/dockerfile/disposability/package-manager-start';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'node started directly', code: 'FROM node:20\nRUN npm ci && npm run build\nCMD ["node", "dist/server.js"]\n' },
    { name: 'npm start only in a test stage', code: 'FROM node:20 AS test\nCMD ["npm", "test"]\nFROM node:20-slim\nCMD ["node", "server.js"]\n' },
    { name: 'a build tool image', code: 'FROM node:20\nCMD ["npm", "run", "build"]\n' },
    // Measured (npm 6 to 11): npm forwards SIGTERM to BusyBox sh, which has exec'd the app, and waits for it.
    { name: 'npm start on an Alpine image', code: 'FROM node:24-alpine\nWORKDIR /app\nCOPY . .\nEXPOSE 4000\nCMD ["npm", "start"]\n' },
    { name: 'npm run start in shell form on an Alpine stage the final stage is built FROM', code: 'FROM node:18-alpine AS runner\nENV NODE_ENV=production\nFROM runner\nENTRYPOINT npm run start\n' },
    // linkwarden before the yarn script that stays: a migration step, then the app itself.
    { name: 'a yarn step that finishes before the app starts', code: 'FROM node:22.14-bullseye-slim\nCMD ["sh", "-c", "yarn prisma:deploy && node server.js"]\n' },
    { name: 'a Dockerfile.dev that runs the dev script', filename: 'src/nextjs/Dockerfile.dev', code: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nCMD ["pnpm", "dev"]\n' },
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
    {
      name: 'yarn start on an Alpine image: Yarn 1 exits at once on SIGTERM',
      code: 'FROM node:20-alpine\nCMD ["yarn", "start"]\n',
      errors: [{ line: 2, column: 6, messageId: 'manager', message: '`yarn start`' }],
    },
    {
      // linkwarden's Dockerfile: the migration runs to completion; the script after it is what stays.
      name: 'the yarn script after a migration step, not the step',
      code: 'FROM node:22.14-bullseye-slim\nCMD ["sh", "-c", "yarn prisma:deploy && yarn concurrently:start"]\n',
      errors: [{ line: 2, column: 41, message: '`yarn concurrently:start`' }],
    },
    {
      name: 'the start inside an if, before its fi',
      code: 'FROM node:20\nCMD if [ -n "$MIGRATE" ]; then npm run migrate; fi; if true; then npm start; fi\n',
      errors: [{ line: 2, column: 67, message: '`npm start`' }],
    },
    {
      name: "options before the script (joplin's server image)",
      code: 'FROM node:16-bullseye\nWORKDIR /home/joplin\nCOPY . .\nCMD [ "yarn", "--prefix", "packages/server", "start" ]\n',
      errors: [{ line: 4, column: 7, endColumn: 53, message: '`yarn --prefix packages/server start`' }],
    },
    {
      name: "dashy's `yarn build-and-start`: an app that builds and then serves, not a build image",
      code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . ./\nRUN yarn install --frozen-lockfile\nCMD ["yarn", "build-and-start"]\n',
      errors: [{ line: 5, column: 6, message: '`yarn build-and-start`' }],
    },
  ],
});
