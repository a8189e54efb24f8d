import rule from '../../../../server/src/core/rules/dockerfile/admin-processes/migration-in-start-command';
import { testRule } from '../../../helpers/rule-tester';

const DJANGO = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY docker-entrypoint.sh /usr/local/bin/\nCOPY . .\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["gunicorn", "app.wsgi"]\n';
const script = (text: string, path = 'docker-entrypoint.sh') => ({ files: { [path]: { uri: `file:///workspace/${path}`, text } } });
/** Flagsmith's layout: the script's branch is chosen by its first argument, the image's CMD. */
const FLAGSMITH = (cmd: string) => `FROM python:3.12-slim\nWORKDIR /app\nCOPY api /app/\nENTRYPOINT ["/app/scripts/run-docker.sh"]\nCMD ${cmd}\n`;
const RUN_DOCKER = `#!/bin/sh
set -e
waitfordb() {
  if [ -z "\${SKIP_WAIT_FOR_DB}" ]; then
    python manage.py waitfordb "$@"
  fi
}
migrate () {
    waitfordb \\
      && python manage.py migrate --verbosity 2 \\
      && python manage.py createcachetable
}
migrate_analytics_db(){
    if [ -z "$ANALYTICS_DATABASE_URL" ]; then
        return 0
    fi
    python manage.py migrate --database analytics
}
serve() {
    waitfordb
    exec gunicorn --bind 0.0.0.0:8000 app.wsgi
}
if [ "$1" = "migrate" ]; then
    migrate
    migrate_analytics_db
elif [ "$1" = "serve" ]; then
    serve
elif [ "$1" = "migrate-and-serve" ]; then
    migrate
    migrate_analytics_db
    serve
else
   python manage.py "$@"
fi
`;
const runDocker = (text = RUN_DOCKER) => script(text, 'api/scripts/run-docker.sh');
/** An entrypoint of roles chosen by `case "$1"`, started with the CMD `cmd`. */
const ROLES = (cmd: string) => DJANGO.replace('CMD ["gunicorn", "app.wsgi"]', `CMD ${cmd}`);
const ROLES_SCRIPT = '#!/bin/sh\nset -e\ncase "$1" in\n  web|api)\n    python manage.py migrate --noinput\n    exec gunicorn app.wsgi\n    ;;\n  worker) exec celery -A app worker ;;\n  *) exec "$@" ;;\nesac\n';
/** Pingvin Share's layout: the backend's package.json reaches the image through its builder stage; the start command `cd`s to it. */
const PINGVIN = (cmd: string) => `FROM node:20 AS backend-builder\nWORKDIR /opt/app\nCOPY ./backend .\nRUN npm ci && npm run build\nFROM node:20-slim\nWORKDIR /opt/app/backend\nCOPY --from=backend-builder /opt/app/package.json ./\nCOPY --from=backend-builder /opt/app/dist ./dist\nWORKDIR /opt/app\nCMD ${cmd}\n`;
const packageJson = (prod: string) => script(JSON.stringify({ name: 'backend', scripts: { build: 'nest build', prod } }, null, 2), 'backend/package.json');

testRule(rule, {
  valid: [
    { name: 'a migration image is the one-off process', code: 'FROM python:3.12-slim\nCMD ["alembic", "upgrade", "head"]\n' },
    { name: 'migrations at build time of a test stage', code: 'FROM node:20 AS test\nCMD ["sh", "-c", "npx prisma migrate deploy && npm test"]\nFROM node:20-slim\nCMD ["node", "server.js"]\n' },
    { name: 'status check is not a migration', code: 'FROM python:3.12-slim\nCMD ["sh", "-c", "python manage.py check --deploy && exec gunicorn app.wsgi"]\n' },
    { name: 'a migration the script runs only for the web role, or when asked (wger, twenty)', code: DJANGO, buildContext: script('#!/bin/sh\nset -e\nif [ "$1" = "web" ]; then\n  python manage.py migrate --noinput\nfi\n[ "$RUN_MIGRATIONS" = "true" ] && python manage.py migrate\ncase "$ROLE" in\n  api) yarn db:migrate ;;\nesac\nmigrate() {\n  python manage.py migrate\n}\nexec "$@"\n') },
    { name: 'a script that only migrates is the one-off process', code: 'FROM node:20-slim\nCOPY migrate.sh /migrate.sh\nENTRYPOINT ["/migrate.sh"]\n', buildContext: script('#!/bin/sh\nset -e\nnpx prisma migrate deploy\n', 'migrate.sh') },
    { name: 'a script that is no shell script is not read', code: DJANGO, buildContext: script('#!/usr/bin/env python3\nimport os\nos.system("python manage.py migrate")\n') },
    { name: 'a migration after the script hands over with exec never runs', code: DJANGO, buildContext: script('#!/bin/sh\nexec "$@"\npython manage.py migrate\n') },
    { name: 'a script that waits for migrations to have run (migrate --check, --plan)', code: DJANGO, buildContext: script('#!/bin/sh\nset -e\npython manage.py migrate --check\npython manage.py migrate --plan\nexec "$@"\n') },
    { name: 'a package script that starts the app only', code: PINGVIN('cd backend && npm run prod'), buildContext: packageJson('node dist/src/main') },
    { name: 'a package script that only migrates is the one-off process', code: PINGVIN('cd backend && npm run prod'), buildContext: packageJson('prisma migrate deploy') },
    { name: 'a package.json in a folder the file does not name is not guessed', code: PINGVIN('cd "$APP_HOME" && npm run prod'), buildContext: packageJson('prisma migrate deploy && node dist/src/main') },
    { name: 'the branch the image\'s CMD chooses only serves (Flagsmith with CMD ["serve"])', code: FLAGSMITH('["serve"]'), buildContext: runDocker() },
    { name: 'a branch chosen by an argument the file does not fix is a choice per start', code: FLAGSMITH('["${ROLE}"]'), buildContext: runDocker() },
    { name: 'a migration after a function\'s conditional `return 0` runs only when configured', code: FLAGSMITH('["analytics-and-serve"]'), buildContext: runDocker(RUN_DOCKER.replace('"$1" = "migrate" ]', '"$1" = "analytics-and-serve" ]').replace('    migrate\n    migrate_analytics_db\nelif', '    migrate_analytics_db\n    serve\nelif')) },
    { name: 'the role the image\'s CMD chooses in a `case "$1"` does not migrate', code: ROLES('["worker"]'), buildContext: script(ROLES_SCRIPT) },
    { name: 'a `case` pattern with a glob is not decided (the shell takes `w*)` for web, before the branch that migrates)', code: ROLES('["web"]'), buildContext: script('#!/bin/sh\ncase "$1" in\n  w*) exec gunicorn app.wsgi ;;\n  web)\n    python manage.py migrate\n    exec gunicorn app.wsgi\n    ;;\nesac\n') },
    { name: "an application's own migrate command is the one-off process; other tools' migrate verbs are no app's migration", code: 'FROM debian:12-slim\nCOPY fider /app/\nRUN docker migrate --help || true\nCMD ["/app/fider", "migrate"]\n' },
    { name: 'a container tool and a package manager with migrate-like words before the app', code: 'FROM node:20-slim\nCMD ["sh", "-c", "helm db upgrade; docker migrate; exec node server.js"]\n' },
    { name: "a script handed to su whose text is a variable, or that only starts the app", code: DJANGO, buildContext: script('#!/bin/sh\nsu app -c "$START"\nexec su -s /bin/sh app -c \'exec gunicorn app.wsgi\'\n') },
    { name: 'a script that migrates last, with only output and file edits in a branch after it, is the one-off process', code: DJANGO, buildContext: script('#!/bin/sh\nset -e\npython manage.py migrate --noinput\nif [ -n "$VERBOSE" ]; then\n  echo "migrated"\n  rm -f /tmp/lock\nfi\n') },
    { name: 'an until loop that waits on a test, then a server', code: DJANGO, buildContext: script('#!/bin/sh\nuntil [ -f /tmp/ready ]; do sleep 1; done\nuntil ! python manage.py migrate --check; do sleep 1; done\nexec gunicorn app.wsgi\n') },
    {
      // luan-cck/tdf (review set 92): the Compose file's development image migrates the developer's database as it starts.
      name: 'a development Dockerfile whose entrypoint migrates, then starts the server',
      filename: 'Dockerfile.dev',
      code: 'FROM php:8.3-fpm\nWORKDIR /var/www/html\nCOPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\n',
      buildContext: script('#!/bin/sh\nphp artisan migrate --force\nexec php-fpm\n'),
    },
    { name: 'the ORM told to validate the schema only', code: 'FROM eclipse-temurin:21-jre\nCOPY app.jar /app.jar\nENV SPRING_JPA_HIBERNATE_DDL_AUTO=validate\nENTRYPOINT ["java", "-jar", "/app.jar"]\n' },
    { name: "Doctrine's schema update without --force only prints the SQL", code: 'FROM php:8.3-fpm\nWORKDIR /var/www\nCOPY . .\nCMD php bin/console doctrine:schema:update --dump-sql ; php-fpm\n' },
    { name: 'a later ENV sets the ORM back to validate: the image\'s effective value is judged', code: 'FROM eclipse-temurin:21-jre AS base\nENV SPRING_JPA_HIBERNATE_DDL_AUTO=update\nFROM base\nCOPY app.jar /app.jar\nENV SPRING_JPA_HIBERNATE_DDL_AUTO=validate\nENTRYPOINT ["java", "-jar", "/app.jar"]\n' },
  ],
  invalid: [
    {
      name: 'Django migrate before gunicorn',
      code: 'FROM python:3.12-slim\nCMD ["sh", "-c", "python manage.py migrate --noinput && exec gunicorn app.wsgi"]\n',
      errors: [{ line: 2, column: 19, endLine: 2, endColumn: 43, messageId: 'chained', message: '`python manage.py migrate`' }],
    },
    {
      name: 'prisma migrate deploy in shell form',
      code: 'FROM node:20-alpine\nCMD npx prisma migrate deploy && node dist/main.js\n',
      errors: [{ line: 3 - 1, column: 9, endColumn: 30, message: 'prisma migrate deploy' }],
    },
    {
      name: 'rails db:prepare and seed with continuation',
      code: 'FROM ruby:3.3-slim\nCMD bundle exec rails db:prepare && \\\n    bundle exec rails db:seed && \\\n    exec bundle exec puma -C config/puma.rb\n',
      errors: [{ line: 2, column: 17, endColumn: 33 }, { line: 3, column: 17, endColumn: 30 }],
    },
    {
      name: 'the entrypoint script migrates on every start before exec (Rallly, Django images)',
      code: DJANGO,
      buildContext: script('#!/bin/sh\nset -e\ncd /app && python manage.py migrate --noinput\npnpm dlx prisma migrate deploy\nexec "$@"\n'),
      errors: [{ line: 5, column: 13, endColumn: 35, messageId: 'inScript', message: '`docker-entrypoint.sh` runs `python manage.py migrate` on every container start', relatedLines: [3, 4] }],
    },
    {
      name: 'python options before manage.py; prisma migrate dev; the Kubernetes rules\' npm migration script names',
      code: 'FROM python:3.12-slim\nCMD python -u manage.py migrate && npx prisma migrate dev && npm run migration:up && exec gunicorn app.wsgi\n',
      errors: [{ line: 2, column: 5, endColumn: 32 }, { line: 2, column: 40, endColumn: 58 }, { line: 2, column: 62, endColumn: 82 }],
    },
    {
      name: 'a package script the image starts migrates and seeds before the app (Pingvin Share)',
      code: PINGVIN('node frontend/server.js & cd backend && npm run prod'),
      buildContext: packageJson('prisma migrate deploy && prisma db seed && node dist/src/main'),
      errors: [{ line: 10, column: 45, endColumn: 57, messageId: 'inPackageScript', message: '`npm run prod` runs `prisma migrate deploy` (package.json)', relatedLines: [5] }],
    },
    {
      name: 'the branch the image\'s CMD chooses migrates before it serves, through the script\'s functions (Flagsmith)',
      code: FLAGSMITH('["migrate-and-serve"]'),
      buildContext: runDocker(),
      errors: [{ line: 4, column: 13, endColumn: 41, messageId: 'inScript', message: '`api/scripts/run-docker.sh` runs `python manage.py migrate`', relatedLines: [10, 11] }],
    },
    {
      name: 'a check that exits with an error does not make what follows conditional',
      code: DJANGO,
      buildContext: script('#!/bin/sh\nset -e\nif [ -z "$DATABASE_URL" ]; then\n  echo "DATABASE_URL is not set" >&2\n  exit 1\nfi\npython manage.py migrate --noinput\nexec "$@"\n'),
      errors: [{ line: 5, column: 13, endColumn: 35, messageId: 'inScript', relatedLines: [7] }],
    },
    {
      name: 'the role the image\'s CMD chooses in a `case "$1"` migrates before it serves',
      code: ROLES('["web"]'),
      buildContext: script(ROLES_SCRIPT),
      errors: [{ line: 5, column: 13, endColumn: 35, messageId: 'inScript', relatedLines: [5] }],
    },
    {
      name: 'an `exit 0` in a branch the arguments rule out never runs: what follows is still read',
      code: DJANGO,
      buildContext: script('#!/bin/sh\nif [ "$1" = "migrate" ]; then\n  python manage.py migrate\n  exit 0\nfi\npython manage.py migrate --noinput\nexec "$@"\n'),
      errors: [{ line: 5, column: 13, endColumn: 35, messageId: 'inScript', relatedLines: [6] }],
    },
    {
      name: 'the package.json read is the one of the script the main process runs, after an earlier script elsewhere',
      code: PINGVIN('npm run check && cd backend && npm run prod'),
      buildContext: packageJson('prisma migrate deploy && node dist/src/main'),
      errors: [{ line: 10, column: 36, endColumn: 48, messageId: 'inPackageScript' }],
    },
    {
      name: "an application's own migrate command before it starts (Fider's `./fider migrate && ./fider`, Airflow's `db migrate`)",
      code: 'FROM debian:12-slim\nWORKDIR /app\nCOPY fider .\nCMD ./fider migrate && ./fider\n',
      errors: [{ line: 4, column: 5, endColumn: 20, messageId: 'chained', message: '`./fider migrate`' }],
    },
    {
      name: 'a `db migrate` or `db upgrade` verb of an application, before its server',
      code: 'FROM apache/airflow:2.9.0\nCMD ["bash", "-c", "airflow db migrate && superset db upgrade && exec airflow webserver"]\n',
      errors: [
        { line: 2, column: 21, endColumn: 39, messageId: 'chained' },
        { line: 2, column: 43, endColumn: 62, messageId: 'chained' },
      ],
    },
    {
      name: "a migration in the script the entrypoint hands to su -c before the app (Hemmelig)",
      code: DJANGO,
      buildContext: script("#!/bin/sh\nset -e\nchown -R app:app /app/database\nexec su -s /bin/sh app -c 'npx prisma migrate deploy && npx tsx server.ts'\n"),
      errors: [{ line: 5, column: 13, endColumn: 35, messageId: 'inScript', message: '`docker-entrypoint.sh` runs `prisma migrate deploy`', relatedLines: [4] }],
    },
    {
      name: 'a migration followed by the server in each branch of an if (handesk: php-fpm with or without xdebug)',
      code: DJANGO,
      buildContext: script('#!/bin/bash\ncomposer install\nphp artisan migrate --seed\nif [ "${APP_ENV}" == "local" ]; then\n    docker-php-ext-enable xdebug\n    php-fpm\nelse\n    php-fpm\nfi\n'),
      errors: [{ line: 5, column: 13, endColumn: 35, messageId: 'inScript', message: '`docker-entrypoint.sh` runs `php artisan migrate`', relatedLines: [3] }],
    },
    {
      // elekto-io/elekto: the script is copied together with `console`, a file with no dot in its name.
      name: "an application's --migrate flag, in a script copied beside a file that reads like a folder",
      code: 'FROM python:3.13-slim\nWORKDIR /app\nCOPY entrypoint.sh console ./\nEXPOSE 8000\nENTRYPOINT ["./entrypoint.sh"]\n',
      buildContext: script('#!/bin/sh\nset -e\n./console --migrate\nexec uwsgi --module app:APP --http :8000\n', 'entrypoint.sh'),
      errors: [{ line: 5, column: 13, endColumn: 30, messageId: 'inScript', message: '`entrypoint.sh` runs `./console --migrate`', relatedLines: [3] }],
    },
    {
      // kukielp/dotnetcore31quickstart (review set 81): a retry loop whose condition is the migration runs it on every start.
      name: 'a migration retried by an until loop until the database takes it',
      code: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nWORKDIR /app\nCOPY entrypoint.sh ./\nCOPY out/ ./\nENTRYPOINT ["./entrypoint.sh"]\n',
      buildContext: script('#!/bin/bash\nset -e\nuntil dotnet ef database update; do\n  >&2 echo "SQL Server is starting up"\n  sleep 1\ndone\nexec dotnet app.dll\n', 'entrypoint.sh'),
      errors: [{ line: 5, column: 13, messageId: 'inScript', message: '`entrypoint.sh` runs `dotnet ef database update`', relatedLines: [3] }],
    },
    {
      name: 'the image tells the ORM to update the schema at every start',
      code: 'FROM eclipse-temurin:21-jre\nCOPY app.jar /app.jar\nENV SPRING_PROFILES_ACTIVE=prod SPRING_JPA_HIBERNATE_DDL_AUTO=update\nENTRYPOINT ["java", "-jar", "/app.jar"]\n',
      errors: [{ line: 3, column: 63, endColumn: 69, messageId: 'schemaSwitch', message: '`SPRING_JPA_HIBERNATE_DDL_AUTO=update` makes the app change its schema on every container start (it alters the tables to fit the entities)' }],
    },
    {
      // georas94/symfony_docker_aws (review set 97): the schema forced to fit the entities at every start.
      name: "Doctrine's schema update with --force before php-fpm",
      code: 'FROM php:8.3-fpm\nWORKDIR /var/www\nCOPY . .\nCMD php bin/console doctrine:schema:update --complete --force ; php-fpm\n',
      errors: [{ line: 4, column: 5, messageId: 'chained', message: '`php bin/console doctrine:schema:update` runs on every container start' }],
    },
  ],
});
