import rule from '../../../../server/src/core/rules/kubernetes/disposability/prestop-sleep-exceeds-grace';
import { testRule } from '../../../helpers/rule-tester';

const pod = (spec: string, hook: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
${spec}      containers:
        - name: web
          image: shop/web:1.4.2
          lifecycle:
            preStop:
${hook}`;

testRule(rule, {
  valid: [
    { name: 'short exec sleep', code: pod('', '              exec:\n                command: ["sleep", "5"]\n') },
    { name: 'sleep action within a raised grace period', code: pod('      terminationGracePeriodSeconds: 60\n', '              sleep:\n                seconds: 45\n') },
    { name: 'not a sleep', code: pod('', '              httpGet: {path: /drain, port: 8080}\n') },
    { name: 'templated grace period', code: pod('      terminationGracePeriodSeconds: "{{ .Values.grace }}"\n', '              sleep: {seconds: 40}\n') },
  ],
  invalid: [
    {
      name: 'exec sleep equal to the default grace period',
      code: pod('', '              exec:\n                command: ["/bin/sh", "-c", "sleep 30"]\n'),
      errors: [{ line: 14, column: 51, endLine: 14, endColumn: 53, messageId: 'exceeds', message: '(the default)' }],
      output: pod('', '              exec:\n                command: ["/bin/sh", "-c", "sleep 30"]\n      terminationGracePeriodSeconds: 45\n'),
    },
    {
      name: 'sleep action beyond an explicit grace period',
      code: pod('      terminationGracePeriodSeconds: 20 # seconds\n', '              sleep:\n                seconds: 25\n'),
      errors: [{ line: 15, column: 26 }],
      output: pod('      terminationGracePeriodSeconds: 40 # seconds\n', '              sleep:\n                seconds: 25\n'),
    },
    {
      name: 'two containers: one finding and fix for the longest',
      code: pod('', '              exec: {command: [sleep, "40"]}\n        - name: proxy\n          image: envoyproxy/envoy:v1.31.0\n          lifecycle:\n            preStop:\n              exec:\n                command: [sleep, 60s]\n'),
      errors: [{ line: 19, column: 34, message: 'container `proxy`' }],
      output: pod('', '              exec: {command: [sleep, "40"]}\n        - name: proxy\n          image: envoyproxy/envoy:v1.31.0\n          lifecycle:\n            preStop:\n              exec:\n                command: [sleep, 60s]\n      terminationGracePeriodSeconds: 75\n'),
    },
  ],
});
