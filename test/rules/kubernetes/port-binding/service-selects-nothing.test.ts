import rule from '../../../../server/src/core/rules/kubernetes/port-binding/service-selects-nothing';
import { testRule } from '../../../helpers/rule-tester';

const service = (selector: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    ${selector}\n  ports:\n    - port: 80\n`;
const deployment = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web, tier: front}\n    spec:\n      containers:\n        - name: web\n          image: web:1\n`;

testRule(rule, {
  valid: [
    { name: 'the selector matches the Deployment in another file', code: service('app: web'), workspace: [{ filename: 'deploy.yaml', code: deployment }] },
    { name: 'no workloads in the application: the pods live elsewhere', code: service('app: other') },
    { name: 'an operator\'s resource may create the pods', code: service('app: other') + '---\napiVersion: acid.zalan.do/v1\nkind: postgresql\nmetadata:\n  name: db\n', workspace: [{ filename: 'deploy.yaml', code: deployment }] },
  ],
  invalid: [
    {
      name: 'a typo in the selector',
      code: service('app: wbe'),
      workspace: [{ filename: 'deploy.yaml', code: deployment }],
      errors: [{ line: 6, column: 3, endColumn: 11, messageId: 'nothing', message: 'Deployment `web` in deploy.yaml' }],
    },
    {
      name: 'a selector asking for more labels than the pods carry, same file',
      code: deployment + '---\n' + service('{app: web, version: v2}'),
      errors: [{ line: 21, column: 3, endColumn: 11, message: '`version: v2`' }],
    },
    {
      name: 'a selector no workload carries, the Service first in the file',
      code: service('app: report') + '---\n' + deployment,
      errors: [{ line: 6, column: 3, endColumn: 11 }],
    },
  ],
});
