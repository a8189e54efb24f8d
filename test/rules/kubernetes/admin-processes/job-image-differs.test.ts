import rule from '../../../../server/src/core/rules/kubernetes/admin-processes/job-image-differs';
import { testRule } from '../../../helpers/rule-tester';
import { deploymentYaml } from '../../../helpers/manifests';

const app = (image: string) => deploymentYaml({ name: 'web', image });
const job = (image: string) => `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: ${image}
          command: ["python", "manage.py", "migrate"]
`;

testRule(rule, {
  valid: [
    { name: 'same tag', code: `${app('registry.example.com/shop/web:1.4.2')}---\n${job('registry.example.com/shop/web:1.4.2')}` },
    { name: 'other repository (a tool image)', code: job('postgres:16.3'), workspace: [{ filename: 'web.yaml', code: app('shop/web:1.4.2') }] },
    { name: 'no app in the workspace', code: job('shop/web:1.3.0') },
    { name: 'tool image shared with a sidecar is not the app', code: `${app('shop/web:1.4.2').replace('image: shop/web:1.4.2', 'image: shop/web:1.4.2\n        - name: tail\n          image: busybox:1.36.1')}---\n${job('busybox:1.35.0')}` },
    { name: 'same digest', code: `${app('shop/web@sha256:abc123')}---\n${job('shop/web@sha256:abc123')}` },
    // giddy87/PostgresOps-Backup-and-Restore: the backup CronJob's postgres:9.6 beside a postgres:9.6-alpine workload.
    { name: 'the same release built on another base', code: `${app('postgres:9.6-alpine')}---\n${job('postgres:9.6')}` },
  ],
  invalid: [
    { name: 'older tag in the same file', code: `${app('registry.example.com/shop/web:1.4.2')}---\n${job('registry.example.com/shop/web:1.3.0')}`, errors: [{ line: 22, column: 18, endLine: 22, endColumn: 53, messageId: 'differs', message: '`registry.example.com/shop/web:1.4.2`' }] },
    {
      name: 'CronJob in another file than the app',
      code: 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: report}\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - name: report\n              image: shop/web:1.4.1\n',
      workspace: [{ filename: 'web.yaml', code: app('shop/web:1.4.2') }],
      errors: [{ line: 12, column: 22, message: 'CronJob runs' }],
    },
    { name: 'tag versus digest', code: `${app('shop/web@sha256:abc123')}---\n${job('shop/web:1.4.2')}`, errors: [{ line: 22, column: 18 }] },
    { name: 'another release, both on alpine', code: `${app('postgres:16-alpine')}---\n${job('postgres:9.6-alpine')}`, errors: [{ line: 22, column: 18, message: '`postgres:16-alpine`' }] },
  ],
});
