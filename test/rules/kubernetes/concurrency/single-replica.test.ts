import rule from '../../../../server/src/core/rules/kubernetes/concurrency/single-replica';
import { testRule } from '../../../helpers/rule-tester';

const deployment = (replicas: string, image = 'web:1') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n${replicas}  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: ${image}\n`;
const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web-svc\nspec:\n  selector: {app: web}\n  ports:\n    - port: 80\n';
const hpa = 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 2\n  maxReplicas: 5\n';

testRule(rule, {
  valid: [
    { name: 'three replicas', code: deployment('  replicas: 3\n'), workspace: [{ filename: 'svc.yaml', code: service }] },
    { name: 'one replica but autoscaled', code: deployment(''), workspace: [{ filename: 'svc.yaml', code: service }, { filename: 'hpa.yaml', code: hpa }] },
    { name: 'no Service selects it (a worker)', code: deployment('  replicas: 1\n') },
    { name: 'a Deployment on a claim', code: deployment('  replicas: 1\n').replace('    spec:\n      containers:', '    spec:\n      volumes:\n        - name: d\n          persistentVolumeClaim: {claimName: d}\n      containers:'), workspace: [{ filename: 'svc.yaml', code: service }] },
    { name: 'a database', code: deployment('', 'postgres:16'), workspace: [{ filename: 'svc.yaml', code: service }] },
  ],
  invalid: [
    { name: 'replicas: 1 behind a Service', code: deployment('  replicas: 1\n'), workspace: [{ filename: 'svc.yaml', code: service }], errors: [{ line: 6, column: 3, endColumn: 14, messageId: 'single', message: 'Service `web-svc` with `replicas: 1`' }] },
    { name: 'replicas unset', code: deployment('') + '---\n' + service, errors: [{ line: 2, column: 7, endColumn: 17, message: 'the default of one replica' }] },
    {
      name: 'a StatefulSet',
      code: deployment('  replicas: 1\n').replace('kind: Deployment', 'kind: StatefulSet'),
      workspace: [{ filename: 'svc.yaml', code: service }],
      errors: [{ line: 6, column: 3, endColumn: 14, message: 'StatefulSet `web`' }],
    },
  ],
});
