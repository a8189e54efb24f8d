import rule from '../../../../server/src/core/rules/dockerfile/codebase/git-clone-in-build';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'build from the context', code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\n' },
    { name: 'clone pinned to a release tag', code: 'FROM debian:bookworm-slim AS tools\nRUN git clone --depth 1 --branch v1.4.2 https://github.com/acme/tool.git /src\nFROM debian:bookworm-slim\n' },
    { name: 'clone followed by a commit checkout, with continuations', code: 'FROM golang:1.22 AS build\nRUN git clone https://github.com/acme/lib.git /src/lib \\\n && cd /src/lib \\\n && git checkout 3f2a9c1d\n' },
    { name: 'ADD of a git URL pinned to a tag', code: 'FROM alpine:3.20\nADD https://github.com/moby/buildkit.git#v0.13.2 /src\n' },
    { name: 'release archive of a tag', code: 'FROM alpine:3.20\nRUN curl -fsSL https://github.com/acme/tool/archive/refs/tags/v2.1.0.tar.gz | tar xz\n' },
    {
      // Charliecloud's openmpi example: the tag is an ARG's default.
      name: 'a tag from an ARG or ENV with a known value, and a ref from a build argument without a default (unknown: not a finding)',
      code: 'FROM almalinux:8\nARG UCX_VERSION=1.11.2\nRUN git clone --branch v${UCX_VERSION} --depth 1 https://github.com/openucx/ucx.git\nENV LIBRDKAFKA=2.3.0\nRUN git clone -b "v$LIBRDKAFKA" https://github.com/confluentinc/librdkafka\nARG REF\nRUN git clone --branch "$REF" https://github.com/acme/lib.git\nADD https://github.com/acme/cfg.git#${REF} /cfg\n',
    },
    {
      name: "release tags named after their project: Go's, LLVM's, Intel MPI Benchmarks', curl's, OpenSSL's",
      code: 'FROM debian:bookworm AS build\nRUN git clone --branch go1.22.1 https://go.googlesource.com/go\nRUN git clone -b llvmorg-18.1.8 https://github.com/llvm/llvm-project.git\nARG IMB_VERSION=IMB-v2021.3\nRUN git clone --branch $IMB_VERSION --depth 1 https://github.com/intel/mpi-benchmarks\nRUN git clone -b curl-8_4_0 https://github.com/curl/curl.git && git clone -b OpenSSL_1_1_1w https://github.com/openssl/openssl.git\n',
    },
    { name: 'a commit checked out with git -C', code: 'FROM golang:1.22 AS build\nRUN git clone https://github.com/acme/lib.git /src/lib && git -C /src/lib checkout 3f2a9c1d\n' },
    { name: 'a clone written into a file by a here-document inside a RUN heredoc', code: 'FROM alpine:3.20\nRUN <<EOF\ncat <<SCRIPT > /usr/local/bin/fetch\ngit clone https://github.com/acme/tools /src\nSCRIPT\nchmod +x /usr/local/bin/fetch\nEOF\n' },
    { name: 'a release archive whose URL comes from build variables', code: 'FROM python:3.6-alpine\nARG BRANCH=v2.4.9\nARG URL=https://github.com/digitalocean/netbox/archive/$BRANCH.tar.gz\nRUN wget -q -O - "${URL}" | tar xz\n' },
  ],
  invalid: [
    {
      name: 'clone of the default branch',
      code: 'FROM node:20\nWORKDIR /app\nRUN git clone https://github.com/acme/shop.git . && npm ci\n',
      errors: [{ line: 3, column: 5, endLine: 3, endColumn: 14, messageId: 'clone', message: 'github.com/acme/shop.git' }],
    },
    {
      name: 'clone of a branch in a builder stage, heredoc',
      code: 'FROM golang:1.22 AS build\nRUN <<EOF\nset -e\ngit clone --branch main git@github.com:acme/api.git /src\nEOF\nFROM gcr.io/distroless/static-debian12\n',
      errors: [{ line: 4, column: 1, endLine: 4, endColumn: 10, message: 'branch main' }],
    },
    {
      name: 'a branch from a variable whose value is a branch; release branches named with a version',
      code: 'FROM debian:bookworm AS build\nARG BRANCH=develop\nRUN git clone --branch ${BRANCH} https://github.com/acme/a.git\nRUN git clone -b release-1.2 https://github.com/acme/b.git && git clone -b stable-5.10 https://github.com/acme/c.git\nRUN git clone https://github.com/acme/d.git && git -C d checkout releases/latest\n',
      errors: [
        { line: 3, column: 5, endColumn: 14, message: '(branch ${BRANCH})' },
        { line: 4, column: 5, endColumn: 14, message: '(branch release-1.2)' },
        { line: 4, column: 63, endColumn: 72, message: '(branch stable-5.10)' },
        { line: 5, column: 5, endColumn: 14, message: 'github.com/acme/d.git' },
      ],
    },
    {
      name: 'ADD of a repository without a ref',
      code: 'FROM alpine:3.20\nADD git@github.com:acme/config.git /etc/app\n',
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 35, messageId: 'addGit' }],
    },
    {
      name: 'branch-head archive download',
      code: 'FROM alpine:3.20\nRUN wget -qO- https://github.com/acme/site/archive/refs/heads/main.tar.gz | tar xz\n',
      errors: [{ line: 2, column: 15, endColumn: 74, messageId: 'archive' }],
    },
    {
      name: 'CRLF file with sudo wrapper',
      code: 'FROM ubuntu:24.04\r\nRUN sudo git clone https://gitlab.com/acme/app.git /opt/app\r\n',
      errors: [{ line: 2, column: 10, endColumn: 19, messageId: 'clone' }],
    },
    {
      name: 'heredoc whose clone follows a line continuation',
      code: 'FROM python:3.12-slim\nRUN <<EOF\napt-get update && \\\n  git clone https://github.com/acme/tools /src\nEOF\n',
      errors: [{ line: 4, column: 3, endLine: 4, endColumn: 12, messageId: 'clone' }],
    },
    {
      // netbox-docker's Dockerfile: the archive's URL is an ARG whose default names another ARG.
      name: 'a branch archive whose URL comes from build variables',
      code: 'FROM python:3.6-alpine\nARG BRANCH=master\nARG URL=https://github.com/digitalocean/netbox/archive/$BRANCH.tar.gz\nRUN wget -q -O - "${URL}" | tar xz\n',
      errors: [{ line: 4, column: 18, endColumn: 26, messageId: 'archive', message: 'archive/master.tar.gz' }],
    },
  ],
});
