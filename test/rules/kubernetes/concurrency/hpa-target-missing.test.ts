import rule from '../../../../server/src/core/rules/kubernetes/concurrency/hpa-target-missing';
import { testRule } from '../../../helpers/rule-tester';

const deployment = (name: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  template:
    spec:
      containers:
        - name: app
          image: shop/app:1.0.0
`;
const hpa = (target: string, kind = 'Deployment') => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: hpa
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: ${kind}
    name: ${target}
  maxReplicas: 5
`;

testRule(rule, {
  valid: [
    { name: 'target present', code: `${deployment('web')}---\n${hpa('web')}` },
    { name: 'no Deployments known: target may live elsewhere', code: hpa('web') },
    { name: 'target in another file', code: hpa('web'), workspace: [{ filename: 'd.yaml', code: deployment('web') }] },
    { name: 'other kind known only', code: `${deployment('web')}---\n${hpa('db', 'StatefulSet')}` },
  ],
  invalid: [
    { name: 'typo in the same file', code: `${deployment('web')}---\n${hpa('webb')}`, errors: [{ line: 20, column: 11, endLine: 20, endColumn: 15, messageId: 'missing', message: 'known: `web`' }] },
    { name: 'renamed workload in another file', code: hpa('frontend'), workspace: [{ filename: 'd.yaml', code: `${deployment('web')}---\n${deployment('worker')}` }], errors: [{ line: 9, column: 11, message: '`web`, `worker`' }] },
    {
      name: 'flow-style ref',
      code: `${deployment('api')}---\napiVersion: autoscaling/v1\nkind: HorizontalPodAutoscaler\nmetadata: {name: x}\nspec:\n  scaleTargetRef: {kind: Deployment, name: api-v2}\n  maxReplicas: 3\n`,
      errors: [{ line: 16, column: 44 }],
    },
  ],
});
