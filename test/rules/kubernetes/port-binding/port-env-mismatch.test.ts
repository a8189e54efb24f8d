import rule from '../../../../server/src/core/rules/kubernetes/port-binding/port-env-mismatch';
import { testRule } from '../../../helpers/rule-tester';
import { deploymentYaml } from '../../../helpers/manifests';

const pod = (env: string, ports = '          ports:\n            - containerPort: 8080\n') => deploymentYaml({ name: 'api', image: 'shop/api:2.0.1' }, `${ports}          env:
${env}`);

testRule(rule, {
  valid: [
    { name: 'PORT agrees', code: pod('            - name: PORT\n              value: "8080"\n') },
    { name: 'several declared ports: ambiguous', code: pod('            - name: PORT\n              value: "3000"\n', '          ports:\n            - containerPort: 8080\n            - containerPort: 9090\n') },
    { name: 'PORT from a ConfigMap', code: pod('            - name: PORT\n              valueFrom:\n                configMapKeyRef: {name: api, key: port}\n') },
    { name: 'unrelated variable with a number', code: pod('            - name: DB_PORT\n              value: "5432"\n') },
  ],
  invalid: [
    { name: 'PORT differs', code: pod('            - name: PORT\n              value: "3000"\n'), errors: [{ line: 15, column: 22, endLine: 15, endColumn: 28, messageId: 'mismatch' }] },
    { name: 'SERVER_PORT differs (Spring)', code: pod('            - name: SERVER_PORT\n              value: "8081"\n'), errors: [{ line: 15, column: 22, message: 'SERVER_PORT=8081' }] },
    { name: 'flow-style env entry with a number', code: pod('            - {name: PORT, value: 5000}\n'), errors: [{ line: 14, column: 35 }] },
  ],
});
