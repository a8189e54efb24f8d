import rule from '../../../../server/src/core/rules/dockerfile/dependencies/add-remote-without-checksum';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'with --checksum', code: 'FROM alpine:3.20\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool.tar.gz /tmp/\n' },
    { name: 'local ADD', code: 'FROM alpine:3.20\nADD rootfs.tar.gz /\n' },
    { name: 'git source is the codebase rule', code: 'FROM alpine:3.20\nADD https://github.com/acme/app.git#v1.2.0 /src\n' },
    { name: 'COPY is not a download', code: 'FROM alpine:3.20\nCOPY https.conf /etc/\n' },
  ],
  invalid: [
    {
      name: 'ADD of a release URL',
      code: 'FROM debian:bookworm-slim\nADD https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini\n',
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 67, messageId: 'noChecksum' }],
    },
    {
      name: 'ADD with other flags and an ARG in the URL',
      code: 'FROM alpine:3.20\nARG V=1.2.3\nADD --chmod=755 --link https://dl.example.com/cli-${V}-linux-amd64 /usr/local/bin/cli\n',
      errors: [{ line: 3, column: 24, message: 'dl.example.com' }],
    },
    {
      name: 'JSON form in a builder stage',
      code: 'FROM alpine:3.20 AS fetch\nADD ["http://example.com/data.zip", "/data/"]\nFROM alpine:3.20\n',
      errors: [{ line: 2, column: 6, endColumn: 35 }],
    },
  ],
});
