import rule from '../../../../server/src/core/rules/dockerfile/logs/log-shipper-in-image';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'fluentd image with plugins is the shipper itself', code: 'FROM fluent/fluentd:v1.17-debian\nUSER root\nRUN gem install fluent-plugin-elasticsearch\nUSER fluent\n' },
    { name: 'logrotate only in a builder stage', code: 'FROM debian:bookworm AS build\nRUN apt-get update && apt-get install -y logrotate\nFROM debian:bookworm-slim\nCMD ["/app"]\n' },
    { name: 'a dedicated fluent-bit runner image', code: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y fluent-bit\nCMD ["fluent-bit", "-c", "/etc/fluent-bit/fluent-bit.conf"]\n' },
  ],
  invalid: [
    {
      name: 'rsyslog and logrotate in an app image',
      code: 'FROM ubuntu:24.04\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends rsyslog logrotate python3\nCMD ["python3", "app.py"]\n',
      errors: [
        { line: 3, column: 48, endLine: 3, endColumn: 55, messageId: 'installed' },
        { line: 3, column: 56, endColumn: 65, messageId: 'installed' },
      ],
    },
    {
      name: 'filebeat started next to the app',
      code: 'FROM node:20-slim\nCMD ["sh", "-c", "filebeat -e & exec node server.js"]\n',
      errors: [{ line: 2, column: 19, endColumn: 27, messageId: 'started' }],
    },
    {
      name: 'apk add in a heredoc',
      code: 'FROM alpine:3.20\nRUN <<EOF\napk add --no-cache fluent-bit\nEOF\nCMD ["/app/server"]\n',
      errors: [{ line: 3, column: 20, endColumn: 30 }],
    },
  ],
});
