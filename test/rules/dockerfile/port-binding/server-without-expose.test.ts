import rule from '../../../../server/src/core/rules/dockerfile/port-binding/server-without-expose';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'gunicorn with EXPOSE', code: 'FROM python:3.12-slim\nEXPOSE 8000\nCMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]\n' },
    { name: 'the platform hands the port in $PORT', code: 'FROM python:3.12-slim\nCMD exec gunicorn --bind :$PORT --workers 1 app:app\n' },
    { name: 'java reads ${PORT}', code: 'FROM eclipse-temurin:21-jre\nCMD ["java", "-Dserver.port=${PORT}", "-jar", "/app.jar"]\n' },
    { name: 'a worker is not a server', code: 'FROM node:20-slim\nCMD ["node", "dist/worker.js"]\n' },
    { name: 'EXPOSE in the parent stage', code: 'FROM eclipse-temurin:21-jre AS base\nEXPOSE 8080\nFROM base\nCOPY app.jar /app.jar\nENTRYPOINT ["java", "-jar", "/app.jar"]\n' },
    { name: 'server only in a builder stage', code: 'FROM node:20 AS build\nCMD ["npm", "start"]\nFROM nginx:1.27-alpine\nCOPY --from=build /app/dist /usr/share/nginx/html\n' },
    {
      // dotnet-docker's MultiProjectApp sample: a console app on the runtime image, which cannot host ASP.NET Core.
      name: 'dotnet app.dll on a .NET runtime image without ASP.NET Core',
      code: 'FROM mcr.microsoft.com/dotnet/sdk:9.0 AS build\nRUN dotnet publish -o /app\nFROM mcr.microsoft.com/dotnet/runtime:9.0 AS final\nWORKDIR /app\nCOPY --from=build /app .\nENTRYPOINT ["dotnet", "MultiProjectApp.dll"]\n',
    },
  ],
  invalid: [
    {
      name: 'uvicorn through python -m without EXPOSE',
      code: 'FROM python:3.12-slim\nCMD ["python", "-m", "uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8080"]\n',
      errors: [{ line: 2, column: 22, endLine: 2, endColumn: 31, messageId: 'noExpose', message: '`EXPOSE 8080`' }],
    },
    {
      name: 'dotnet app.dll on the ASP.NET Core image',
      code: 'FROM mcr.microsoft.com/dotnet/aspnet:9.0\nWORKDIR /app\nCOPY out .\nENTRYPOINT ["dotnet", "Api.dll"]\n',
      errors: [{ line: 4, column: 13, endColumn: 21, message: '`dotnet Api.dll`' }],
    },
    {
      name: 'java -jar behind tini',
      code: 'FROM eclipse-temurin:21-jre\nENTRYPOINT ["tini", "--"]\nCMD ["java", "-jar", "/opt/app/app.jar"]\n',
      errors: [{ line: 3, column: 6, endColumn: 12, message: '`EXPOSE <port>`' }],
    },
    {
      name: 'npm start in shell form with exec, PORT from ENV',
      code: 'FROM node:20-alpine\nENV PORT=3000\nCMD exec npm start\n',
      errors: [{ line: 3, column: 10, message: 'EXPOSE 3000' }],
    },
  ],
});
