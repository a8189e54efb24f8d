import rule from '../../../../server/src/core/rules/dockerfile/backing-services/hard-coded-locator';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'bare service names are service discovery', code: 'FROM node:20-slim\nENV DB_HOST=db REDIS_HOST=redis PORT=3000\n' },
    { name: 'bind addresses are not locators', code: 'FROM python:3.12-slim\nENV HOST=0.0.0.0 SERVER_HOST=127.0.0.1 BIND_ADDR=0.0.0.0\n' },
    { name: 'URL composed from variables', code: 'FROM python:3.12-slim\nENV DATABASE_URL=postgres://${DB_USER}:${DB_PASSWORD}@${DB_HOST}:5432/app\n' },
    { name: 'locator only in a builder stage (tests)', code: 'FROM node:20 AS test\nENV DATABASE_URL=postgres://localhost:5432/test\nRUN npm test\nFROM node:20-slim\n' },
    { name: 'the image is the service', code: 'FROM redis:7.2\nENV REDIS_HOST=127.0.0.1\n' },
    { name: 'embedded SQLite JDBC is another factor', code: 'FROM eclipse-temurin:21-jre\nENV SPRING_DATASOURCE_URL=jdbc:sqlite:/data/app.db\n' },
    { name: 'service names without a datastore port, and a public provider API', code: 'FROM python:3.12-slim\nENV ELASTICSEARCH_URL=http://search QDRANT_HOST=qdrant API_URL=http://backend:8080 OPENAI_BASE_URL=https://api.openai.com/v1\n' },
    { name: 'a datastore port under a name that is not a locator', code: 'FROM python:3.12-slim\nENV DEFAULT_PORT=5432 LABEL_TEXT=db:5432\n' },
    { name: 'vector store URL composed from variables', code: 'FROM python:3.12-slim\nENV QDRANT_URL=http://${QDRANT_HOST}:6333\n' },
    { name: "an embedded database's file, as Prisma and SQLAlchemy write it (Hemmelig, Homarr)", code: 'FROM node:20-alpine\nENV DATABASE_URL=file:/app/database/hemmelig.db\nENV DB_URL="file:./data/db.sqlite" SQLALCHEMY_DATABASE_URI=sqlite:////data/app.db DATABASE_PATH=/data/app.db\n' },
    {
      // ParadoXxGER/essential: a stub so that `rake assets:precompile` can boot Rails; and a Compose service's bare name.
      name: 'a datastore URL whose host is a bare service name without a port',
      code: 'FROM ruby:3.3\nENV DATABASE_URL=postgresql://dummy:dummy@dummy/dummy REDIS_URL=redis://cache\nRUN bundle exec rake assets:precompile\nCMD ["bin/rails", "server"]\n',
    },
  ],
  invalid: [
    {
      name: 'postgres URL with credentials is masked',
      code: 'FROM node:20-slim\nENV DATABASE_URL=postgres://app:hunter2@db.prod.internal:5432/app\n',
      errors: [{ line: 2, column: 18, endLine: 2, endColumn: 66, messageId: 'url', message: 'postgres://app:****@db.prod.internal' }],
    },
    {
      name: 'redis URL and a localhost host, continuation',
      code: 'FROM python:3.12-slim\nENV REDIS_URL=redis://redis:6379/0 \\\n    SMTP_HOST=localhost\n',
      errors: [{ line: 2, column: 15, endColumn: 35, messageId: 'url' }, { line: 3, column: 15, endColumn: 24, messageId: 'host', message: 'localhost inside a container' }],
    },
    {
      name: 'JDBC and an IP in an inherited stage, CRLF',
      code: 'FROM eclipse-temurin:21-jre AS base\r\nENV SPRING_DATASOURCE_URL="jdbc:postgresql://10.0.0.12:5432/orders" MONGO_HOST=10.0.0.13\r\nFROM base\r\n',
      errors: [{ line: 2, column: 27, endColumn: 68, messageId: 'url' }, { line: 2, column: 80, messageId: 'host', message: 'the same host in every environment' }],
    },
    {
      name: '.NET connection string with the password masked',
      code: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nENV ConnectionStrings__Default="Server=sql.example.com;Database=shop;User Id=sa;Password=P4ss!"\n',
      errors: [{ line: 2, column: 32, message: 'Password=****' }],
    },
    {
      name: 'search and vector stores by names the older lists did not know (gke-samples RAG images)',
      code: 'FROM python:3.12-slim-bookworm\nENV ES_URL https://elasticsearch-ha-es-http:9200\nENV QDRANT_URL http://qdrant-database:6333\nENV WEAVIATE_ENDPOINT weaviate.weaviate\n',
      errors: [
        { line: 2, column: 12, endColumn: 49, messageId: 'url', message: '`ES_URL` hard-codes the backing service `https://elasticsearch-ha-es-http:9200`' },
        { line: 3, column: 16, messageId: 'url' },
        { line: 4, column: 23, messageId: 'host', message: 'a Kubernetes Service name fixed to namespace `weaviate`' },
      ],
    },
    {
      name: 'any locator name whose value states a datastore port',
      code: 'FROM node:20-slim\nENV VECTORS_ENDPOINT=vectors:6333 SEARCH_BACKEND_URL=http://opensearch-cluster:9200/\n',
      errors: [
        { line: 2, column: 22, endColumn: 34, messageId: 'host', message: 'a Qdrant port on a fixed service name' },
        { line: 2, column: 54, messageId: 'url' },
      ],
    },
    {
      // ciojio/CoreAPI: a .NET setting named in CamelCase.
      name: 'a CamelCase setting name (.NET) read as words',
      code: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nENV EmailServer=127.0.0.1 Smtp__Host=10.1.2.3\n',
      errors: [
        { line: 2, column: 17, endColumn: 26, messageId: 'host', message: 'localhost inside a container is the container itself' },
        { line: 2, column: 38, messageId: 'host' },
      ],
    },
    {
      name: 'a datastore URL with a port, or several hosts, after a bare name',
      code: 'FROM ruby:3.3\nENV DATABASE_URL=postgres://db:5432/app\nENV MONGO_URL=mongodb://mongo1,mongo2/app\nCMD ["bin/rails", "server"]\n',
      errors: [{ line: 2, column: 18 }, { line: 3, column: 15 }],
    },
  ],
});
