import rule from '../../../../server/src/core/rules/dockerfile/build-release-run/copy-whole-stage';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'artefacts copied by path', code: 'FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static\nCOPY --from=build /out/app /app\n' },
    { name: 'an export stage built from scratch is meant to be copied whole', code: 'FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM scratch AS export\nCOPY --from=build /out /\nFROM gcr.io/distroless/static\nCOPY --from=export / /\n' },
    {
      name: 'the built distribution copied by path from a Gradle build',
      code: 'FROM eclipse-temurin:21-jdk AS builder\nWORKDIR /usr/src/app/\nCOPY gradlew settings.gradle build.gradle ./\nCOPY gradle ./gradle\nCOPY src ./src\nRUN ./gradlew installDist\nFROM eclipse-temurin:21-jre\nWORKDIR /usr/src/app/\nCOPY --from=builder /usr/src/app/build/install/ad/ ./\nENTRYPOINT ["./bin/ad"]\n',
    },
    {
      name: 'a Node.js build directory copied whole (its sources are what runs)',
      code: 'FROM node:18 AS build-env\nCOPY . /app\nWORKDIR /app\nRUN npm ci --omit=dev\nRUN npm run build\nFROM gcr.io/distroless/nodejs18-debian11\nCOPY --from=build-env /app /app\nWORKDIR /app\nCMD ["server.js"]\n',
    },
    {
      name: 'a Go binary built into a directory of its own, which is copied whole',
      code: 'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app ./cmd/app\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /out /usr/local/bin\n',
    },
    {
      name: 'a migrations image that runs the SDK on the project it copies',
      code: 'FROM mcr.microsoft.com/dotnet/sdk:9.0 AS build\nWORKDIR /src\nCOPY . .\nRUN dotnet publish Api/Api.csproj -c Release -o /out\nFROM mcr.microsoft.com/dotnet/aspnet:9.0 AS runtime\nCOPY --from=build /out /app\nFROM mcr.microsoft.com/dotnet/sdk:9.0 AS migrations\nWORKDIR /src\nCOPY --from=build /src .\nRUN dotnet tool install --global dotnet-ef --version 9.0.0\nENTRYPOINT ["dotnet", "ef"]\n',
    },
    { name: 'a whole stage copied into another build stage', code: 'FROM node:20 AS deps\nRUN npm ci\nFROM node:20 AS build\nCOPY --from=deps / /\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\n' },
    { name: 'a relative path below the stage root (`./dist`), not the root itself', code: 'FROM node:22-alpine AS build\nCOPY . /app\nRUN cd /app && npm ci && npm run build\nFROM nginx:1.27-alpine\nCOPY --from=build ./app/dist /usr/share/nginx/html\n' },
  ],
  invalid: [
    {
      name: 'whole build stage into the runtime image',
      code: 'FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM debian:12-slim\nCOPY --from=build / /\n',
      errors: [{ line: 4, column: 19, endColumn: 20, messageId: 'whole', message: '--from=build' }],
    },
    {
      name: 'by stage index, with /.',
      code: 'FROM node:20\nRUN npm ci\nFROM node:20-slim\nCOPY --from=0 /. /srv\n',
      errors: [{ line: 4, column: 15, endColumn: 17 }],
    },
    {
      name: 'exec form',
      code: 'FROM python:3.12 AS build\nRUN pip wheel -w /w .\nFROM python:3.12-slim\nCOPY --from=build ["/", "/"]\n',
      errors: [{ line: 4, column: 20, endColumn: 23 }],
    },
    {
      name: 'the directory a Gradle build compiled in, copied whole into the runtime image',
      code: 'FROM eclipse-temurin:21-jdk AS builder\nWORKDIR /usr/src/app/\nCOPY ./src/ad/gradlew* ./src/ad/settings.gradle* ./src/ad/build.gradle .\nCOPY ./src/ad/gradle ./gradle\nRUN ./gradlew downloadRepos\nCOPY ./src/ad/ ./\nRUN ["./gradlew", "installDist"]\nFROM eclipse-temurin:21-jre\nWORKDIR /usr/src/app/\nCOPY --from=builder /usr/src/app/ ./\nENTRYPOINT ["./build/install/opentelemetry-demo-ad/bin/Ad"]\n',
      errors: [{ line: 10, column: 21, endColumn: 34, messageId: 'workdir', message: '`COPY --from=builder /usr/src/app/` copies the whole directory the build compiled in' }],
    },
    {
      name: 'a Go module directory copied whole, relative to the stage root',
      code: 'FROM golang:1.22 AS build\nWORKDIR /go/src/app\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN CGO_ENABLED=0 go build -o server .\nFROM alpine:3.20\nCOPY --from=build go/src/app /app\nCMD ["/app/server"]\n',
      errors: [{ line: 8, column: 19, endColumn: 29, messageId: 'workdir' }],
    },
    {
      // pipicu-back-end: `.` in COPY --from is the stage's root, the whole node:23-alpine file system with the sources.
      name: 'COPY --from a build stage of `.`',
      code: 'FROM node:23-alpine AS build\nCOPY . /app\nRUN cd /app && npm ci && npm run build\nFROM node:23-alpine\nWORKDIR /app\nCOPY --from=build . .\nCMD ["node", "dist/index.js"]\n',
      errors: [{ line: 6, column: 19, endColumn: 20, message: '`COPY --from=build .` copies the whole build stage from its root' }],
    },
  ],
});
