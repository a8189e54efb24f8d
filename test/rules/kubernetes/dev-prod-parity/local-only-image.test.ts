import rule from '../../../../server/src/core/rules/kubernetes/dev-prod-parity/local-only-image';
import { testRule } from '../../../helpers/rule-tester';
import { deploymentYaml } from '../../../helpers/manifests';

const pod = (image: string, extra = '') => deploymentYaml({ name: 'api', image }, extra);

testRule(rule, {
  valid: [
    { name: 'real registry', code: pod('registry.example.com/shop/api:3.2.0') },
    { name: 'IfNotPresent', code: pod('shop/api:3.2.0', '          imagePullPolicy: IfNotPresent\n') },
    { name: 'registry with a port that is not local', code: pod('registry.internal:5000/shop/api:3.2.0') },
  ],
  invalid: [
    { name: 'pull policy Never', code: pod('shop/api:dev', '          imagePullPolicy: Never\n'), errors: [{ line: 11, column: 28, endLine: 11, endColumn: 33, messageId: 'never' }] },
    { name: 'localhost registry', code: pod('localhost:5000/shop/api:3.2.0'), errors: [{ line: 10, column: 18, messageId: 'localhost', message: '`localhost:5000`' }] },
    {
      name: 'init container from 127.0.0.1 in a CronJob',
      code: 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          initContainers:\n            - name: init\n              image: "127.0.0.1:5001/tools:1.0"\n          containers:\n            - name: run\n              image: shop/run:1.0\n',
      errors: [{ line: 12, column: 22 }],
    },
  ],
});
