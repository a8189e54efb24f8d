import rule from '../../../../server/src/core/rules/dockerfile/dependencies/unpinned-os-package';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'pinned apt, apk, dnf packages', code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl=7.88.1-10+deb12u5 ca-certificates=20230311\nRUN apk add --no-cache git=2.43.0-r0\nRUN dnf install -y nginx-1.24.0\n' },
    { name: 'unpinned packages only in a builder stage', code: 'FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc make\nFROM gcr.io/distroless/cc-debian12\nCOPY --from=build /out /app\n' },
    { name: 'local package files and variables are not judged', code: 'FROM debian:12\nRUN apt-get install -y ./pkg.deb $EXTRA_PACKAGES\n' },
  ],
  invalid: [
    {
      name: 'apt-get install of two packages: one finding over both',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl git\n',
      errors: [{ line: 2, column: 66, endColumn: 74, messageId: 'unpinned', message: '2 packages installed by `apt-get` without a version (`curl`, `git`)' }],
    },
    {
      name: 'apk add mixed pinned and unpinned, in the parent of the final stage',
      code: 'FROM alpine:3.20 AS base\nRUN apk add --no-cache bash=5.2.26-r0 jq\nFROM base\nCMD ["sh"]\n',
      errors: [{ line: 2, column: 39, endColumn: 41, message: '`apk`' }],
    },
    {
      name: 'yum and zypper without versions',
      code: 'FROM rockylinux:9\nRUN yum install -y nginx\nRUN zypper install -y vim\n',
      errors: [{ line: 2, column: 20, endColumn: 25, message: '`yum`' }, { line: 3, column: 23, endColumn: 26, message: '`zypper`' }],
    },
  ],
});
