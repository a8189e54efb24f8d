import rule from '../../../../server/src/core/rules/dockerfile/backing-services/service-installed-in-image';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'client libraries only', code: 'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends libpq-dev postgresql-client redis-tools default-mysql-client\n' },
    { name: 'server only in a test stage', code: 'FROM ruby:3.3 AS test\nRUN apt-get update && apt-get install -y postgresql redis-server\nRUN bundle exec rspec\nFROM ruby:3.3-slim\n' },
    { name: 'the image is the service (official base)', code: 'FROM postgres:16\nRUN apt-get update && apt-get install -y postgresql-16-postgis-3 postgresql-contrib\n' },
    { name: 'the image is the service (start command)', code: 'FROM alpine:3.20\nRUN apk add --no-cache redis\nCMD ["redis-server", "--protected-mode", "no"]\n' },
    { name: 'pip redis is a client', code: 'FROM python:3.12-slim\nRUN pip install redis==5.0.4\n' },
    // forem's Containerfile: Fedora's `postgresql` is psql; the server would be `postgresql-server`.
    { name: 'the clients named postgresql, mysql and mariadb on Fedora, RHEL and Amazon Linux', code: 'FROM quay.io/fedora/fedora:40\nRUN dnf install -y postgresql mariadb && dnf clean all\nFROM amazonlinux:2023\nRUN yum install -y postgresql15 mysql && yum clean all\nCMD ["/app/run"]\n' },
  ],
  invalid: [
    {
      name: 'postgresql and redis-server next to the app',
      code: 'FROM node:20\nRUN apt-get update && apt-get install -y postgresql redis-server\nCMD ["node", "server.js"]\n',
      errors: [{ line: 2, column: 42, endLine: 2, endColumn: 52, messageId: 'installed', message: 'PostgreSQL' }, { line: 2, column: 53, endColumn: 65, message: 'Redis' }],
    },
    {
      name: 'apk in a heredoc',
      code: 'FROM python:3.12-alpine\nRUN <<EOF\napk add --no-cache \\\n  mariadb \\\n  memcached\nEOF\nCMD ["gunicorn", "app:app"]\n',
      errors: [{ line: 4, column: 3, endColumn: 10, message: 'MariaDB' }, { line: 5, column: 3, endColumn: 12, message: 'Memcached' }],
    },
    {
      name: 'yum server package in a parent stage',
      code: 'FROM rockylinux:9 AS base\nRUN yum install -y mysql-server rabbitmq-server && yum clean all\nFROM base\nCMD ["/app/run"]\n',
      errors: [{ line: 2, column: 20, endColumn: 32 }, { line: 2, column: 33, endColumn: 48 }],
    },
    {
      name: 'the server of PostgreSQL on Fedora, beside its client',
      code: 'FROM quay.io/fedora/fedora:40\nRUN dnf install -y postgresql postgresql-server && dnf clean all\nCMD ["/app/run"]\n',
      errors: [{ line: 2, column: 31, endColumn: 48, message: 'PostgreSQL' }],
    },
  ],
});
