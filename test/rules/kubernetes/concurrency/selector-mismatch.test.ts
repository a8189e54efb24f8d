import rule from '../../../../server/src/core/rules/kubernetes/concurrency/selector-mismatch';
import { testRule } from '../../../helpers/rule-tester';

const deployment = (selector: string, labels: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n${selector}\n  template:\n    metadata:\n      labels:\n${labels}\n    spec:\n      containers:\n        - name: web\n          image: web:1.0\n`;

testRule(rule, {
  valid: [
    { name: 'selector is a subset of the template labels', code: deployment('      app: web', '        app: web\n        tier: front') },
    { name: 'matchExpressions only', code: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  selector:\n    matchExpressions:\n      - {key: app, operator: In, values: [db]}\n  template:\n    metadata:\n      labels:\n        app: db\n    spec:\n      containers:\n        - name: db\n          image: db:1\n' },
    { name: 'a patch fragment without template labels', code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    spec:\n      containers:\n        - name: web\n          image: web:2\n' },
  ],
  invalid: [
    {
      name: 'a label the template lacks',
      code: deployment('      app: web\n      tier: front', '        app: web'),
      errors: [{ line: 9, column: 7, endColumn: 18, messageId: 'mismatch', message: 'has no `tier` label' }],
    },
    {
      name: 'a different value',
      code: deployment('      app: web', '        app: website'),
      errors: [{ line: 8, column: 7, endColumn: 15, message: 'has `app: website`' }],
    },
    {
      name: 'a DaemonSet in a multi-document file',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  selector:\n    matchLabels: {name: agent}\n  template:\n    metadata:\n      labels: {name: node-agent}\n    spec:\n      containers:\n        - name: a\n          image: agent:1\n',
      errors: [{ line: 12, column: 19, endColumn: 30, message: 'DaemonSet' }],
    },
  ],
});
