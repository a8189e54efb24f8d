import rule from '../../../../server/src/core/rules/kubernetes/logs/log-shipper-sidecar';
import { testRule } from '../../../helpers/rule-tester';

const pod = (containers: string, kind = 'Deployment') => `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: web
spec:
  template:
    spec:
      containers:
${containers}`;
const app = '        - name: web\n          image: shop/web:1.4.2\n';

testRule(rule, {
  valid: [
    { name: 'node agent DaemonSet', code: pod('        - name: fluent-bit\n          image: fluent/fluent-bit:3.0.7\n', 'DaemonSet') },
    { name: 'aggregator Deployment with only the shipper', code: pod('        - name: fluentd\n          image: fluent/fluentd:v1.17-1\n') },
    { name: 'app and an unrelated proxy sidecar', code: pod(`${app}        - name: proxy\n          image: envoyproxy/envoy:v1.31.0\n`) },
  ],
  invalid: [
    { name: 'fluent-bit next to the app', code: pod(`${app}        - name: logs\n          image: fluent/fluent-bit:3.0.7\n`), errors: [{ line: 12, column: 18, endLine: 12, endColumn: 41, messageId: 'sidecar', message: '`fluent-bit`' }] },
    { name: 'filebeat from the Elastic registry', code: pod(`${app}        - name: filebeat\n          image: docker.elastic.co/beats/filebeat:8.14.1\n`), errors: [{ line: 12, column: 18 }] },
    {
      name: 'native sidecar promtail in a Pod',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers:\n    - name: promtail\n      image: grafana/promtail:3.0.0\n      restartPolicy: Always\n  containers:\n    - name: app\n      image: shop/app:1.0.0\n',
      errors: [{ line: 7, column: 14 }],
    },
  ],
});
