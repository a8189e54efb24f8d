import rule from '../../../../server/src/core/rules/dockerfile/dependencies/verification-disabled';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'verified downloads and installs', code: 'FROM debian:12\nRUN curl -fsSL https://x/key.asc -o /k && wget -q https://x/a\nRUN apt-get update && apt-get install -y curl\n' },
    { name: 'a curl option value that contains k is not -k', code: 'FROM alpine:3.20\nRUN curl -H k -o key https://x/k && curl -sSo kubectl https://dl.k8s.io/kubectl\n' },
    { name: 'strict-ssl turned on, a trusted host in another program', code: 'FROM node:20\nRUN npm config set strict-ssl true && echo --trusted-host\n' },
  ],
  invalid: [
    {
      name: 'curl -k in a flag cluster and wget --no-check-certificate',
      code: 'FROM debian:12\nRUN curl -fsSLk https://x/key.asc -o /k && wget --no-check-certificate https://x/a\n',
      errors: [
        { line: 2, column: 10, endColumn: 16, messageId: 'off', message: '`curl`' },
        { line: 2, column: 49, endColumn: 71, messageId: 'off', message: '`wget`' },
      ],
    },
    {
      name: 'pip --trusted-host with its value, apk --allow-untrusted',
      code: 'FROM python:3.12\nRUN pip install --trusted-host pypi.internal -r requirements.txt\nRUN apk add --allow-untrusted /tmp/x.apk\n',
      errors: [
        { line: 2, column: 17, endColumn: 45, message: 'trusted-host' },
        { line: 3, column: 13, endColumn: 30, message: 'signature' },
      ],
    },
    {
      name: 'npm strict-ssl false, yum --nogpgcheck, git sslVerify off',
      code: 'FROM fedora:40\nRUN npm config set strict-ssl false\nRUN yum install -y --nogpgcheck foo\nRUN git -c http.sslVerify=false clone https://x/r\n',
      errors: [
        { line: 2, column: 20, endColumn: 36, message: 'registry' },
        { line: 3, column: 20, endColumn: 32, message: 'signature' },
        { line: 4, column: 12, endColumn: 32, message: '`git`' },
      ],
    },
  ],
});
