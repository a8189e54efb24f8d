import rule from '../../../../server/src/core/rules/kubernetes/backing-services/hard-coded-locator-in-env';
import { testRule } from '../../../helpers/rule-tester';
import { deploymentYaml } from '../../../helpers/manifests';

const deploy = (env: string, extra = '') => deploymentYaml({ name: 'orders', image: 'shop/orders:2.3.1', selector: true }, `          env:
${env}${extra}`);

const proxy = '        - name: cloud-sql-proxy\n          image: gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.11.0\n';

testRule(rule, {
  valid: [
    { name: 'Service DNS names are config, fine', code: deploy('            - name: DB_HOST\n              value: orders-db.shop.svc.cluster.local\n            - name: REDIS_URL\n              value: redis://cache:6379/0\n') },
    { name: 'localhost through a Cloud SQL proxy sidecar', code: deploy('            - name: DATABASE_URL\n              value: postgres://127.0.0.1:5432/orders\n', proxy) },
    { name: 'listen addresses and non-backing URLs', code: deploy('            - name: BIND_HOST\n              value: 0.0.0.0\n            - name: OTEL_EXPORTER_OTLP_ENDPOINT\n              value: http://localhost:4317\n            - name: UPSTREAM_URL\n              value: http://10.0.0.8:8080\n') },
    { name: 'vector stores bound by Service name (gke-samples RAG manifests)', code: deploy('            - name: QDRANT_URL\n              value: http://qdrant-database:6333\n            - name: WEAVIATE_ENDPOINT\n              value: "weaviate.weaviate"\n            - name: ES_URL\n              value: https://elasticsearch-ha-es-http:9200\n') },
    { name: 'Helm templated host and $(VAR) reference', code: deploy('            - name: DB_HOST\n              value: "{{ .Values.db.host }}"\n            - name: REDIS_HOST\n              value: $(NODE_IP)\n') },
    { name: 'Kustomize patch may omit the sidecar', code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: orders}\nspec:\n  template:\n    spec:\n      containers:\n        - name: orders\n          env: [{name: DB_HOST, value: localhost}]\n' },
  ],
  invalid: [
    {
      name: 'localhost database with no sidecar',
      code: deploy('            - name: DB_HOST\n              value: localhost\n'),
      errors: [{ line: 17, column: 22, endLine: 17, endColumn: 31, messageId: 'loopback' }],
    },
    {
      name: 'IP literal in a redis URL, jdbc with credentials masked',
      code: deploy('            - name: CACHE\n              value: redis://10.12.0.7:6379\n            - name: SPRING_DATASOURCE_URL\n              value: jdbc:postgresql://orders:pw0rd123@192.168.10.4:5432/orders\n', proxy),
      errors: [
        { line: 17, column: 22, messageId: 'ip', message: '`10.12.0.7`' },
        { line: 19, column: 22, endColumn: 80, messageId: 'ip', message: 'jdbc:postgresql://orders:****@192.168.10.4' },
      ],
    },
    {
      name: 'bare Pod, mongodb+srv to loopback and a broker list by IP',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: worker}\nspec:\n  containers:\n    - name: worker\n      image: shop/worker:1.0.0\n      env:\n        - {name: MONGO_URI, value: "mongodb://127.0.0.1:27017/shop"}\n        - {name: KAFKA_BOOTSTRAP_SERVERS, value: "10.0.1.5:9092,10.0.1.6:9092"}\n',
      errors: [{ line: 9, column: 36, messageId: 'loopback' }, { line: 10, column: 50, messageId: 'ip' }],
    },
    {
      name: 'vector store by IP, and an unknown locator name with a datastore port',
      code: deploy('            - name: QDRANT_URL\n              value: http://10.20.0.9:6333\n            - name: VECTORS_ENDPOINT\n              value: 10.20.0.10:19530\n'),
      errors: [
        { line: 17, column: 22, messageId: 'ip', message: '`10.20.0.9`' },
        { line: 19, column: 22, messageId: 'ip', message: '`10.20.0.10`' },
      ],
    },
    {
      name: 'CamelCase and dotted setting names read as words',
      code: deploy('            - name: RedisHost\n              value: 10.20.0.11\n            - name: spring.datasource.url\n              value: jdbc:postgresql://10.20.0.12:5432/app\n'),
      errors: [
        { line: 17, column: 22, messageId: 'ip', message: '`10.20.0.11`' },
        { line: 19, column: 22, messageId: 'ip', message: '`10.20.0.12`' },
      ],
    },
  ],
});
