import rule from '../../../../server/src/core/rules/dockerfile/build-release-run/sdk-image-as-runtime';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'multi-stage .NET', code: 'FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build\nRUN dotnet publish -c Release -o /out\nFROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY --from=build /out /app\n' },
    { name: 'multi-stage Go to scratch', code: 'FROM golang:1.22 AS build\nRUN go build -o /app\nFROM scratch\nCOPY --from=build /app /app\n' },
    { name: 'JRE runtime', code: 'FROM maven:3.9-eclipse-temurin-21 AS build\nRUN mvn -B package\nFROM eclipse-temurin:21-jre\n' },
    { name: 'code-generation image without a start command', code: 'FROM golang:1.22\nRUN go install google.golang.org/protobuf/cmd/protoc-gen-go@v1.34.2\nWORKDIR /src\n' },
    { name: 'image that runs protoc', code: 'FROM golang:1.22\nRUN apt-get update && apt-get install -y protobuf-compiler\nENTRYPOINT ["protoc"]\n' },
    { name: 'image that runs make', code: 'FROM rust:1.79\nWORKDIR /src\nCMD ["make", "all"]\n' },
    { name: 'node image is a runtime', code: 'FROM node:20\nCMD ["node", "server.js"]\n' },
    { name: 'a JRE image running the jar', code: 'FROM gradle:8-jdk17 AS build\nRUN gradle bootJar\nFROM eclipse-temurin:17-jre\nCOPY --from=build /home/gradle/build/libs/app.jar /app.jar\nENTRYPOINT ["java", "-jar", "/app.jar"]\n' },
    { name: 'a JDK image running a source-file program (compiled at start)', code: 'FROM eclipse-temurin:21-jdk\nCOPY Main.java /app/\nCMD ["java", "/app/Main.java"]\n' },
    { name: 'a JDK image whose start is a script (not read here)', code: 'FROM eclipse-temurin:17-jdk\nCOPY run.sh /run.sh\nCMD ["/run.sh"]\n' },
    { name: 'a vendor JDK without a JRE image beside it', code: 'FROM amazoncorretto:17\nCOPY app.jar /app.jar\nCMD ["java", "-jar", "/app.jar"]\n' },
    { name: 'a Temurin tag that says jre', code: 'FROM eclipse-temurin:21-jre-alpine\nCOPY app.jar /app.jar\nENTRYPOINT ["java", "-jar", "/app.jar"]\n' },
    { name: 'the Docker Hub image of .NET Core 2.2 with its runtime tag', code: 'FROM microsoft/dotnet:2.2-aspnetcore-runtime\nWORKDIR /app\nCOPY out .\nENTRYPOINT ["dotnet", "Api.dll"]\n' },
    {
      // ankorstore/yokai-showroom (review set 83): the development image that runs air, beside a release Dockerfile.
      name: 'a development image that starts a file watcher (dev.Dockerfile)',
      filename: 'http-demo/dev.Dockerfile',
      code: 'FROM golang:1.20-alpine\nRUN go install github.com/cosmtrek/air@v1.49.0\nWORKDIR /app\nCOPY go.mod go.sum ./\nRUN go mod download\nCMD ["air", "-c", ".air.toml", "--", "run"]\n',
    },
    { name: 'an image that starts air, whatever its file name (dev-server reports the start)', code: 'FROM golang:1.22-alpine\nRUN go install github.com/air-verse/air@v1.52.3\nWORKDIR /app\nCMD ["air"]\n' },
    {
      name: 'a JDK image whose entrypoint script compiles a source file at start',
      code: 'FROM eclipse-temurin:21-jdk\nWORKDIR /app\nCOPY Main.java start.sh ./\nENTRYPOINT ["./start.sh"]\n',
      buildContext: { files: { 'start.sh': { uri: 'file:///workspace/start.sh', text: '#!/bin/sh\nexec java Main.java\n' }, 'Main.java': { uri: 'file:///workspace/Main.java', text: '' } } },
    },
  ],
  invalid: [
    {
      name: 'single-stage .NET on the SDK',
      code: 'FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /src\nCOPY . .\nRUN dotnet publish -c Release -o /app\nENTRYPOINT ["dotnet", "/app/Api.dll"]\n',
      errors: [{ line: 1, column: 6, endLine: 1, endColumn: 38, messageId: 'sdk' }],
    },
    {
      name: 'golang from an ARG default',
      code: 'ARG GO_VERSION=1.22\nFROM golang:${GO_VERSION}-alpine\nRUN go build -o /app .\nCMD ["/app"]\n',
      errors: [{ line: 2, column: 6, endColumn: 33, message: 'golang:1.22-alpine' }],
    },
    {
      name: 'final stage FROM a named builder stage',
      code: 'FROM rust:1.79 AS build\nRUN cargo build --release\nFROM build AS final\nCMD ["./target/release/app"]\n',
      errors: [{ line: 3, column: 6, endColumn: 11, message: 'rust:1.79' }],
    },
    {
      // N1nt4nd0/McRemapperSpring: a Gradle builder stage, then the jar on the full JDK.
      name: 'a JDK image running the jar a builder stage made',
      code: 'FROM gradle:8.5-jdk17 AS build\nWORKDIR /app\nCOPY . .\nRUN gradle bootJar --no-daemon\nFROM eclipse-temurin:17-jdk\nCOPY --from=build /app/build/libs/*.jar app.jar\nENTRYPOINT ["java", "-jar", "app.jar"]\n',
      errors: [{ line: 5, column: 6, endColumn: 28, messageId: 'jdk', message: 'The runtime image is built on the JDK image `eclipse-temurin:17-jdk`, compiler included, to run compiled code; run it on a JRE image such as `eclipse-temurin:<version>-jre`.' }],
    },
    {
      name: 'openjdk slim JDK running a main class',
      code: 'FROM openjdk:17-jdk-slim\nCOPY target/classes /app\nCMD java -cp /app com.example.Main\n',
      errors: [{ line: 1, column: 6, message: 'openjdk:17-jdk-slim' }],
    },
    {
      // maktup/dummy-micro-cliente-quarkus: the jar runs on Quarkus' Maven/GraalVM builder image.
      name: "a jar run on Quarkus' builder image",
      code: 'FROM quay.io/quarkus/centos-quarkus-maven:21.0.0-java11 AS build\nCOPY pom.xml /usr/src/app/\nCOPY src /usr/src/app/src\nRUN mvn -f /usr/src/app/pom.xml -B package\nFROM quay.io/quarkus/centos-quarkus-maven:21.0.0-java11\nCOPY --from=build /usr/src/app/target/*-runner.jar /app.jar\nCMD ["java", "-jar", "/app.jar"]\n',
      errors: [{ line: 5, column: 6, messageId: 'sdk', message: 'quay.io/quarkus/centos-quarkus-maven:21.0.0-java11' }],
    },
    {
      // kawamoto06/spring: Temurin's tags name the JDK unless they say `jre`.
      name: 'a Temurin tag that names no variant is the JDK',
      code: 'FROM maven:3.9-eclipse-temurin-21 AS build\nCOPY . .\nRUN mvn -q package\nFROM eclipse-temurin:21-alpine\nCOPY --from=build /target/demo.jar demo.jar\nENTRYPOINT ["java", "-jar", "demo.jar"]\n',
      errors: [{ line: 4, column: 6, messageId: 'jdk', message: '`eclipse-temurin:21-alpine`' }],
    },
    {
      // kukielp/dotnetcore31quickstart (review set 81): .NET Core 3.1's SDK image, under its `dotnet/core` path.
      name: 'a .NET Core 3.1 app run on its SDK image',
      code: 'FROM mcr.microsoft.com/dotnet/core/sdk:3.1\nWORKDIR /app\nCOPY . .\nRUN dotnet build\nENTRYPOINT ["dotnet", "bin/Debug/netcoreapp3.1/pgapp.dll"]\n',
      errors: [{ line: 1, column: 6, messageId: 'sdk', message: 'mcr.microsoft.com/dotnet/core/aspnet or runtime' }],
    },
    {
      name: 'the Docker Hub image of .NET Core 2.2 with its SDK tag',
      code: 'FROM microsoft/dotnet:2.2-sdk\nWORKDIR /app\nCOPY . .\nRUN dotnet publish -c Release -o out\nENTRYPOINT ["dotnet", "out/Api.dll"]\n',
      errors: [{ line: 1, column: 6, messageId: 'sdk', message: '`microsoft/dotnet:2.2-sdk`' }],
    },
    {
      // ksambhav/streaming (review set 93): a start script that ends by running the jar on a JDK image.
      name: 'a JDK image whose entrypoint script ends by running compiled code',
      code: 'FROM eclipse-temurin:21-jdk-jammy\nWORKDIR /app\nCOPY app.jar start.sh ./\nENTRYPOINT ["./start.sh"]\n',
      buildContext: { files: { 'start.sh': { uri: 'file:///workspace/start.sh', text: '#!/bin/bash\nJAVA_OPTS="-Xmx512m"\nexec java $JAVA_OPTS -jar app.jar\n' }, 'app.jar': { uri: 'file:///workspace/app.jar', text: '' } } },
      errors: [{ line: 1, column: 6, messageId: 'jdk' }],
    },
  ],
});
