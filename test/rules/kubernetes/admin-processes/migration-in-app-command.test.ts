import rule from '../../../../server/src/core/rules/kubernetes/admin-processes/migration-in-app-command';
import { testRule } from '../../../helpers/rule-tester';

const pod = (command: string, kind = 'Deployment', api = 'apps/v1') => `apiVersion: ${api}
kind: ${kind}
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: shop/web:1.4.2
${command}`;

testRule(rule, {
  valid: [
    { name: 'a migration Job', code: pod('          command: ["sh", "-c", "python manage.py migrate && python manage.py loaddata init"]\n', 'Job', 'batch/v1') },
    { name: 'app only', code: pod('          command: ["gunicorn", "app.wsgi"]\n') },
    { name: 'collectstatic is not a migration', code: pod('          command: ["sh", "-c", "python manage.py collectstatic --noinput && exec gunicorn app.wsgi"]\n') },
    { name: 'migrate mentioned as a flag of the app', code: pod('          command: ["sh", "-c", "./prepare && exec ./server --no-migrate"]\n') },
    { name: 'steps that report or generate and apply nothing (status, updateSQL, --check)', code: pod('          command: ["sh", "-c", "npm run migrate:status && php artisan migrate:status && liquibase updateSQL && python manage.py migrate --check && exec node server.js"]\n') },
    { name: 'the ORM told only to validate the schema', code: pod('          env:\n            - name: SPRING_JPA_HIBERNATE_DDL_AUTO\n              value: validate\n') },
    { name: 'a Job that lets the ORM update the schema is the one-off process', code: pod('          env:\n            - name: SPRING_JPA_HIBERNATE_DDL_AUTO\n              value: update\n', 'Job', 'batch/v1') },
  ],
  invalid: [
    {
      name: 'django migrate before gunicorn',
      code: pod('          command: ["sh", "-c", "python manage.py migrate --noinput && exec gunicorn app.wsgi"]\n'),
      errors: [{ line: 11, column: 34, endLine: 11, endColumn: 68, messageId: 'migration' }],
    },
    {
      name: 'rails in a block script',
      code: pod('          command: ["/bin/bash", "-c"]\n          args:\n            - |\n              bundle exec rails db:migrate\n              bundle exec rails db:seed\n              exec bundle exec puma -C config/puma.rb\n'),
      errors: [{ line: 14, column: 15 }, { line: 15, column: 15 }],
    },
    { name: 'prisma via npx', code: pod('          args: ["sh", "-c", "npx prisma migrate deploy; node dist/main.js"]\n'), errors: [{ line: 11, column: 31, message: 'npx prisma migrate deploy' }] },
    {
      name: 'the tools the Dockerfile rule knows: sqlx, dotnet ef, a migrate script',
      code: pod('          command: ["sh", "-c", "sqlx migrate run && dotnet ef database update && ./migrate.sh && exec ./server"]\n'),
      errors: [{ line: 11, column: 34, endColumn: 50 }, { line: 11, column: 54, endColumn: 79 }, { line: 11, column: 83, endColumn: 95 }],
    },
    {
      // CLD4-T2-IAMConan/service-chat's values-prod.yaml (review set 95): the production app alters its own schema.
      name: 'the ORM told by the environment to update the schema at every start',
      code: pod('          env:\n            - name: SPRING_PROFILES_ACTIVE\n              value: prod\n            - name: SPRING_JPA_HIBERNATE_DDL_AUTO\n              value: "update"\n'),
      errors: [{ line: 15, column: 22, endColumn: 30, messageId: 'schemaSwitch', message: '`SPRING_JPA_HIBERNATE_DDL_AUTO: update` makes container `web` change its schema on every start (it alters the tables to fit the entities)' }],
    },
    {
      name: 'create-drop drops the tables',
      code: pod('          env:\n            - name: QUARKUS_HIBERNATE_ORM_DATABASE_GENERATION\n              value: drop-and-create\n'),
      errors: [{ line: 13, column: 22, messageId: 'schemaSwitch', message: 'drops tables, and the data in them' }],
    },
  ],
});
