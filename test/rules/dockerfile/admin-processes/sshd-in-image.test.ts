import rule from '../../../../server/src/core/rules/dockerfile/admin-processes/sshd-in-image';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'a Git server whose users push over SSH as its git account (Gitea)', code: 'FROM golang:1.23-alpine AS build\nRUN go build -o /gitea .\nFROM alpine:3.20\nEXPOSE 22 3000\nRUN apk --no-cache add bash git openssh s6 su-exec\nRUN addgroup -S -g 1000 git && \\\n  adduser -S -H -D -h /data/git -s /bin/bash -u 1000 -G git git\nCOPY --from=build /gitea /app/gitea\nENTRYPOINT ["/usr/bin/entrypoint"]\n' },
    { name: 'an MPI image: ranks are launched over SSH', code: 'FROM rockylinux:9.3\nRUN dnf install -y openmpi openmpi-devel && dnf clean all\nRUN dnf install -y openssh-server openssh-clients && ssh-keygen -A\nCMD ["/bin/bash", "-l"]\n' },
    { name: 'ssh client only', code: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y openssh-client git\nCMD ["/app"]\n' },
    { name: 'a dedicated SFTP server image', code: 'FROM alpine:3.20\nRUN apk add --no-cache openssh\nCMD ["/usr/sbin/sshd", "-D", "-e"]\n' },
    { name: 'devcontainer', filename: '.devcontainer/Dockerfile', code: 'FROM mcr.microsoft.com/devcontainers/base:ubuntu\nRUN apt-get update && apt-get install -y openssh-server\n' },
    {
      name: "Gogs: its git account is created by a script of the build context that a RUN runs",
      code: `FROM alpine:3.14\nRUN apk --no-cache --no-progress add bash git openssh s6 shadow\nWORKDIR /app/gogs\nCOPY docker ./docker\nCOPY --from=binarybuilder /gogs.io/gogs/gogs .\nRUN ./docker/build/finalize.sh\nEXPOSE 22 3000\nENTRYPOINT ["/app/gogs/docker/start.sh"]\nCMD ["/bin/s6-svscan", "/app/gogs/docker/s6/"]\n`,
      buildContext: { files: { 'docker/build/finalize.sh': { uri: 'file:///gogs/docker/build/finalize.sh', text: `#!/bin/sh\nset -xe\n# Create git user for Gogs\naddgroup -S git\nadduser -G git -H -D -g 'Gogs Git User' git -h /data/git -s /bin/bash && usermod -p '*' git && passwd -u git\n` } } },
    },
    { name: 'a git account named among options (adduser -G git … git -h /data/git)', code: 'FROM alpine:3.20\nRUN apk add --no-cache openssh git && adduser -G git -H -D -g "Git User" git -h /data/git -s /bin/bash\nEXPOSE 22\n' },
    {
      name: "Alpine's openssh for its client and ssh-keygen, nothing using the server (Opengist, whose Go server speaks SSH on 2222)",
      code: 'FROM alpine:3.19 AS prod\nRUN apk update && apk add --no-cache shadow openssl openssh curl git gnupg\nWORKDIR /app/opengist\nCOPY --from=build /opengist/opengist .\nEXPOSE 6157 2222\nENTRYPOINT ["./docker/entrypoint.sh"]\n',
    },
    { name: "Debian's ssh metapackage installed for the client", code: 'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends ssh git\nCMD ["python", "app.py"]\n' },
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
    {
      name: "Alpine's openssh with host keys made for its server",
      code: 'FROM alpine:3.20\nRUN apk add --no-cache openssh python3 && ssh-keygen -A\nCMD ["python3", "app.py"]\n',
      errors: [{ line: 2, column: 24, endColumn: 31, messageId: 'installed' }],
    },
    {
      name: "Alpine's openssh beside an exposed port 22",
      code: 'FROM alpine:3.20\nRUN apk add --no-cache openssh python3\nEXPOSE 22 8000\nCMD ["python3", "app.py"]\n',
      errors: [{ line: 2, column: 24, endColumn: 31, messageId: 'installed' }],
    },
    {
      name: "Debian's ssh metapackage with the server set up",
      code: 'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y ssh && mkdir /run/sshd\nEXPOSE 8000 22\nCMD ["python", "app.py"]\n',
      errors: [{ line: 2, column: 42, endColumn: 45, messageId: 'installed' }],
    },
  ],
});
