import rule from '../../../../server/src/core/rules/dockerfile/admin-processes/sshd-in-image';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'a Git server whose users push over SSH as its git account (Gitea)', code: 'FROM golang:1.23-alpine AS build\nRUN go build -o /gitea .\nFROM alpine:3.20\nEXPOSE 22 3000\nRUN apk --no-cache add bash git openssh s6 su-exec\nRUN addgroup -S -g 1000 git && \\\n  adduser -S -H -D -h /data/git -s /bin/bash -u 1000 -G git git\nCOPY --from=build /gitea /app/gitea\nENTRYPOINT ["/usr/bin/entrypoint"]\n' },
    { name: 'an MPI image: ranks are launched over SSH', code: 'FROM rockylinux:9.3\nRUN dnf install -y openmpi openmpi-devel && dnf clean all\nRUN dnf install -y openssh-server openssh-clients && ssh-keygen -A\nCMD ["/bin/bash", "-l"]\n' },
    { name: 'ssh client only', code: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y openssh-client git\nCMD ["/app"]\n' },
    { name: 'a dedicated SFTP server image', code: 'FROM alpine:3.20\nRUN apk add --no-cache openssh\nCMD ["/usr/sbin/sshd", "-D", "-e"]\n' },
    { name: 'devcontainer', filename: '.devcontainer/Dockerfile', code: 'FROM mcr.microsoft.com/devcontainers/base:ubuntu\nRUN apt-get update && apt-get install -y openssh-server\n' },
  ],
  invalid: [
    {
      name: 'openssh-server next to the app',
      code: 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y openssh-server python3\nCMD ["python3", "app.py"]\n',
      errors: [{ line: 2, column: 42, endLine: 2, endColumn: 56, messageId: 'installed' }],
    },
    {
      name: 'sshd started in the background',
      code: 'FROM node:20-slim\nCMD ["sh", "-c", "/usr/sbin/sshd && exec node server.js"]\n',
      errors: [{ line: 2, column: 19, endColumn: 33, messageId: 'started' }],
    },
    {
      name: 'service ssh start, installed in a heredoc',
      code: 'FROM php:8.3-apache\nRUN <<EOF\napt-get update\napt-get install -y openssh-server\nEOF\nCMD service ssh start && apache2-foreground\n',
      errors: [{ line: 4, column: 20, messageId: 'installed' }, { line: 6, column: 13, endColumn: 16, messageId: 'started' }],
    },
  ],
});
