import rule from '../../../../server/src/core/rules/kubernetes/disposability/missing-disruption-budget';
import { testRule } from '../../../helpers/rule-tester';

const service = `apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
`;

const deployment = (replicas?: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
${replicas === undefined ? '' : `  replicas: ${replicas}\n`}  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: shop/web:3.2.0
`;

const budget = (selector: string) => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec:
  maxUnavailable: 1
  selector:
    ${selector}
`;

const hpa = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 10
`;

testRule(rule, {
  valid: [
    { name: 'a budget in another file selects the pods', code: `${deployment(3)}---\n${service}`, workspace: [{ filename: 'pdb.yaml', code: budget('matchLabels: {app: web}') }] },
    { name: 'one replica: a budget cannot keep it up', code: `${deployment(1)}---\n${service}` },
    { name: 'a replicated worker no Service selects', code: deployment(3) },
    { name: 'a budget with matchExpressions is not evaluated', code: `${deployment(3)}---\n${service}---\n${budget('matchExpressions: [{key: app, operator: In, values: [web]}]')}` },
    { name: 'a Helm template', code: `${deployment(3)}---\n${service}`, filename: 'templates/web.yaml' },
  ],
  invalid: [
    {
      name: 'three replicas behind a Service, no budget',
      code: `${deployment(3)}---\n${service}`,
      errors: [{ line: 6, column: 3, endLine: 6, endColumn: 14, messageId: 'missing', message: 'runs 3 replicas behind Service `web`' }],
    },
    {
      name: 'an autoscaled Deployment whose budget selects other pods',
      code: `${deployment()}---\n${service}---\n${hpa}---\n${budget('matchLabels: {app: api}')}`,
      errors: [{ line: 2, column: 7, endColumn: 17, message: 'autoscaled replicas' }],
    },
    {
      name: 'a StatefulSet whose budget in the same file selects another app',
      code: `${deployment(2).replace('kind: Deployment', 'kind: StatefulSet')}---\n${service}---\n${budget('matchLabels: {app: web, tier: cache}')}`,
      errors: [{ line: 6, column: 3, message: 'StatefulSet `web` runs 2 replicas' }],
    },
  ],
});
