import rule from '../../../../server/src/core/rules/dockerfile/dependencies/healthcheck-tool-missing';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'curl installed through an ARG list (paperless-ngx)', code: 'FROM debian:bookworm-slim\nARG RUNTIME_PACKAGES="curl gosu tzdata"\nRUN apt-get update && apt-get install --yes --quiet --no-install-recommends ${RUNTIME_PACKAGES} && rm -rf /var/lib/apt/lists/*\nHEALTHCHECK CMD ["curl", "-fs", "http://localhost:8000"]\n' },
    { name: 'a package list of unknown value may hold the tool', code: 'FROM debian:bookworm-slim\nARG EXTRA_PACKAGES\nRUN apt-get update && apt-get install -y $EXTRA_PACKAGES\nHEALTHCHECK CMD curl -f http://localhost/\n' },
    { name: 'full node image ships curl', code: 'FROM node:20\nHEALTHCHECK CMD curl -f http://localhost:3000/health || exit 1\n' },
    { name: 'alpine with wget (busybox)', code: 'FROM node:20-alpine\nHEALTHCHECK CMD wget -q --spider http://localhost:3000/health || exit 1\n' },
    { name: 'curl installed in the final stage', code: 'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nHEALTHCHECK CMD ["curl", "-f", "http://localhost:8000/health"]\n' },
    { name: 'unknown base image is not judged', code: 'FROM registry.example.com/base/python:3.12\nHEALTHCHECK CMD curl -f http://localhost:8000/\n' },
    { name: 'curl installed in the builder only matters not; final has it copied', code: 'FROM alpine:3.20 AS tools\nRUN apk add --no-cache curl\nFROM gcr.io/distroless/base-debian12\nCOPY --from=tools /usr/bin/curl /usr/bin/curl\nHEALTHCHECK CMD ["/usr/bin/curl", "-f", "http://localhost:8080/"]\n' },
  ],
  invalid: [
    {
      name: 'curl on alpine',
      code: 'FROM node:20-alpine\nCOPY . .\nHEALTHCHECK --interval=30s CMD curl -f http://localhost:3000/health || exit 1\n',
      errors: [{ line: 3, column: 32, endLine: 3, endColumn: 36, messageId: 'missing', message: 'wget -q --spider' }],
    },
    {
      name: 'curl on a .NET runtime image, builder installs it (wrong stage)',
      code: 'FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build\nRUN apt-get update && apt-get install -y curl\nFROM mcr.microsoft.com/dotnet/aspnet:8.0\nHEALTHCHECK CMD ["curl", "--fail", "http://localhost:8080/healthz"]\n',
      errors: [{ line: 4, column: 18, endColumn: 24, message: '.NET runtime' }],
    },
    {
      name: 'wget on python slim from an ARG default',
      code: 'ARG PY=3.12-slim-bookworm\nFROM python:${PY}\nHEALTHCHECK CMD wget -qO- http://localhost:8000/ || exit 1\n',
      errors: [{ line: 3, column: 17, endColumn: 21, message: 'python slim' }],
    },
    {
      name: 'distroless inherits through a named stage',
      code: 'FROM gcr.io/distroless/nodejs20-debian12 AS runtime\nFROM runtime\nHEALTHCHECK CMD ["curl", "-f", "http://localhost:3000/"]\n',
      errors: [{ line: 3, column: 18, endColumn: 24, message: 'distroless' }],
    },
    {
      name: 'a package list through an ENV value that does not name the tool',
      code: 'FROM debian:bookworm-slim\nENV RUNTIME_PACKAGES="gosu tzdata"\nRUN apt-get update && apt-get install -y ${RUNTIME_PACKAGES}\nHEALTHCHECK CMD curl -f http://localhost/\n',
      errors: [{ line: 4, column: 17, message: 'Debian' }],
    },
  ],
});
