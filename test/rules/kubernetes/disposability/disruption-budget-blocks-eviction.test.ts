import rule from '../../../../server/src/core/rules/kubernetes/disposability/disruption-budget-blocks-eviction';
import { testRule } from '../../../helpers/rule-tester';

const pdb = (budget: string) => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  ${budget}
  selector:
    matchLabels:
      app: web
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
    { name: 'one pod may go', code: pdb('maxUnavailable: 1') },
    { name: 'minAvailable below the replica count', code: `${pdb('minAvailable: 2')}---\n${deployment(3)}` },
    { name: 'a share that leaves room', code: pdb('minAvailable: 50%') },
    { name: 'autoscaled workload: minAvailable below the autoscaler floor', code: `${pdb('minAvailable: 1')}---\n${deployment(2)}---\n${hpa}` },
    { name: 'autoscaled workload: a share that rounds below the floor (50% of 2 is 1)', code: `${pdb('minAvailable: 50%')}---\n${deployment(2)}---\n${hpa}` },
    { name: 'a KEDA ScaledObject may scale to zero: not compared', code: `${pdb('minAvailable: 2')}---\n${deployment(2)}---\napiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {name: web}\n  minReplicaCount: 2\n` },
    { name: 'a share below the replica count (60% of 5 keeps 3)', code: `${pdb('minAvailable: 60%')}---\n${deployment(5)}` },
    { name: 'selector matches no workload in the workspace', code: `${pdb('minAvailable: 3')}---\n${deployment(3).replace(/app: web/g, 'app: api')}` },
    { name: 'Helm template value', code: pdb('maxUnavailable: "{{ .Values.pdb.maxUnavailable }}"') },
  ],
  invalid: [
    {
      name: 'minAvailable equal to the autoscaler\'s minReplicas',
      code: `${pdb('minAvailable: 2')}---\n${deployment(2)}---\n${hpa}`,
      errors: [{ line: 6, column: 17, endLine: 6, endColumn: 18, messageId: 'minAvailableHpaFloor', message: '`minReplicas: 2`' }],
    },
    {
      name: 'a share that rounds up to every pod at the autoscaler floor (60% of 2 is 2)',
      code: `${pdb('minAvailable: 60%')}---\n${deployment()}---\n${hpa}`,
      errors: [{ line: 6, column: 17, messageId: 'minAvailableHpaFloor' }],
    },
    {
      name: 'a share that rounds up to every replica (80% of 3 is 3)',
      code: `${pdb('minAvailable: 80%')}---\n${deployment(3)}`,
      errors: [{ line: 6, column: 17, messageId: 'minAvailableAll', message: 'keeps all 3 pods of' }],
    },
    { name: 'maxUnavailable 0', code: pdb('maxUnavailable: 0'), errors: [{ line: 6, column: 19, endLine: 6, endColumn: 20, messageId: 'maxUnavailableZero' }] },
    { name: 'minAvailable 100%', code: pdb('minAvailable: "100%"'), errors: [{ line: 6, column: 17, messageId: 'minAvailableHundred' }] },
    {
      name: 'minAvailable equals the replicas of the Deployment in another file',
      code: pdb('minAvailable: 2'),
      workspace: [{ filename: 'deployment.yaml', code: deployment(2) }],
      errors: [{ line: 6, column: 17, messageId: 'minAvailableAll', message: 'Deployment `web`' }],
    },
    { name: 'minAvailable 1 with the default single replica', code: `${deployment()}---\n${pdb('minAvailable: 1')}`, errors: [{ line: 21, column: 17, messageId: 'minAvailableAll', message: 'keeps the only pod of Deployment `web`' }] },
    {
      // kasbench/globeco-portfolio-accounting-service (review set 89): two available pods asked of one Hazelcast pod.
      name: 'minAvailable above the replica count',
      code: `${deployment(1)}---\n${pdb('minAvailable: 2')}`,
      errors: [{ line: 22, column: 17, messageId: 'minAvailableAll', message: '`minAvailable: 2` asks for more available pods than the 1 pod of Deployment `web`' }],
    },
  ],
});
