import rule from '../../../../server/src/core/rules/dockerfile/config/undefined-build-variable';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'global ARG re-declared in the stage', code: 'ARG VERSION=1.2\nFROM alpine:3.20\nARG VERSION\nRUN wget https://x/v$VERSION/tool.tgz\n' },
    { name: 'predefined platform arguments and an ENV of the stage', code: 'ARG GO=1.22\nFROM --platform=$BUILDPLATFORM golang:${GO}\nENV GO=1.22.5\nRUN echo $GO $TARGETARCH\n' },
    { name: 'a variable the script assigns, and one a base image sets', code: 'ARG NODE_VERSION=20\nARG X=1\nFROM node:${NODE_VERSION}\nRUN echo $NODE_VERSION && for X in a b; do echo $X; done\n' },
    { name: 'declared by the parent stage: ENV in its legacy form, and one ARG word of several', code: 'ARG VERSION=1.2\nARG CHANNEL=stable\nFROM alpine:3.20 AS base\nENV VERSION 1.2.5\nARG MODE CHANNEL\nFROM base\nRUN echo $VERSION $CHANNEL\n' },
    { name: 'an escaped `$` is not a reference', code: 'ARG VERSION=1.2\nFROM alpine:3.20\nRUN echo \\$VERSION > /etc/motd\nCOPY app/ /srv/app/\n' },
    { name: 'runtime instructions read the container environment', code: 'ARG PORT=8080\nFROM alpine:3.20\nCMD ["sh", "-c", "serve --port $PORT"]\n' },
    { name: 'a variable the script sets in an earlier command, and in an export joined by &&', code: 'ARG VERSION=1.2\nARG TAG\nFROM golang:1.22\nRUN VERSION=2.0; make build V=${VERSION}\nRUN export TAG=$(git describe) && echo $TAG\n' },
  ],
  invalid: [
    {
      name: 'FROM with an undeclared variable',
      code: 'FROM python:${PY_VERSION}-slim\n',
      errors: [{ line: 1, column: 13, endColumn: 26, messageId: 'fromUndefined', message: '`$PY_VERSION`' }],
    },
    {
      name: 'global ARG used in a stage without re-declaring it',
      code: 'ARG VERSION=1.2\nFROM alpine:3.20\nRUN wget https://x/v$VERSION/tool.tgz\nARG VERSION\nRUN echo $VERSION\n',
      errors: [{ line: 3, column: 21, endColumn: 29, messageId: 'notRedeclared' }],
    },
    {
      name: 'braced reference in COPY and WORKDIR, reported once per instruction',
      code: 'ARG APP=web\nFROM alpine:3.20\nCOPY ${APP}/ /srv/${APP}\nWORKDIR /srv/${APP}\n',
      errors: [{ line: 3, column: 6, endColumn: 12 }, { line: 4, column: 14, endColumn: 20 }],
    },
    {
      name: 'a reference only on a continuation line, and one only in a heredoc body',
      code: 'ARG VERSION=1.2\nFROM alpine:3.20\nRUN apk add curl \\\n  && curl -o /tmp/t https://x/v$VERSION/t\nRUN <<EOF\necho building $VERSION\nEOF\n',
      errors: [{ line: 4, column: 32, endColumn: 40 }, { line: 6, column: 15, endColumn: 23 }],
    },
    {
      name: "an assignment reads the build argument before it sets anything (oauth2-proxy's builder stage); so does a prefix assignment's own command",
      code: 'ARG VERSION\nFROM golang:1.22 AS builder\nRUN VERSION=${VERSION} make build\nRUN VERSION=3 go build -ldflags "-X main.v=$VERSION" .\n',
      errors: [{ line: 3, column: 13, endColumn: 23 }, { line: 4, column: 44, endColumn: 52 }],
    },
  ],
});
