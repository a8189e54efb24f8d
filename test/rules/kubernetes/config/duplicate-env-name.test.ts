import rule from '../../../../server/src/core/rules/kubernetes/config/duplicate-env-name';
import { testRule } from '../../../helpers/rule-tester';
import { deploymentYaml } from '../../../helpers/manifests';

const deploy = (env: string) => deploymentYaml({ name: 'web', image: 'shop/web:3.0.1', selector: true }, `          env:\n${env}`);

testRule(rule, {
  valid: [
    { name: 'distinct names', code: deploy('            - name: A\n              value: "1"\n            - name: B\n              value: "2"\n') },
    { name: 'same name in two containers', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: x:1\n      env: [{name: PORT, value: "8080"}]\n    - name: b\n      image: y:1\n      env: [{name: PORT, value: "9090"}]\n' },
    { name: 'same name in two documents', code: deploy('            - name: A\n              value: "1"\n') + '---\n' + deploy('            - name: A\n              value: "2"\n') },
  ],
  invalid: [
    {
      name: 'an entry in between expands the earlier value: no fix',
      code: deploy('            - name: HOST\n              value: db\n            - name: URL\n              value: "postgres://$(HOST)/app"\n            - name: HOST\n              value: cache\n'),
      errors: [{ line: 20, column: 21, message: 'already set on line 16' }],
      output: null,
    },
    {
      name: 'secretKeyRef overridden by a literal: earlier entry removed',
      code: deploy('            - name: DB_HOST\n              value: db\n            - name: LOG_LEVEL\n              valueFrom:\n                configMapKeyRef: {name: web, key: level}\n            # overridden below\n            - name: LOG_LEVEL\n              value: debug\n'),
      errors: [{ line: 22, column: 21, endLine: 22, endColumn: 30, message: 'already set on line 18' }],
      output: deploy('            - name: DB_HOST\n              value: db\n            # overridden below\n            - name: LOG_LEVEL\n              value: debug\n'),
    },
    {
      name: 'three times: two findings, two removals',
      code: deploy('            - {name: A, value: "1"}\n            - name: A\n              value: "2"\n            - name: A\n              value: "3"\n'),
      errors: [{ line: 17, column: 21 }, { line: 19, column: 21 }],
      output: deploy('            - name: A\n              value: "3"\n'),
    },
    {
      name: 'flow sequence: reported without a fix',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: x:1\n      env: [{name: PORT, value: "8080"}, {name: PORT, value: "9090"}]\n',
      errors: [{ line: 8, column: 49, endColumn: 53 }],
      output: null,
    },
  ],
});
