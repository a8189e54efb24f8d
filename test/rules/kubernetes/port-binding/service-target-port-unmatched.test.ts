import rule from '../../../../server/src/core/rules/kubernetes/port-binding/service-target-port-unmatched';
import { testRule } from '../../../helpers/rule-tester';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web, tier: frontend}
    spec:
      containers:
        - name: web
          image: shop/web:1.4.2
          ports:
            - name: http
              containerPort: 8080
`;

const service = (ports: string, selector = '{app: web}') => `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: ${selector}
  ports:
${ports}`;

testRule(rule, {
  valid: [
    {
      // helm/charts' stable/mysql: the chart's test Pod carries the app label; it is no backend of the Service.
      name: "a chart's test Pod that shares the labels is not among the Service's pods",
      code: `${service('    - port: 3306\n      targetPort: mysql\n', '{app: web}')}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web-test\n  labels: {app: web}\n  annotations:\n    helm.sh/hook: test-success\nspec:\n  containers:\n    - name: test\n      image: shop/tests:1.0.0\n`,
    },
    { name: 'named targetPort declared', code: `${deployment}---\n${service('    - port: 80\n      targetPort: http\n')}` },
    { name: 'numeric targetPort declared', code: `${deployment}---\n${service('    - port: 80\n      targetPort: 8080\n')}` },
    { name: 'pods live elsewhere: not judged', code: service('    - port: 80\n      targetPort: http\n') },
    { name: 'selector matches nothing in the workspace', code: `${deployment}---\n${service('    - port: 80\n      targetPort: metrics\n', '{app: api}')}` },
    {
      name: 'numeric targetPort and pods that declare no ports',
      code: service('    - port: 80\n      targetPort: 3000\n'),
      workspace: [{ filename: 'deploy.yaml', code: deployment.replace(/          ports:\n[\s\S]*$/, '') }],
    },
    { name: 'targetPort omitted defaults to port, which is declared', code: `${deployment}---\n${service('    - port: 8080\n')}` },
    {
      name: 'numeric targetPort the container is told to listen on in its arguments (kubebuilder metrics)',
      code: `${deployment.replace('          ports:', '          args: ["--metrics-bind-address=:8443", "--leader-elect"]\n          ports:')}---\n${service('    - name: https\n      port: 8443\n      targetPort: 8443\n')}`,
    },
  ],
  invalid: [
    {
      name: 'named targetPort not declared',
      code: `${deployment}---\n${service('    - port: 80\n      targetPort: web\n')}`,
      errors: [{ line: 27, column: 19, endLine: 27, endColumn: 22, messageId: 'name' }],
    },
    {
      name: 'numeric targetPort disagrees, pods in another file',
      code: service('    - name: http\n      port: 80\n      targetPort: 3000\n'),
      workspace: [{ filename: 'deploy.yaml', code: deployment }],
      errors: [{ line: 10, column: 19, messageId: 'number', message: '8080 (http)' }],
    },
    {
      name: 'targetPort omitted: port 80 is not declared',
      code: `${deployment}---\n${service('    - port: 80\n')}`,
      errors: [{ line: 26, column: 13, messageId: 'number' }],
    },
  ],
});
