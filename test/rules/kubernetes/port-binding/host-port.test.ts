import rule from '../../../../server/src/core/rules/kubernetes/port-binding/host-port';
import { testRule } from '../../../helpers/rule-tester';

const workload = (kind: string, ports: string) => `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: edge
spec:
  template:
    spec:
      containers:
        - name: proxy
          image: envoyproxy/envoy:v1.31.0
          ports:
${ports}`;

testRule(rule, {
  valid: [
    { name: 'containerPort only', code: workload('Deployment', '            - containerPort: 8080\n') },
    { name: 'DaemonSet node agent', code: workload('DaemonSet', '            - containerPort: 9100\n              hostPort: 9100\n') },
    { name: 'hostPort zero means none', code: workload('Deployment', '            - containerPort: 8080\n              hostPort: 0\n') },
  ],
  invalid: [
    { name: 'Deployment with hostPort', code: workload('Deployment', '            - containerPort: 8080\n              hostPort: 80\n'), errors: [{ line: 13, column: 15, endLine: 13, endColumn: 27, messageId: 'hostPort' }] },
    { name: 'flow style', code: workload('StatefulSet', '            - {containerPort: 443, hostPort: 443}\n'), errors: [{ line: 12, column: 36, message: 'hostPort 443' }] },
    {
      name: 'bare Pod',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: debug}\nspec:\n  containers:\n    - name: app\n      image: shop/app:1.0.0\n      ports:\n        - containerPort: 5000\n          hostPort: 5000\n',
      errors: [{ line: 10, column: 11 }],
    },
  ],
});
