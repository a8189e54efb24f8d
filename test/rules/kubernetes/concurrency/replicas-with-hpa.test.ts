import rule from '../../../../server/src/core/rules/kubernetes/concurrency/replicas-with-hpa';
import { testRule } from '../../../helpers/rule-tester';

const deployment = (replicas: string, kind = 'Deployment') => `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: web
spec:
${replicas}  template:
    spec:
      containers:
        - name: web
          image: shop/web:1.4.2
`;
const hpa = (target = 'web', kind = 'Deployment') => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: ${kind}, name: ${target}}
  minReplicas: 2
  maxReplicas: 10
`;

testRule(rule, {
  valid: [
    { name: 'HPA and no replicas', code: `${deployment('')}---\n${hpa()}` },
    { name: 'replicas without HPA', code: deployment('  replicas: 3\n') },
    { name: 'HPA targets another Deployment', code: `${deployment('  replicas: 3\n')}---\n${hpa('api')}` },
    { name: 'Helm template: guards are invisible', code: `${deployment('  replicas: 3\n')}---\n${hpa()}`.replace('name: web\nspec:\n  replicas', 'name: {{ .Release.Name }}-web\nspec:\n  replicas'), filename: 'chart/templates/web.yaml' },
  ],
  invalid: [
    { name: 'same file', code: `${deployment('  replicas: 3\n')}---\n${hpa()}`, errors: [{ line: 6, column: 3, endLine: 6, endColumn: 14, messageId: 'replicas' }] },
    { name: 'HPA in another file', code: deployment('  replicas: 2 # baseline\n'), workspace: [{ filename: 'hpa.yaml', code: hpa() }], errors: [{ line: 6, column: 3, message: 'HorizontalPodAutoscaler `web`' }] },
    {
      name: 'KEDA ScaledObject on a StatefulSet',
      code: deployment('  replicas: 1\n', 'StatefulSet'),
      workspace: [{ filename: 'keda.yaml', code: 'apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {kind: StatefulSet, name: web}\n  triggers: []\n' }],
      errors: [{ line: 6, column: 3, message: 'ScaledObject' }],
    },
  ],
});
