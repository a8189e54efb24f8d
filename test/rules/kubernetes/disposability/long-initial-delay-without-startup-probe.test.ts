import rule from '../../../../server/src/core/rules/kubernetes/disposability/long-initial-delay-without-startup-probe';
import { testRule } from '../../../helpers/rule-tester';
import { deploymentYaml } from '../../../helpers/manifests';

const pod = (probes: string) => deploymentYaml({ name: 'api', image: 'shop/api:3.2.0' }, probes);

testRule(rule, {
  valid: [
    { name: 'short delay', code: pod('          livenessProbe:\n            httpGet: {path: /live, port: 8080}\n            initialDelaySeconds: 10\n') },
    { name: 'startup probe covers the slow start', code: pod('          startupProbe:\n            httpGet: {path: /live, port: 8080}\n            failureThreshold: 30\n          livenessProbe:\n            httpGet: {path: /live, port: 8080}\n            initialDelaySeconds: 90\n') },
    { name: 'long delay on readiness only', code: pod('          readinessProbe:\n            httpGet: {path: /ready, port: 8080}\n            initialDelaySeconds: 120\n') },
  ],
  invalid: [
    { name: 'two minutes', code: pod('          livenessProbe:\n            httpGet: {path: /live, port: 8080}\n            initialDelaySeconds: 120\n'), errors: [{ line: 13, column: 34, endLine: 13, endColumn: 37, messageId: 'delay' }] },
    { name: 'exactly sixty, flow style', code: pod('          livenessProbe: {exec: {command: [cat, /tmp/ok]}, initialDelaySeconds: 60}\n'), errors: [{ line: 11, column: 81, message: '60s' }] },
    { name: 'quoted number', code: pod('          livenessProbe:\n            tcpSocket:\n              port: 5432\n            initialDelaySeconds: "300"\n'), errors: [{ line: 14, column: 34 }] },
  ],
});
