import rule from '../../../../server/src/core/rules/kubernetes/port-binding/probe-port-undeclared';
import { testRule } from '../../../helpers/rule-tester';
import { deploymentYaml } from '../../../helpers/manifests';

const pod = (probe: string, ports = '          ports:\n            - name: http\n              containerPort: 8080\n') => deploymentYaml({ name: 'api', image: 'shop/api:2.0.1', templateLabels: true }, `${ports}${probe}`);

testRule(rule, {
  valid: [
    { name: 'probe on the declared number', code: pod('          readinessProbe:\n            httpGet: {path: /ready, port: 8080}\n') },
    { name: 'container declares no ports: not judged', code: pod('          livenessProbe:\n            tcpSocket: {port: 9000}\n', '') },
    { name: 'probe by name (another rule judges names)', code: pod('          livenessProbe:\n            httpGet: {path: /live, port: admin}\n') },
    {
      name: 'a port another container of the pod declares (one network per pod)',
      code: pod('          readinessProbe:\n            httpGet: {path: /healthz, port: 8000}\n        - name: http-server\n          image: shop/jetstream-http:1.2.0\n          ports:\n            - containerPort: 8000\n'),
    },
    {
      name: 'a port the container is told to bind in its arguments (kubebuilder health probes)',
      code: pod('          args: ["--health-probe-bind-address=:8081", "--leader-elect"]\n          livenessProbe:\n            httpGet: {path: /healthz, port: 8081}\n'),
    },
    { name: 'second declared port', code: pod('          livenessProbe:\n            httpGet: {path: /actuator/health, port: 8081}\n', '          ports:\n            - containerPort: 8080\n            - containerPort: 8081\n') },
  ],
  invalid: [
    {
      name: 'management port not declared',
      code: pod('          livenessProbe:\n            httpGet:\n              path: /actuator/health\n              port: 8081\n'),
      errors: [{ line: 19, column: 21, endLine: 19, endColumn: 25, messageId: 'undeclared' }],
    },
    { name: 'tcpSocket in flow style', code: pod('          readinessProbe:\n            tcpSocket: {port: 3000}\n'), errors: [{ line: 17, column: 31, message: 'declares 8080' }] },
    {
      name: 'two probes on the same undeclared port: one finding that names both',
      code: pod('          readinessProbe:\n            httpGet: {path: /, port: 80}\n          livenessProbe:\n            httpGet: {path: /, port: 80}\n'),
      errors: [{ line: 17, column: 38, messageId: 'undeclaredByMany', message: 'readinessProbe and livenessProbe check port 80' }],
    },
    {
      name: "Keycloak's three probes on its management port 9000 (keycloak-quickstarts)",
      code: pod('          startupProbe:\n            httpGet: {path: /health/started, port: 9000}\n          readinessProbe:\n            httpGet: {path: /health/ready, port: 9000}\n          livenessProbe:\n            httpGet: {path: /health/live, port: 9000}\n', '          ports:\n            - name: http\n              containerPort: 8080\n          lifecycle: {}\n'),
      errors: [{ line: 18, column: 52, messageId: 'undeclaredByMany', message: 'startupProbe, readinessProbe and livenessProbe check port 9000' }],
    },
  ],
});
