import rule from '../../../../server/src/core/rules/dockerfile/build-release-run/copy-whole-stage';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'artefacts copied by path', code: 'FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static\nCOPY --from=build /out/app /app\n' },
    { name: 'an export stage built from scratch is meant to be copied whole', code: 'FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM scratch AS export\nCOPY --from=build /out /\nFROM gcr.io/distroless/static\nCOPY --from=export / /\n' },
    { name: 'a whole stage copied into another build stage', code: 'FROM node:20 AS deps\nRUN npm ci\nFROM node:20 AS build\nCOPY --from=deps / /\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\n' },
  ],
  invalid: [
    {
      name: 'whole build stage into the runtime image',
      code: 'FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM debian:12-slim\nCOPY --from=build / /\n',
      errors: [{ line: 4, column: 19, endColumn: 20, messageId: 'whole', message: '--from=build' }],
    },
    {
      name: 'by stage index, with /.',
      code: 'FROM node:20\nRUN npm ci\nFROM node:20-slim\nCOPY --from=0 /. /srv\n',
      errors: [{ line: 4, column: 15, endColumn: 17 }],
    },
    {
      name: 'exec form',
      code: 'FROM python:3.12 AS build\nRUN pip wheel -w /w .\nFROM python:3.12-slim\nCOPY --from=build ["/", "/"]\n',
      errors: [{ line: 4, column: 20, endColumn: 23 }],
    },
  ],
});
