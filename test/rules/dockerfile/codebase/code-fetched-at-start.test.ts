import rule from '../../../../server/src/core/rules/dockerfile/codebase/code-fetched-at-start';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'plain start', code: 'FROM node:20-slim\nCMD ["node", "server.js"]\n' },
    { name: 'git used while building only', code: 'FROM alpine:3.20\nRUN git clone --branch v1.0.0 https://github.com/a/b.git /b\nCMD ["/b/run"]\n' },
    { name: 'git in a builder stage start command', code: 'FROM alpine/git:2.45 AS fetch\nCMD git pull\nFROM nginx:1.27\n' },
    { name: 'git log is harmless', code: 'FROM alpine:3.20\nCMD ["sh", "-c", "git log -1 && exec ./app"]\n' },
  ],
  invalid: [
    {
      // git's own `-C <dir>` takes a value: the verb is `pull`, not `/srv/app` (the generic verbIndex stopped there).
      name: 'pull in another folder with git -C',
      code: 'FROM node:20\nCMD git -C /srv/app pull && exec node /srv/app/server.js\n',
      errors: [{ line: 2, column: 5, endColumn: 25, messageId: 'gitAtStart', message: '`git pull`' }],
    },
    {
      name: 'pull before starting',
      code: 'FROM node:20\nWORKDIR /app\nCMD git pull && npm start\n',
      errors: [{ line: 3, column: 5, endLine: 3, endColumn: 13, messageId: 'gitAtStart' }],
    },
    {
      name: 'exec-form sh -c clone',
      code: 'FROM python:3.12\nENTRYPOINT ["sh", "-c", "git clone https://github.com/a/b.git /b && python /b/app.py"]\n',
      errors: [{ line: 2, column: 26, endColumn: 35, message: 'git clone' }],
    },
    {
      name: 'inherited from a parent stage',
      code: 'FROM ruby:3.3 AS base\nCMD git fetch origin && git reset --hard origin/main && bundle exec puma\nFROM base\n',
      errors: [{ line: 2, column: 5, endColumn: 14 }, { line: 2, column: 25, endColumn: 34 }],
    },
  ],
});
