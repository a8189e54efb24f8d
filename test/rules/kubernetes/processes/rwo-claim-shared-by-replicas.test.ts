import rule from '../../../../server/src/core/rules/kubernetes/processes/rwo-claim-shared-by-replicas';
import { testRule } from '../../../helpers/rule-tester';

const deploy = (replicas: string, kind = 'Deployment') => `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: web
spec:
${replicas}  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: shop/web:3.0.1
          volumeMounts: [{name: media, mountPath: /srv/media}]
      volumes:
        - name: media
          persistentVolumeClaim:
            claimName: web-media
`;
const pvc = (mode: string) => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: web-media
spec:
  accessModes: [${mode}]
  resources: {requests: {storage: 10Gi}}
`;
const hpa = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 10
`;

/** A second Deployment, `worker`, whose pods mount the claim too (Thumbscrew's gramps-web chart: its web and Celery). */
const worker = (claim = '            claimName: web-media\n') => deploy('  replicas: 1\n').replace(/web/g, 'worker').replace('            claimName: worker-media\n', claim);

testRule(rule, {
  valid: [
    { name: 'one replica', code: deploy('  replicas: 1\n') + '---\n' + pvc('ReadWriteOnce') },
    { name: 'ReadWriteMany is shareable', code: deploy('  replicas: 3\n') + '---\n' + pvc('ReadWriteMany') },
    { name: 'claim unknown to the workspace', code: deploy('  replicas: 3\n') },
    { name: 'HPA in another file targets another Deployment', code: deploy(''), workspace: [{ filename: 'hpa.yaml', code: hpa.replace('kind: Deployment, name: web}', 'kind: Deployment, name: api}') }, { filename: 'pvc.yaml', code: pvc('ReadWriteOnce') }] },
    { name: 'claim in another namespace', code: deploy('  replicas: 3\n').replace('  name: web\n', '  name: web\n  namespace: shop\n'), workspace: [{ filename: 'pvc.yaml', code: pvc('ReadWriteOnce').replace('  name: web-media\n', '  name: web-media\n  namespace: other\n') }] },
    { name: 'a worker mounting the claim read-only', code: deploy('  replicas: 1\n') + '---\n' + pvc('ReadWriteOnce'), workspace: [{ filename: 'worker.yaml', code: worker('            claimName: web-media\n            readOnly: true\n') }] },
    { name: 'a second workload with a ReadWriteMany claim', code: deploy('  replicas: 1\n') + '---\n' + pvc('ReadWriteMany'), workspace: [{ filename: 'worker.yaml', code: worker() }] },
    {
      name: 'a bare Pod mounting the claim is a one-off task, not a second workload (a model export after training)',
      code: deploy('  replicas: 1\n') + '---\n' + pvc('ReadWriteOnce'),
      workspace: [{ filename: 'export.yaml', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: export}\nspec:\n  containers: [{name: export, image: shop/export:1.0.0}]\n  volumes:\n    - name: media\n      persistentVolumeClaim: {claimName: web-media}\n' }],
    },
  ],
  invalid: [
    {
      name: 'three replicas on an RWO claim in the same file',
      code: deploy('  replicas: 3\n') + '---\n' + pvc('ReadWriteOnce'),
      errors: [{ line: 20, column: 24, endLine: 20, endColumn: 33, message: 'runs 3 replicas' }],
    },
    {
      name: 'HPA and PVC in other files',
      code: deploy(''),
      workspace: [{ filename: 'hpa.yaml', code: hpa }, { filename: 'storage/pvc.yaml', code: pvc('ReadWriteOnce') }],
      errors: [{ line: 19, column: 24, message: 'up to 10 replicas (HorizontalPodAutoscaler `web`)' }],
    },
    {
      name: 'ReadWriteOncePod claim on a StatefulSet volume (not a claim template)',
      code: deploy('  replicas: 2\n', 'StatefulSet'),
      workspace: [{ filename: 'pvc.yaml', code: pvc('ReadWriteOncePod') }],
      errors: [{ line: 20, column: 24, message: 'declared in pvc.yaml' }],
    },
    {
      name: 'claim in a file whose URI has an escape (%20): named decoded',
      code: deploy('  replicas: 2\n', 'StatefulSet'),
      workspace: [{ filename: 'my%20pvc.yaml', code: pvc('ReadWriteOnce') }],
      errors: [{ line: 20, column: 24, message: 'declared in my pvc.yaml' }],
    },
    {
      name: 'claim in a file whose URI has a malformed escape (the rule used to fail on it)',
      code: deploy('  replicas: 2\n', 'StatefulSet'),
      workspace: [{ filename: 'pvc%zz.yaml', code: pvc('ReadWriteOnce') }],
      errors: [{ line: 20, column: 24, message: 'declared in pvc%zz.yaml' }],
    },
    {
      name: 'two Deployments of one replica each mount one ReadWriteOnce claim',
      code: deploy('  replicas: 1\n') + '---\n' + pvc('ReadWriteOnce'),
      workspace: [{ filename: 'worker.yaml', code: worker() }],
      errors: [{ line: 20, column: 24, endColumn: 33, messageId: 'sharedWithWorkload', message: 'that Deployment `worker` mounts too' }],
    },
  ],
});
