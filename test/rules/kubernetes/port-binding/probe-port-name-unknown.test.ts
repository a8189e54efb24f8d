import rule from '../../../../server/src/core/rules/kubernetes/port-binding/probe-port-name-unknown';
import { testRule } from '../../../helpers/rule-tester';
import { deploymentYaml } from '../../../helpers/manifests';

const pod = (probe: string, ports = '          ports:\n            - name: http\n              containerPort: 8080\n') => deploymentYaml({ name: 'api', image: 'shop/api:2.0.1', templateLabels: true }, `${ports}${probe}`);

testRule(rule, {
  valid: [
    { name: 'probe by declared name', code: pod('          readinessProbe:\n            httpGet: {path: /ready, port: http}\n') },
    { name: 'probe by number', code: pod('          livenessProbe:\n            tcpSocket:\n              port: 9090\n') },
    { name: 'a substitution still to be made', code: pod('          readinessProbe:\n            grpc:\n              port: ${EXTENSION_GRPC_HEALTH_PORT:-9003}\n') },
    { name: 'exec probe', code: pod('          livenessProbe:\n            exec:\n              command: [cat, /tmp/healthy]\n') },
    {
      name: 'Kustomize patch without image: ports live in the base',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          readinessProbe:\n            httpGet: {path: /ready, port: http}\n',
    },
  ],
  invalid: [
    {
      name: 'readiness probe names an undeclared port',
      code: pod('          readinessProbe:\n            httpGet:\n              path: /ready\n              port: web\n'),
      errors: [{ line: 19, column: 21, endLine: 19, endColumn: 24, messageId: 'unknown', message: 'declares http' }],
    },
    {
      name: 'container declares no ports at all',
      code: pod('          livenessProbe:\n            tcpSocket: {port: http}\n', ''),
      errors: [{ line: 14, column: 31, messageId: 'unknown' }],
    },
    {
      name: 'startup and liveness on a grpc name',
      code: pod('          startupProbe:\n            grpc: {port: grpc}\n          livenessProbe:\n            grpc: {port: grpc}\n'),
      errors: [{ line: 17, column: 26 }, { line: 19, column: 26 }],
    },
  ],
});
