import rule from '../../../../server/src/core/rules/kubernetes/backing-services/database-sidecar';
import { testRule } from '../../../helpers/rule-tester';

const workload = (containers: string, kind = 'Deployment') => `apiVersion: ${kind === 'Job' ? 'batch/v1' : 'apps/v1'}
kind: ${kind}
metadata:
  name: orders
spec:
  selector:
    matchLabels: {app: orders}
  template:
    metadata:
      labels: {app: orders}
    spec:
      containers:
${containers}`;

testRule(rule, {
  valid: [
    { name: 'a StatefulSet whose only container is the database', code: workload('        - name: postgres\n          image: postgres:16.3\n', 'StatefulSet') },
    { name: 'database with its exporter sidecar', code: workload('        - name: redis\n          image: redis:7.2.5\n        - name: metrics\n          image: oliver006/redis_exporter:v1.62.0\n', 'StatefulSet') },
    { name: 'app with a connection proxy', code: workload('        - name: orders\n          image: shop/orders:2.3.1\n        - name: pgbouncer\n          image: bitnami/pgbouncer:1.23.1\n') },
    { name: 'integration-test Job with a throwaway database is not a long-running app', code: workload('        - name: tests\n          image: shop/orders-tests:2.3.1\n        - name: postgres\n          image: postgres:16.3\n', 'Job') },
  ],
  invalid: [
    {
      name: 'redis next to the app',
      code: workload('        - name: orders\n          image: shop/orders:2.3.1\n        - name: cache\n          image: redis:7.2.5-alpine\n'),
      errors: [{ line: 16, column: 18, endLine: 16, endColumn: 36, message: 'Redis (`redis:7.2.5-alpine`) runs inside the pod of `orders`' }],
    },
    {
      name: 'bitnami postgresql as a native sidecar',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: orders}\nspec:\n  initContainers:\n    - name: db\n      image: docker.io/bitnami/postgresql:16.3.0\n      restartPolicy: Always\n  containers:\n    - name: orders\n      image: shop/orders:2.3.1\n',
      errors: [{ line: 7, column: 14, message: 'PostgreSQL' }],
    },
    {
      name: 'two stores in one pod, multi-document file',
      code: 'apiVersion: v1\nkind: Service\nmetadata: {name: orders}\nspec: {selector: {app: orders}, ports: [{port: 80}]}\n---\n' + workload('        - name: orders\n          image: shop/orders:2.3.1\n        - name: mongo\n          image: mongo:7.0\n        - name: mq\n          image: rabbitmq:3.13-management\n'),
      errors: [{ line: 21, column: 18, message: 'MongoDB' }, { line: 23, column: 18, message: 'RabbitMQ' }],
    },
  ],
});
