import rule from '../../../../server/src/core/rules/kubernetes/admin-processes/ssh-port';
import { testRule } from '../../../helpers/rule-tester';

const pod = (ports: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: app\n      image: app:1\n      ports:\n${ports}\n`;

testRule(rule, {
  valid: [
    { name: 'http only', code: pod('        - containerPort: 8080') },
    { name: 'port 2222', code: pod('        - containerPort: 2222\n          name: alt') },
    { name: 'a Service port 22 is not a container port', code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n    - port: 22\n' },
  ],
  invalid: [
    { name: 'containerPort 22', code: pod('        - containerPort: 22'), errors: [{ line: 10, column: 26, endColumn: 28, messageId: 'ssh', message: '`app`' }] },
    { name: 'named ssh port next to http', code: pod('        - containerPort: 80\n        - name: ssh\n          containerPort: 22'), errors: [{ line: 12, column: 26, endColumn: 28 }] },
    {
      name: 'in a Deployment',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      containers:\n        - name: box\n          image: box:1\n          ports: [{containerPort: 22}]\n',
      errors: [{ line: 11, column: 35, endColumn: 37, message: '`box`' }],
    },
  ],
});
