import rule from '../../../../server/src/core/rules/dockerfile/port-binding/expose-invalid-format';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'container ports, a range and protocols', code: 'FROM nginx:1.27\nEXPOSE 80 443/tcp 53/udp 8000-8010\n' },
    { name: 'a port from an ARG default', code: 'FROM node:20\nARG PORT=3000\nEXPOSE $PORT\n' },
    { name: 'an unknown variable is skipped', code: 'FROM node:20\nARG PORT\nEXPOSE ${PORT}\n' },
    { name: 'a port variable the ASP.NET Core image sets for itself', code: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nEXPOSE $ASPNETCORE_HTTP_PORTS\nENTRYPOINT ["dotnet", "Api.dll"]\n' },
    { name: 'an undeclared variable on an image not known to leave it unset', code: 'FROM bitnami/node:22\nEXPOSE ${APP_PORT}\n' },
    { name: 'an undeclared variable that does not name a port', code: 'FROM alpine:3.20\nEXPOSE $EXPOSED\n' },
    { name: 'a port variable declared by ENV in the parent stage', code: 'FROM python:3.12-slim AS base\nENV APP_PORT=8000\nFROM base\nEXPOSE ${APP_PORT}\n' },
  ],
  invalid: [
    {
      name: 'host:container',
      code: 'FROM nginx:1.27\nEXPOSE 8080:80\n',
      errors: [{ line: 2, column: 8, endColumn: 15, messageId: 'hostPart', message: '(`EXPOSE 80`)' }],
    },
    {
      name: 'an IP address with a port and protocol',
      code: 'FROM nginx:1.27\nEXPOSE 0.0.0.0:80/tcp 443\n',
      errors: [{ line: 2, column: 8, endColumn: 22, messageId: 'hostPart' }],
    },
    {
      name: 'out of range, also through a variable',
      code: 'FROM nginx:1.27\nENV P=70000\nEXPOSE 0 $P\n',
      errors: [{ line: 3, column: 8, endColumn: 9, messageId: 'range' }, { line: 3, column: 10, endColumn: 12, messageId: 'range', message: '70000' }],
    },
    {
      // opentelemetry-demo's services: the port variables are set in compose's .env, which the build never sees.
      name: 'a port variable nothing declares, on official images',
      code: 'FROM golang:1.22-alpine AS builder\nRUN go build -o /out/app .\nFROM alpine AS release\nCOPY --from=builder /out/app /app\nEXPOSE ${PRODUCT_CATALOG_PORT}\nENTRYPOINT ["/app"]\n',
      errors: [{ line: 5, column: 8, endColumn: 31, messageId: 'undeclared', message: 'no ARG or ENV sets `PRODUCT_CATALOG_PORT`' }],
    },
    {
      name: 'an undeclared port variable beside a literal port, CRLF',
      code: 'FROM node:22-alpine\r\nEXPOSE 8080 $DEBUG_PORT\r\n',
      errors: [{ line: 2, column: 13, endColumn: 24, messageId: 'undeclared' }],
    },
  ],
});
