import rule from '../../../../server/src/core/rules/kubernetes/backing-services/datastore-without-persistent-storage';
import { testRule } from '../../../helpers/rule-tester';

const sts = (container: string, rest = '') => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: orders-db
spec:
  serviceName: orders-db
  selector:
    matchLabels: {app: orders-db}
  template:
    metadata:
      labels: {app: orders-db}
    spec:
      containers:
        - name: postgres
          image: postgres:16.3
${container}${rest}`;

const esNode = (master: string, data: string) => `apiVersion: v1
kind: ReplicationController
metadata:
  name: es
spec:
  replicas: 1
  template:
    metadata:
      labels: {component: elasticsearch}
    spec:
      containers:
        - name: es
          image: quay.io/pires/docker-elasticsearch-kubernetes:1.7.1-4
          env:
            - name: NODE_MASTER
              value: "${master}"
            - name: NODE_DATA
              value: "${data}"
          volumeMounts:
            - {name: storage, mountPath: /data}
      volumes:
        - name: storage
          emptyDir: {}
`;

/** A Deployment with one container of `image` declaring `port` (Robot Shop's and Sock Shop's own datastore builds). */
const own = (image: string, port: number) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: store}\nspec:\n  selector: {matchLabels: {app: store}}\n  template:\n    metadata: {labels: {app: store}}\n    spec:\n      containers:\n        - name: store\n          image: ${image}\n          ports:\n            - containerPort: ${port}\n`;

testRule(rule, {
  valid: [
    // helm/charts' stable/mysql: the chart's test Pod runs bats on the MySQL image; no server runs there.
    {
      name: "a chart's test Pod on the datastore's image (a Helm hook running bats)",
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: db-test\n  annotations:\n    "helm.sh/hook": test-success\nspec:\n  restartPolicy: Never\n  containers:\n    - name: test\n      image: mysql:5.7.14\n      command: ["/tools/bats/bats", "-t", "/tests/run.sh"]\n',
    },
    { name: 'bats replaces the server even without the hook annotation', code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: db-test\nspec:\n  containers:\n    - name: test\n      image: mysql:5.7.14\n      command: ["/tools/bats/bats", "-t", "/tests/run.sh"]\n' },
    { name: 'an Elasticsearch coordinating-only node keeps no data', code: esNode('false', 'false') },
    { name: 'volumeClaimTemplate mounted at the data directory', code: sts('          volumeMounts:\n            - {name: data, mountPath: /var/lib/postgresql/data}\n', '  volumeClaimTemplates:\n    - metadata: {name: data}\n      spec:\n        accessModes: [ReadWriteOnce]\n        resources: {requests: {storage: 20Gi}}\n') },
    { name: 'a PVC volume in a Deployment', code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: mq}\nspec:\n  selector: {matchLabels: {app: mq}}\n  template:\n    metadata: {labels: {app: mq}}\n    spec:\n      containers:\n        - name: rabbitmq\n          image: rabbitmq:3.13\n          volumeMounts: [{name: data, mountPath: /var/lib/rabbitmq}]\n      volumes:\n        - name: data\n          persistentVolumeClaim: {claimName: mq-data}\n' },
    { name: 'client pod: the command idles instead of serving', code: sts('          command: ["sleep", "3600"]\n') },
    { name: 'toolbox pod kept alive by tail', code: sts('          command: [/bin/sh, -c, "tail -f /dev/null"]\n') },
    { name: 'sleep infinity behind a trap', code: sts('          command: [bash, -c, "trap : TERM INT; sleep infinity & wait"]\n') },
    { name: 'the image runs a client tool', code: sts('          command: [sh, -c, "pgbench -i -h orders-db app && pgbench -c 10 -T 600 -h orders-db app"]\n') },
    { name: 'a cache may start empty', code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: cache}\nspec:\n  selector: {matchLabels: {app: cache}}\n  template:\n    metadata: {labels: {app: cache}}\n    spec:\n      containers:\n        - name: redis\n          image: redis:7.2.5\n' },
    { name: 'a web UI named after the datastore (mongo-express) on its own port', code: own('mongo-express:1.0.2', 8081) },
    { name: 'a tool named after the datastore that declares its port (mysql-router)', code: own('container-registry.oracle.com/mysql/mysql-router:8.4', 3306) },
    { name: 'an app named like a datastore without its port (orders-mongo-api on 8080)', code: own('shop/orders-mongo-api:1.2.0', 8080) },
    { name: 'a database migration image on the database port', code: own('shop/orders-db-migrate:1.2.0', 5432) },
    { name: 'an exporter on the database port', code: own('shop/mysql-db-exporter:1.0.0', 3306) },
    { name: 'Kustomize patch bumping the image', code: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: orders-db}\nspec:\n  template:\n    spec:\n      containers:\n        - name: postgres\n          image: postgres:16.4\n' },
    { name: 'a claim at the data directory, or above it', code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: postgres}\nspec:\n  selector: {matchLabels: {app: pg}}\n  template:\n    metadata: {labels: {app: pg}}\n    spec:\n      containers:\n        - name: postgres\n          image: postgres:16\n          volumeMounts:\n            - name: data\n              mountPath: /var/lib/postgresql/data\n      volumes:\n        - name: data\n          persistentVolumeClaim: {claimName: pg}\n' + '---\n' + 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: postgres}\nspec:\n  selector: {matchLabels: {app: pg}}\n  template:\n    metadata: {labels: {app: pg}}\n    spec:\n      containers:\n        - name: postgres\n          image: mysql:8.4\n          volumeMounts:\n            - name: data\n              mountPath: /var/lib\n      volumes:\n        - name: data\n          persistentVolumeClaim: {claimName: pg}\n' },
    { name: "PGDATA under the claim (Bitnami's layout, a subfolder)", code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: postgres}\nspec:\n  selector: {matchLabels: {app: pg}}\n  template:\n    metadata: {labels: {app: pg}}\n    spec:\n      containers:\n        - name: postgres\n          image: postgres:16\n          env:\n            - name: PGDATA\n              value: /pgdata/data\n          volumeMounts:\n            - name: data\n              mountPath: /pgdata\n      volumes:\n        - name: data\n          persistentVolumeClaim: {claimName: pg}\n' },
    { name: "RabbitMQ's database folder (realsuayip's asu)", code: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: mq}\nspec:\n  selector: {matchLabels: {app: mq}}\n  template:\n    metadata: {labels: {app: mq}}\n    spec:\n      containers:\n        - name: mq\n          image: rabbitmq:3.13-management\n          volumeMounts:\n            - name: data\n              mountPath: /var/lib/rabbitmq/mnesia\n  volumeClaimTemplates:\n    - metadata: {name: data}\n' },
    { name: 'a build of its own keeps its data where it says', code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: postgres}\nspec:\n  selector: {matchLabels: {app: pg}}\n  template:\n    metadata: {labels: {app: pg}}\n    spec:\n      containers:\n        - name: postgres\n          image: registry.example.com/shop/pg:16\n          volumeMounts:\n            - name: data\n              mountPath: /mnt/data\n      volumes:\n        - name: data\n          persistentVolumeClaim: {claimName: pg}\n' },
    // giddy87/PostgresOps-Backup-and-Restore: a restore pod, its script split between command and args, files set up around psql.
    { name: 'a client script with file utilities around the client', code: sts('          command: ["/bin/sh"]\n          args: ["-c", \'echo "$PGPASS" > /root/.pgpass && ls /var/restore && chmod 600 /root/.pgpass && psql -U app -h orders-db < /var/restore/dump.sql && echo done\']\n') },
    { name: 'a Redis told to save nothing (`--save ""`, `--appendonly no`) is a cache', code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: redis}\nspec:\n  selector: {matchLabels: {app: redis}}\n  template:\n    metadata: {labels: {app: redis}}\n    spec:\n      containers:\n        - name: redis\n          image: redis:7-alpine\n          command: [redis-server, --save, \"\", --appendonly, \"no\"]\n          volumeMounts: [{name: d, mountPath: /data}]\n      volumes: [{name: d, emptyDir: {}}]\n' },
  ],
  invalid: [
    {
      name: 'a ReplicationController without a selector (it selects its template labels) running an Elasticsearch data node on an emptyDir',
      code: esNode('true', 'true'),
      errors: [{ line: 12, column: 17, message: 'Elasticsearch container `es` has no persistent volume' }],
    },
    {
      name: 'no volume at all',
      code: sts(''),
      errors: [{ line: 14, column: 17, endLine: 14, endColumn: 25, message: 'PostgreSQL container `postgres`' }],
    },
    {
      name: 'a command that starts the server itself is still the server',
      code: sts('          args: ["postgres", "-c", "max_connections=200"]\n'),
      errors: [{ line: 14, column: 17 }],
    },
    {
      name: 'emptyDir data directory plus a configMap',
      code: sts('          volumeMounts:\n            - {name: data, mountPath: /var/lib/postgresql/data}\n            - {name: init, mountPath: /docker-entrypoint-initdb.d}\n', '      volumes:\n        - name: data\n          emptyDir: {}\n        - name: init\n          configMap: {name: orders-db-init}\n'),
      errors: [{ line: 14, column: 17 }],
    },
    {
      name: "an application's own MongoDB build (robot-shop's rs-mongodb) declaring 27017",
      code: own('robotshop/rs-mongodb:2.1.0', 27017),
      errors: [{ line: 10, column: 17, message: 'MongoDB container `store`' }],
    },
    {
      name: "a '-db' image declaring MySQL's port (Sock Shop's catalogue-db)",
      code: own('weaveworksdemos/catalogue-db:0.3.0', 3306),
      errors: [{ line: 10, column: 17, message: 'MySQL container `store`' }],
    },
    {
      name: 'mysql in a bare Pod',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: legacy-db}\nspec:\n  containers:\n    - name: db\n      image: mysql:8.4\n',
      errors: [{ line: 6, column: 13, message: 'MySQL' }],
    },
    {
      // usman1234567/k8sapp: the claim is mounted where the postgres image keeps nothing.
      name: "a claim mounted beside the image's data directory",
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: postgres}\nspec:\n  selector: {matchLabels: {app: pg}}\n  template:\n    metadata: {labels: {app: pg}}\n    spec:\n      containers:\n        - name: postgres\n          image: postgres:16\n          volumeMounts:\n            - name: data\n              mountPath: /mnt/data\n      volumes:\n        - name: data\n          persistentVolumeClaim: {claimName: pg}\n',
      errors: [{ line: 14, column: 26, endColumn: 35, messageId: 'elsewhere', message: 'keeps its data in `/var/lib/postgresql/data`, but its persistent volume is mounted at `/mnt/data`' }],
    },
    {
      name: 'a server started after file utilities in a script',
      code: sts('          command: ["/bin/sh", "-c", "mkdir -p /tmp/run && chmod 700 /tmp/run && exec docker-entrypoint.sh postgres"]\n'),
      errors: [{ line: 14, column: 17, message: 'PostgreSQL container `postgres`' }],
    },
    {
      // hcdung2109/cloud-native: append-only persistence turned on, the data in an emptyDir.
      name: 'a Redis told to keep its data on disk, in an emptyDir',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: redis}\nspec:\n  selector: {matchLabels: {app: redis}}\n  template:\n    metadata: {labels: {app: redis}}\n    spec:\n      containers:\n        - name: redis\n          image: redis:7-alpine\n          command: [redis-server, --appendonly, \"yes\"]\n          volumeMounts: [{name: d, mountPath: /data}]\n      volumes: [{name: d, emptyDir: {}}]\n',
      errors: [{ line: 10, column: 17, messageId: 'ephemeral', message: 'Redis container `redis` has no persistent volume' }],
    },
  ],
});
