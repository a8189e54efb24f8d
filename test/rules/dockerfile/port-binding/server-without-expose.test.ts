import rule from '../../../../server/src/core/rules/dockerfile/port-binding/server-without-expose';
import { testRule } from '../../../helpers/rule-tester';

// opentelemetry-demo's fraud-detection: a Kafka consumer built with Gradle in a stage of its own.
const GRADLE_JAR = 'FROM gradle:8-jdk17 AS builder\nWORKDIR /usr/src/app/\nCOPY ./src/fraud-detection/ ./\nRUN gradle shadowJar\nFROM gcr.io/distroless/java17-debian12:nonroot\nWORKDIR /usr/src/app/\nCOPY --from=builder /usr/src/app/build/libs/fraud-detection-1.0-all.jar fraud-detection-1.0-all.jar\nENTRYPOINT [ "java", "-jar", "fraud-detection-1.0-all.jar" ]\n';
const gradle = (dependencies: string) => ({
  files: {
    'src/fraud-detection/build.gradle.kts': { uri: 'file:///repo/src/fraud-detection/build.gradle.kts', text: `plugins {\n    kotlin("jvm") version "2.3.20"\n    application\n}\n\ndependencies {\n${dependencies}}\n` },
    'src/fraud-detection/build.gradle': null,
  },
});
const KAFKA_CONSUMER = '    implementation("org.apache.kafka:kafka-clients:4.2.0")\n    implementation("io.grpc:grpc-netty:1.80.0")\n    implementation("io.grpc:grpc-services:1.80.0")\n';
const MAVEN_JAR = 'FROM maven:3.9-eclipse-temurin-21 AS build\nWORKDIR /src\nCOPY pom.xml .\nCOPY src ./src\nRUN mvn -B package\nFROM eclipse-temurin:21-jre\nCOPY --from=build /src/target/app.jar /app.jar\nENTRYPOINT ["java", "-jar", "/app.jar"]\n';
const pom = (parent: string, artifact: string) => ({ files: { 'pom.xml': { uri: 'file:///repo/pom.xml', text: `<project>\n${parent}  <dependencies>\n    <dependency>\n      <groupId>x</groupId>\n      <artifactId>${artifact}</artifactId>\n    </dependency>\n  </dependencies>\n</project>\n` } } });

// crazyhamster310/JudgeTasker: the CMD runs boot.sh, which migrates, then execs gunicorn.
const BOOT = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . /app\nRUN chmod +x ./boot.sh\nCMD ["./boot.sh"]\n';
const boot = (text: string) => ({ files: { 'boot.sh': { uri: 'file:///repo/boot.sh', text } } });

// sr-tamim/gemini-telegram-bot: `yarn start` runs `node index.js`, a Telegraf bot polling Telegram.
const BOT = 'FROM node:22.12.0-alpine\nRUN corepack enable\nWORKDIR /app\nCOPY package.json yarn.lock .yarnrc.yml ./\nRUN yarn install --frozen-lockfile\nCOPY . .\nCMD ["yarn", "start"]';
const packageJson = (dependencies: Record<string, string>) => ({
  files: { 'package.json': { uri: 'file:///repo/package.json', text: JSON.stringify({ name: 'bot', scripts: { start: 'node index.js', dev: 'nodemon index.js' }, dependencies }, null, 2) } },
});

testRule(rule, {
  valid: [
    { name: 'gunicorn with EXPOSE', code: 'FROM python:3.12-slim\nEXPOSE 8000\nCMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]\n' },
    { name: 'the platform hands the port in $PORT', code: 'FROM python:3.12-slim\nCMD exec gunicorn --bind :$PORT --workers 1 app:app\n' },
    { name: 'java reads ${PORT}', code: 'FROM eclipse-temurin:21-jre\nCMD ["java", "-Dserver.port=${PORT}", "-jar", "/app.jar"]\n' },
    { name: 'a worker is not a server', code: 'FROM node:20-slim\nCMD ["node", "dist/worker.js"]\n' },
    { name: 'EXPOSE in the parent stage', code: 'FROM eclipse-temurin:21-jre AS base\nEXPOSE 8080\nFROM base\nCOPY app.jar /app.jar\nENTRYPOINT ["java", "-jar", "/app.jar"]\n' },
    { name: 'server only in a builder stage', code: 'FROM node:20 AS build\nCMD ["npm", "start"]\nFROM nginx:1.27-alpine\nCOPY --from=build /app/dist /usr/share/nginx/html\n' },
    { name: 'java -jar of a Gradle build whose dependencies serve nothing (gRPC transports only)', code: GRADLE_JAR, buildContext: gradle(KAFKA_CONSUMER) },
    { name: 'java -jar of a Maven build under Spring Boot\'s parent without a web starter', code: MAVEN_JAR, buildContext: pom('  <parent>\n    <artifactId>spring-boot-starter-parent</artifactId>\n  </parent>\n', 'spring-boot-starter-batch') },
    {
      // dotnet-docker's MultiProjectApp sample: a console app on the runtime image, which cannot host ASP.NET Core.
      name: 'dotnet app.dll on a .NET runtime image without ASP.NET Core',
      code: 'FROM mcr.microsoft.com/dotnet/sdk:9.0 AS build\nRUN dotnet publish -o /app\nFROM mcr.microsoft.com/dotnet/runtime:9.0 AS final\nWORKDIR /app\nCOPY --from=build /app .\nENTRYPOINT ["dotnet", "MultiProjectApp.dll"]\n',
    },
    // robvanderleek/create-issue-branch's Dockerfile-action: the GitHub Action's bundle handles one event and exits.
    { name: "a GitHub Action's bundled index.js", code: 'FROM node:24-alpine\nRUN mkdir /app\nCOPY action-dist /app/action-dist\nWORKDIR /app\nCMD ["node", "./action-dist/index.js"]\n' },
    { name: "a worker folder's index.js", code: 'FROM node:20-alpine\nCOPY . /app\nCMD ["node", "/app/worker/index.js"]\n' },
    { name: 'pm2-runtime with an ecosystem file (not read)', code: 'FROM node:20-alpine\nCOPY . /app\nWORKDIR /app\nCMD ["pm2-runtime", "start", "ecosystem.config.js"]\n' },
    { name: 'a script that ends by starting a server, with EXPOSE', code: BOOT.replace('CMD', 'EXPOSE 5000\nCMD'), buildContext: boot('#!/bin/bash\nflask db upgrade\nexec gunicorn -b :5000 main:app\n') },
    { name: 'a script that ends with a worker', code: BOOT, buildContext: boot('#!/bin/bash\nexec celery -A app worker\n') },
    { name: 'a Telegraf bot started by yarn start: its dependencies serve nothing', code: BOT, buildContext: packageJson({ '@google/generative-ai': '^0.21.0', dotenv: '^16.4.7', nodemon: '^3.1.9', telegraf: '^4.16.3' }) },
    { name: 'a discord.js bot started by node index.js', code: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nCMD ["node", "index.js"]\n', buildContext: packageJson({ 'discord.js': '^14.16.3', dotenv: '^16.4.7' }) },
    { name: 'a .NET program named as a scheduler or a migrator serves nothing', code: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY out .\nENTRYPOINT ["dotnet", "Shop.DbMigrator.dll"]\n' },
    {
      // iQprofyTech/Weave12 (review set 84): a BullMQ worker's `npm start`, built from a context the linter cannot place.
      name: 'npm start of a package the linter cannot read',
      code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nWORKDIR /app/apps/worker\nCMD ["npm", "run", "start"]\n',
    },
    {
      // nhanv-dev/spring-server (review set 90): its Compose file runs this one and publishes the port.
      name: 'a development Dockerfile (Dockerfile.local) that runs a jar',
      filename: 'Dockerfile.local',
      code: 'FROM maven:3.9-eclipse-temurin-17\nWORKDIR /app\nCOPY . .\nRUN mvn -q package -DskipTests\nCMD ["java", "-jar", "target/app.jar"]\n',
    },
    { name: 'a last stage AS dev after the stages that build it', code: 'FROM node:22-slim AS base\nWORKDIR /app\nCOPY . .\nRUN npm ci\nFROM base AS dev\nCMD ["node", "server.js"]\n' },
    {
      // alphagov/pay-stream-s3-sqs (review set 93): an S3-to-SQS job started through its package's start script.
      name: 'npm start whose script runs node on a file that names no server',
      code: 'FROM node:18-alpine\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY out ./out\nCMD ["npm", "start"]\n',
      buildContext: { files: { 'package.json': { uri: 'file:///workspace/package.json', text: '{"scripts": {"start": "NODE_ENV=production node out/process.js"}, "dependencies": {"aws-sdk": "^2.1178.0", "winston": "3.7.2"}}' }, 'package-lock.json': { uri: 'file:///workspace/package-lock.json', text: '{}' } } },
    },
  ],
  invalid: [
    {
      name: 'java -jar of a Gradle build that declares a web framework',
      code: GRADLE_JAR,
      buildContext: gradle(`${KAFKA_CONSUMER}    implementation("io.ktor:ktor-server-netty:3.1.0")\n`),
      errors: [{ line: 8, column: 14, endColumn: 20, message: '`java -jar`' }],
    },
    {
      name: 'java -jar of a Gradle build whose dependencies come from a version catalog: unknown, reported',
      code: GRADLE_JAR,
      buildContext: gradle('    implementation(libs.kafka.clients)\n'),
      errors: [{ line: 8, column: 14 }],
    },
    {
      name: 'java -jar of a Maven build whose parent may bring dependencies: unknown, reported',
      code: MAVEN_JAR,
      buildContext: pom('  <parent>\n    <artifactId>company-parent</artifactId>\n  </parent>\n', 'kafka-clients'),
      errors: [{ line: 8, column: 13 }],
    },
    {
      name: 'java -jar of a Gradle build whose build file was not read',
      code: GRADLE_JAR,
      errors: [{ line: 8, column: 14 }],
    },
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
      code: 'FROM node:20-alpine\nENV PORT=3000\nWORKDIR /repo\nCOPY . .\nCMD exec npm start\n',
      buildContext: packageJson({ express: '^4.21.2' }),
      errors: [{ line: 5, column: 10, message: 'EXPOSE 3000' }],
    },
    {
      name: 'pm2-runtime running the server script (create-issue-branch)',
      code: 'FROM node:24-alpine\nWORKDIR /app\nCOPY . /app\nRUN npm install pm2 -g\nENV HOST=0.0.0.0\nCMD ["pm2-runtime", "./build/server.js"]\n',
      errors: [{ line: 6, column: 6, endColumn: 19, message: '`pm2-runtime ./build/server.js` serves on a port' }],
    },
    {
      name: "an index.js in an ordinary folder is still a server's entry point",
      code: 'FROM node:20-alpine\nCOPY . /app\nCMD ["node", "/app/src/index.js"]\n',
      errors: [{ line: 3, column: 6, endColumn: 12, message: '`node /app/src/index.js`' }],
    },
    {
      name: 'a script that ends by starting gunicorn, and no EXPOSE (JudgeTasker)',
      code: BOOT,
      buildContext: boot('#!/bin/bash\nflask db upgrade\nexec gunicorn -b :5000 --access-logfile - --error-logfile - --timeout 600 main:app\n'),
      errors: [{ line: 5, column: 6, endColumn: 17, messageId: 'inScript', message: '`boot.sh` starts `gunicorn`, which serves on a port, but the image declares no EXPOSE; add `EXPOSE 5000`.' }],
    },
    {
      name: 'a Telegraf bot beside Express (a webhook or a health endpoint): it may serve, reported',
      code: BOT,
      buildContext: packageJson({ express: '^4.21.2', telegraf: '^4.16.3' }),
      errors: [{ line: 7, column: 6, message: '`yarn start`' }],
    },
    {
      name: 'yarn start of a package with no bot or consumer library: unknown, reported',
      code: BOT,
      buildContext: packageJson({ dotenv: '^16.4.7' }),
      errors: [{ line: 7, column: 6 }],
    },
    {
      // Tom-Laurent-TL/octopus: the entrypoint script ends with the FastAPI CLI's production server.
      name: 'a script that ends with fastapi run',
      code: BOOT,
      buildContext: boot('#!/bin/sh\nset -e\nalembic upgrade head\nexec /app/.venv/bin/fastapi run app/main.py --host 0.0.0.0 --port 80\n'),
      errors: [{ line: 5, column: 6, message: '`fastapi run`, which serves on a port, but the image declares no EXPOSE; add `EXPOSE 80`' }],
    },
    {
      // lukas1299/Worker: `Worker.API.dll`; and names holding `task`, `cli` or `script` inside a word.
      name: 'a .NET API whose name holds a word of a worker, or its letters',
      code: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY out .\nENTRYPOINT ["dotnet", "TaskManager.Api.dll"]\n',
      errors: [{ line: 3, column: 13, messageId: 'noExpose', message: '`dotnet TaskManager.Api.dll` serves on a port' }],
    },
    {
      // GithubParvana/travel-GOGsky (review set 85): gunicorn's `-p` names its pid file; `--bind 0.0.0.0` gives no port.
      name: "gunicorn's -p is its pid file, not a port",
      code: 'FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCMD ["gunicorn", "--bind", "0.0.0.0", "-p", "8078", "app.wsgi"]\n',
      errors: [{ line: 4, column: 6, message: 'add `EXPOSE <port>`' }],
    },
    {
      name: "npm start whose script runs node on a server's entry point (a NestJS build's dist/main.js)",
      code: 'FROM node:22-alpine\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY dist ./dist\nCMD ["npm", "start"]\n',
      buildContext: { files: { 'package.json': { uri: 'file:///workspace/package.json', text: '{"scripts": {"start": "node dist/main.js"}, "dependencies": {"@nestjs/core": "^10.0.0"}}' }, 'package-lock.json': { uri: 'file:///workspace/package-lock.json', text: '{}' } } },
      errors: [{ line: 6, column: 6, message: '`npm start` serves on a port' }],
    },
    {
      // iQprofyTech/Weave12's API (review set 84): the loader's argument hides the file, the Fastify dependency shows a server.
      name: 'npm start whose script runs node through a loader, in a package that depends on a web framework',
      code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY src ./src\nCMD ["npm", "start"]\n',
      buildContext: { files: { 'package.json': { uri: 'file:///workspace/package.json', text: '{"scripts": {"start": "node --loader ts-node/esm src/index.ts"}, "dependencies": {"fastify": "^4.0.0", "bullmq": "^5.0.0"}}' }, 'package-lock.json': { uri: 'file:///workspace/package-lock.json', text: '{}' } } },
      errors: [{ line: 6, column: 6, message: '`npm start` serves on a port' }],
    },
  ],
});
