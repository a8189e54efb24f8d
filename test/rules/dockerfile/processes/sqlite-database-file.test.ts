import rule from '../../../../server/src/core/rules/dockerfile/processes/sqlite-database-file';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'postgres URL', code: 'FROM python:3.12-slim\nENV DATABASE_URL=postgres://db/app\n' },
    { name: 'sqlite used by tests in a builder stage', code: 'FROM python:3.12 AS test\nENV DATABASE_URL=sqlite:///test.db\nRUN pytest\nFROM python:3.12-slim\n' },
    { name: 'GeoIP data is not a database file', code: 'FROM node:20-slim\nCOPY GeoLite2-City.mmdb /data/\n' },
    { name: 'a variable reference', code: 'FROM node:20-slim\nENV DB_FILE=$DB_FILE\n' },
  ],
  invalid: [
    {
      name: 'Django sqlite URL',
      code: 'FROM python:3.12-slim\nENV DATABASE_URL=sqlite:////app/db.sqlite3\n',
      errors: [{ line: 2, column: 18, endLine: 2, endColumn: 43, messageId: 'env' }],
    },
    {
      name: 'database file copied, Prisma file URL',
      code: 'FROM node:20-slim\nCOPY prisma/dev.db ./prisma/\nENV DATABASE_URL="file:./dev.db"\n',
      errors: [{ line: 2, column: 6, endColumn: 19, messageId: 'copied' }, { line: 3, column: 18, endColumn: 33, messageId: 'env' }],
    },
    {
      name: 'path under a DB name, continuation, CRLF',
      code: 'FROM ruby:3.3-slim\r\nENV RAILS_ENV=production \\\r\n    SQLITE_DB_PATH=/app/storage/production.sqlite3\r\n',
      errors: [{ line: 3, column: 20, endColumn: 51 }],
    },
    {
      name: "a path with the driver's options after it (homebox)",
      code: 'FROM alpine:3.20\nENV HBOX_DATABASE_SQLITE_PATH=/data/homebox.db?_pragma=busy_timeout=2000&_fk=1\n',
      errors: [{ line: 2, column: 31, endColumn: 79, messageId: 'env' }],
    },
  ],
});
