import rule from '../../../../server/src/core/rules/dockerfile/dependencies/update-without-install';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'update and install in one RUN', code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n' },
    { name: 'update followed by a script that may install', code: 'FROM debian:12\nRUN apt-get update && ./install-deps.sh\n' },
    { name: 'apk upgrade in the same RUN', code: 'FROM alpine:3.20\nRUN apk update && apk upgrade\n' },
  ],
  invalid: [
    {
      name: 'apt-get update alone',
      code: 'FROM debian:12\nRUN apt-get -y update\nRUN apt-get -y install git\n',
      errors: [{ line: 2, column: 5, endColumn: 22, messageId: 'alone', message: '`apt-get -y update`' }],
    },
    {
      name: 'apk update alone, then cleanup',
      code: 'FROM alpine:3.20\nRUN apk update && rm -rf /tmp/*\n',
      errors: [{ line: 2, column: 5, endColumn: 15 }],
    },
    {
      name: 'apt update with an apk install does not count as installing',
      code: 'FROM debian:12\nRUN apt update && apk add curl\n',
      errors: [{ line: 2, column: 5, endColumn: 15 }],
    },
  ],
});
