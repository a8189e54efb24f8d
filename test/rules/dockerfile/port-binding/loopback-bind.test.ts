import rule from '../../../../server/src/core/rules/dockerfile/port-binding/loopback-bind';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'a load generator\'s target URL is not a bind address', code: 'FROM locustio/locust:2.31.1\nENV HOST=http://localhost:8080/\nCMD ["locust", "-f", "/locustfile.py"]\n' },
    { name: 'all interfaces', code: 'FROM python:3.12-slim\nCMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]\n' },
    { name: 'health check on localhost is fine', code: 'FROM node:20-slim\nHEALTHCHECK CMD curl -f http://localhost:3000/ || exit 1\nENV DB_HOST=localhost\nCMD ["node", "server.js"]\n' },
    { name: 'loopback only in a test stage', code: 'FROM python:3.12-slim AS test\nCMD ["flask", "run", "--host", "127.0.0.1"]\nFROM python:3.12-slim\nCMD ["gunicorn", "-b", ":8000", "app:app"]\n' },
  ],
  invalid: [
    {
      name: 'gunicorn on 127.0.0.1',
      code: 'FROM python:3.12-slim\nCMD ["gunicorn", "-b", "127.0.0.1:8000", "app:app"]\n',
      errors: [{ line: 2, column: 25, endLine: 2, endColumn: 34, messageId: 'option' }],
      output: 'FROM python:3.12-slim\nCMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]\n',
    },
    {
      name: 'uvicorn --host=localhost in shell form with continuation',
      code: 'FROM python:3.12-slim\nCMD uvicorn main:app \\\n    --host=localhost --port 8000\n',
      errors: [{ line: 3, column: 12, endColumn: 21 }],
      output: 'FROM python:3.12-slim\nCMD uvicorn main:app \\\n    --host=0.0.0.0 --port 8000\n',
    },
    {
      name: 'ASPNETCORE_URLS and HOST env',
      code: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\r\nENV ASPNETCORE_URLS="http://localhost:5000" HOST=127.0.0.1\r\nENTRYPOINT ["dotnet", "Api.dll"]\r\n',
      errors: [
        { line: 2, column: 29, endColumn: 38, messageId: 'env' },
        { line: 2, column: 50, endColumn: 59, messageId: 'env' },
      ],
      output: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\r\nENV ASPNETCORE_URLS="http://0.0.0.0:5000" HOST=0.0.0.0\r\nENTRYPOINT ["dotnet", "Api.dll"]\r\n',
    },
  ],
});
