import rule from '../../../../server/src/core/rules/dockerfile/admin-processes/ssh-port-exposed';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'a Git server whose users push over SSH as its git account (Gitea)', code: 'FROM golang:1.23-alpine AS build\nRUN go build -o /gitea .\nFROM alpine:3.20\nEXPOSE 22 3000\nRUN apk --no-cache add bash git openssh s6 su-exec\nRUN addgroup -S -g 1000 git && \\\n  adduser -S -H -D -h /data/git -s /bin/bash -u 1000 -G git git\nCOPY --from=build /gitea /app/gitea\nENTRYPOINT ["/usr/bin/entrypoint"]\n' },
    { name: 'web port only', code: 'FROM nginx:1.27\nEXPOSE 80\n' },
    { name: 'port 22 only in a builder stage', code: 'FROM debian:12 AS build\nEXPOSE 22\nFROM debian:12-slim\nEXPOSE 8080\n' },
    { name: 'port 2222 and 22/udp', code: 'FROM alpine:3.20\nEXPOSE 2222 22/udp\n' },
  ],
  invalid: [
    { name: 'EXPOSE 22', code: 'FROM ubuntu:24.04\nEXPOSE 22\n', errors: [{ line: 2, column: 8, endColumn: 10, messageId: 'ssh' }] },
    { name: 'EXPOSE 22/tcp with another port', code: 'FROM ubuntu:24.04\nEXPOSE 8080 22/tcp\n', errors: [{ line: 2, column: 13, endColumn: 15 }] },
    { name: 'inherited from the parent stage, through an ARG', code: 'FROM ubuntu:24.04 AS base\nARG SSH=22\nEXPOSE $SSH\nFROM base\n', errors: [{ line: 3, column: 8, endColumn: 12 }] },
  ],
});
