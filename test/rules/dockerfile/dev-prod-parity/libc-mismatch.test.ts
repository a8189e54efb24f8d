import rule from '../../../../server/src/core/rules/dockerfile/dev-prod-parity/libc-mismatch';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'static Go binary into alpine', code: 'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\nFROM alpine:3.20\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n' },
    { name: 'same libc family', code: 'FROM golang:1.22-alpine AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n' },
    { name: 'Rust musl target', code: 'FROM rust:1.79 AS build\nRUN rustup target add x86_64-unknown-linux-musl && cargo build --release --target x86_64-unknown-linux-musl\nFROM alpine:3.20\nCOPY --from=build /src/target/x86_64-unknown-linux-musl/release/app /app\nCMD ["/app"]\n' },
    { name: 'node build output (no node_modules) into alpine', code: 'FROM node:20 AS build\nRUN npm ci && npm run build\nFROM nginx:1.27-alpine\nCOPY --from=build /app/dist /usr/share/nginx/html\n' },
    { name: 'a Go binary built by make, whose flags the Makefile holds (ntfy: -extldflags=-static there)', code: 'FROM golang:1.22-bookworm AS builder\nWORKDIR /app\nADD Makefile .\nCOPY . .\nRUN make VERSION=$VERSION cli-linux-server\nFROM alpine:3.20\nCOPY --from=builder /app/dist/ntfy_linux_server/ntfy /usr/bin/ntfy\nENTRYPOINT ["ntfy"]\n' },
  ],
  invalid: [
    {
      name: 'cgo-enabled Go binary into alpine',
      code: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n',
      errors: [{ line: 4, column: 13, endLine: 4, endColumn: 18, messageId: 'mismatch', message: 'glibc' }],
    },
    {
      name: 'node_modules from debian into alpine, ARG images',
      code: 'ARG NODE=20\nFROM node:${NODE} AS deps\nRUN npm ci --omit=dev\nFROM node:${NODE}-alpine\nCOPY --from=deps /app/node_modules ./node_modules\nCMD ["node", "server.js"]\n',
      errors: [{ line: 5, column: 13, endColumn: 17, message: 'node_modules' }],
    },
    {
      name: 'venv from alpine into slim',
      code: 'FROM python:3.12-alpine AS build\nRUN python -m venv /venv && /venv/bin/pip install -r requirements.txt\nFROM python:3.12-slim\nCOPY --link --from=build /venv /venv\nCMD ["/venv/bin/python", "-u", "app.py"]\n',
      errors: [{ line: 4, column: 20, message: 'musl' }],
    },
  ],
});
