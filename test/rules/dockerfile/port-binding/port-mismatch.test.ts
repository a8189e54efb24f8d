import rule from '../../../../server/src/core/rules/dockerfile/port-binding/port-mismatch';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'everything agrees through PORT', code: 'FROM python:3.12-slim\nENV PORT=8000\nEXPOSE 8000\nHEALTHCHECK CMD curl -fsS http://localhost:${PORT}/health || exit 1\nCMD ["sh", "-c", "exec gunicorn -b 0.0.0.0:${PORT} app:app"]\n' },
    { name: 'extra metrics port exposed', code: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/base\nEXPOSE 8080 9090\nENTRYPOINT ["/app", "--port", "8080"]\n' },
    { name: 'EXPOSE from an ARG without default is unknown', code: 'ARG APP_PORT\nFROM node:20-slim\nARG APP_PORT\nEXPOSE $APP_PORT\nCMD ["node", "server.js", "--port", "3000"]\n' },
    { name: 'health check of another host', code: 'FROM node:20-slim\nEXPOSE 3000\nHEALTHCHECK CMD wget -qO- http://db.internal:5432/ || exit 1\nCMD ["node", "server.js"]\n' },
    {
      name: "the app behind the Caddy the image bundles (hoppscotch's all-in-one image)",
      code: 'FROM node:20-alpine AS aio\nCOPY --from=caddy_builder /tmp/caddy-build/cmd/caddy/caddy /usr/bin/caddy\nENV PRODUCTION="true"\nENV PORT=8080\nCOPY aio-multiport-setup.Caddyfile /etc/caddy/aio-multiport-setup.Caddyfile\nCMD ["node", "/usr/src/app/aio_run.mjs"]\nEXPOSE 3170\nEXPOSE 3000\nEXPOSE 80\n',
    },
    {
      name: 'gunicorn behind the nginx installed in the image, EXPOSE the proxy',
      code: 'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends nginx=1.22.1-9 && rm -rf /var/lib/apt/lists/*\nCOPY deploy/site.conf /etc/nginx/conf.d/default.conf\nEXPOSE 80\nCMD ["sh", "-c", "nginx && exec gunicorn --bind 127.0.0.1:8000 app:app"]\n',
    },
    { name: 'aspnet 8 exposing its own port', code: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nEXPOSE 8080\nCOPY out/ .\nENTRYPOINT ["dotnet", "App.dll"]\n' },
    { name: 'aspnet 6 exposing 80, its port then', code: 'FROM mcr.microsoft.com/dotnet/aspnet:6.0\nEXPOSE 80\nCOPY out/ .\nENTRYPOINT ["dotnet", "App.dll"]\n' },
    { name: 'aspnet 8 told to listen on 80', code: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0-alpine AS base\nENV ASPNETCORE_HTTP_PORTS=80\nFROM base\nEXPOSE 80\nCOPY out/ .\nENTRYPOINT ["dotnet", "App.dll"]\n' },
    { name: 'aspnet 8 given its URLs on the command line', code: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nEXPOSE 80\nCOPY out/ .\nENTRYPOINT ["dotnet", "App.dll", "--urls", "http://+:80"]\n' },
    { name: 'an aspnet tag with no version', code: 'FROM mcr.microsoft.com/dotnet/aspnet:latest\nEXPOSE 80\nCOPY out/ .\nENTRYPOINT ["dotnet", "App.dll"]\n' },
  ],
  invalid: [
    {
      name: 'gunicorn binds 8000, EXPOSE 5000',
      code: 'FROM python:3.12-slim\nEXPOSE 5000\nCMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]\n',
      errors: [{ line: 3, column: 37, endLine: 3, endColumn: 41, messageId: 'commandVsExpose' }],
    },
    {
      name: 'ENV PORT differs from the literal port, health check on a third',
      code: 'FROM node:20-slim\nENV PORT=8080\nEXPOSE 3000\nHEALTHCHECK --interval=30s CMD curl -f http://localhost:8081/healthz\nCMD ["node", "server.js", "--port=3000"]\n',
      errors: [
        { line: 2, column: 10, endColumn: 14, messageId: 'envVsCommand' },
        { line: 4, column: 57, endColumn: 61, messageId: 'healthcheck' },
      ],
    },
    {
      name: 'PORT not exposed, no flag',
      code: 'FROM node:20-alpine\nENV NODE_ENV=production PORT=4000\nEXPOSE 3000/tcp\nCMD ["node", "server.js"]\n',
      errors: [{ line: 2, column: 30, endColumn: 34, messageId: 'envVsExpose' }],
    },
    {
      name: 'ARG default expanded in the flag',
      code: 'ARG PORT=9000\nFROM eclipse-temurin:21-jre\nARG PORT\nEXPOSE 8080\nENTRYPOINT ["java", "-jar", "/app.jar", "--server.port=${PORT}"]\n',
      errors: [{ line: 5, column: 56, messageId: 'commandVsExpose', message: '9000' }],
    },
    {
      name: 'a proxy in the image does not hide a health check of the wrong port',
      code: 'FROM node:20-alpine\nCOPY Caddyfile /etc/caddy/Caddyfile\nENV PORT=8080\nEXPOSE 80\nHEALTHCHECK CMD wget -qO- http://localhost:9090/health || exit 1\nCMD ["node", "server.js"]\n',
      errors: [{ line: 5, column: 44, messageId: 'healthcheck' }],
    },
    {
      // javietanh/aspnetcore: EXPOSE 80 kept from .NET 7 templates on an aspnet:8.0 image.
      name: "an aspnet 8 image exposing the port of .NET 7 and earlier",
      code: 'FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build\nCOPY . .\nRUN dotnet publish -o /out\nFROM mcr.microsoft.com/dotnet/aspnet:8.0\nWORKDIR /app\nEXPOSE 80\nCOPY --from=build /out .\nENTRYPOINT ["dotnet", "App.dll"]\n',
      errors: [{ line: 6, column: 8, endColumn: 10, messageId: 'aspnetVsExpose', message: 'listens on 8080 (the image\'s ASPNETCORE_HTTP_PORTS) but EXPOSE declares 80' }],
    },
    {
      name: 'a bind address given with its option in one exec-form item',
      code: 'FROM python:3.10-slim\nEXPOSE 8000\nENTRYPOINT ["gunicorn", "-w 4", "-b 0.0.0.0:5000", "run_server:app"]\n',
      errors: [{ line: 3, column: 45, endColumn: 49, messageId: 'commandVsExpose', message: 'The server listens on 5000 but EXPOSE declares 8000' }],
    },
  ],
});
