import rule from '../../../../server/src/core/rules/kubernetes/disposability/recreate-strategy';
import { testRule } from '../../../helpers/rule-tester';

const deployment = (strategy: string, volumes = '') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n${strategy}  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n${volumes}      containers:\n        - name: web\n          image: web:1\n`;
const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports:\n    - port: 80\n';

testRule(rule, {
  valid: [
    { name: 'rolling update', code: deployment('  strategy:\n    type: RollingUpdate\n    rollingUpdate: {maxUnavailable: 25%}\n'), workspace: [{ filename: 'svc.yaml', code: service }] },
    { name: 'Recreate with a ReadWriteOnce claim', code: deployment('  strategy:\n    type: Recreate\n', '      volumes:\n        - name: data\n          persistentVolumeClaim: {claimName: data}\n'), workspace: [{ filename: 'svc.yaml', code: service }] },
    { name: 'Recreate on a worker no Service selects', code: deployment('  strategy:\n    type: Recreate\n') },
  ],
  invalid: [
    { name: 'Recreate behind a Service', code: deployment('  strategy:\n    type: Recreate\n'), workspace: [{ filename: 'svc.yaml', code: service }], errors: [{ line: 8, column: 11, endColumn: 19, messageId: 'recreate' }] },
    { name: 'maxUnavailable 100%', code: deployment('  strategy:\n    rollingUpdate:\n      maxUnavailable: 100%\n') + '---\n' + service, errors: [{ line: 9, column: 23, endColumn: 27, messageId: 'allUnavailable' }] },
    { name: 'flow style', code: deployment('  strategy: {type: Recreate}\n'), workspace: [{ filename: 'svc.yaml', code: service }], errors: [{ line: 7, column: 20, endColumn: 28 }] },
  ],
});
