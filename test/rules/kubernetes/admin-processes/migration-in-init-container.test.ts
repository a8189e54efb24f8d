import rule from '../../../../server/src/core/rules/kubernetes/admin-processes/migration-in-init-container';
import { testRule } from '../../../helpers/rule-tester';

const pod = (init: string, kind = 'Deployment', api = 'apps/v1') => `apiVersion: ${api}
kind: ${kind}
metadata:
  name: web
spec:
  template:
    spec:
      initContainers:
        - name: migrate
          image: shop/web:1.4.2
${init}      containers:
        - name: web
          image: shop/web:1.4.2
`;

testRule(rule, {
  valid: [
    { name: 'init container that waits', code: pod('          command: ["sh", "-c", "until nc -z db 5432; do sleep 1; done"]\n') },
    { name: 'migration in a Job', code: pod('          command: ["alembic", "upgrade", "head"]\n', 'Job', 'batch/v1') },
    { name: 'init container copying config', code: pod('          command: ["cp", "-r", "/defaults/.", "/config/"]\n') },
    { name: "waits until the release's migration Job has run (Grafana OnCall: migrate --check)", code: pod('          command: ["sh", "-c", "until (python manage.py migrate --check); do echo Waiting for migrations; sleep 1; done"]\n') },
    { name: 'an image named for migrations that a command makes wait', code: pod('          command: ["sh", "-c", "until nc -z db 5432; do sleep 1; done"]\n').replace('shop/web:1.4.2', 'shop/web-migrations:1.4.2') },
    { name: 'an image whose name only contains the word (migration-assistant docs)', code: pod('').replace('shop/web:1.4.2', 'shop/migration-guide:1.4.2') },
  ],
  invalid: [
    { name: 'alembic', code: pod('          command: ["alembic", "upgrade", "head"]\n'), errors: [{ line: 11, column: 22, endLine: 11, endColumn: 48, messageId: 'init' }] },
    { name: 'flyway', code: pod('          args: ["-url=jdbc:postgresql://db/app", "migrate"]\n          command: ["flyway"]\n'), errors: [{ line: 11, column: 19, endLine: 12, endColumn: 28 }] },
    { name: 'StatefulSet with knex', code: pod('          command: ["sh", "-c", "npx knex migrate:latest"]\n', 'StatefulSet'), errors: [{ line: 11, column: 34 }] },
    {
      name: "an image built to migrate, started with its own entrypoint (podkrepi-bg's api/migrations)",
      code: pod('').replace('image: shop/web:1.4.2\n      containers', 'image: ghcr.io/podkrepi-bg/api/migrations\n      containers'),
      errors: [{ line: 10, column: 18, endColumn: 52, messageId: 'image', message: 'runs the migration image `ghcr.io/podkrepi-bg/api/migrations`' }],
    },
  ],
});
