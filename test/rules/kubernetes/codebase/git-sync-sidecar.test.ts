import rule from '../../../../server/src/core/rules/kubernetes/codebase/git-sync-sidecar';
import { testRule } from '../../../helpers/rule-tester';

const pod = (containers: string, kind = 'Deployment', api = 'apps/v1') => `apiVersion: ${api}
kind: ${kind}
metadata:
  name: docs
spec:
  selector:
    matchLabels: {app: docs}
  template:
    metadata:
      labels: {app: docs}
    spec:
${containers}`;

testRule(rule, {
  valid: [
    { name: 'plain nginx serving a built site', code: pod('      containers:\n        - name: web\n          image: registry.example.com/docs/site:2024.06.1\n') },
    { name: 'Helm templated image', code: pod('      containers:\n        - name: sync\n          image: "{{ .Values.sync.image }}"\n') },
    { name: 'CRD with a git-sync image is skipped', code: pod('      containers:\n        - name: sync\n          image: registry.k8s.io/git-sync/git-sync:v4.2.1\n', 'Deployment', 'example.com/v1') },
    { name: 'image merely named after git', code: pod('      containers:\n        - name: gitea\n          image: gitea/gitea:1.22.0\n') },
  ],
  invalid: [
    {
      name: 'git-sync sidecar next to nginx',
      code: pod('      containers:\n        - name: web\n          image: nginx:1.27\n        - name: sync\n          image: registry.k8s.io/git-sync/git-sync:v4.2.1\n'),
      errors: [{ line: 16, column: 18, endLine: 16, endColumn: 58, messageId: 'sidecar', message: 'Container `sync`' }],
    },
    {
      name: 'one-shot git-sync as init container',
      code: pod('      initContainers:\n        - name: fetch\n          image: k8s.gcr.io/git-sync:v3.1.6\n      containers:\n        - name: web\n          image: nginx:1.27\n'),
      errors: [{ line: 14, column: 18, messageId: 'init' }],
    },
    {
      name: 'native sidecar (restartPolicy Always) in a Pod',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: airflow\nspec:\n  initContainers:\n    - name: dags\n      image: registry.k8s.io/git-sync/git-sync:v4.1.0\n      restartPolicy: Always\n  containers:\n    - name: scheduler\n      image: apache/airflow:2.9.2\n',
      errors: [{ line: 8, column: 14, messageId: 'sidecar' }],
    },
  ],
});
