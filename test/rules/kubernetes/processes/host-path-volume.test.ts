import rule from '../../../../server/src/core/rules/kubernetes/processes/host-path-volume';
import { testRule } from '../../../helpers/rule-tester';

const withVolumes = (volumes: string, kind = 'Deployment') => `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: shop/web:3.0.1
      volumes:
${volumes}`;

testRule(rule, {
  valid: [
    { name: "the node's whole file system, mounted to run its GPU tool", code: withVolumes('        - name: host-root\n          hostPath:\n            path: /\n') },
    { name: 'log shipper DaemonSet reading node logs and the runtime socket', code: withVolumes('        - name: varlog\n          hostPath: {path: /var/log}\n        - name: sock\n          hostPath: {path: /var/run/containerd/containerd.sock}\n', 'DaemonSet') },
    {
      name: 'monitoring agent as a ReplicationController: runtime socket, kernel modules and the CA bundle',
      code: withVolumes('        - name: sock\n          hostPath: {path: /var/run/docker.sock}\n        - name: modules\n          hostPath: {path: /lib/modules}\n        - name: certs\n          hostPath: {path: /etc/ssl/certs}\n', 'ReplicationController').replace('apps/v1', 'v1'),
    },
    {
      name: 'a host directory every container mounts read-only holds no state of the app',
      code: withVolumes('        - name: shared-config\n          hostPath: {path: /srv/shared-config}\n').replace('          image: shop/web:3.0.1\n', '          image: shop/web:3.0.1\n          volumeMounts:\n            - {name: shared-config, mountPath: /config, readOnly: true}\n'),
    },
    { name: 'time zone and devices carry no state', code: withVolumes('        - name: tz\n          hostPath: {path: /etc/localtime, type: File}\n        - name: fuse\n          hostPath: {path: /dev/fuse}\n') },
    { name: 'PVC and emptyDir are other matters', code: withVolumes('        - name: data\n          persistentVolumeClaim: {claimName: web-data}\n        - name: tmp\n          emptyDir: {}\n') },
    { name: 'Helm templated path', code: withVolumes('        - name: data\n          hostPath:\n            path: {{ .Values.hostDir }}\n') },
  ],
  invalid: [
    {
      name: 'uploads on the node',
      code: withVolumes('        - name: uploads\n          hostPath:\n            path: /srv/web/uploads\n            type: DirectoryOrCreate\n'),
      errors: [{ line: 18, column: 19, endLine: 18, endColumn: 35, message: 'Volume `uploads`' }],
    },
    {
      name: 'session files on the node, flow style',
      code: withVolumes('        - {name: sessions, hostPath: {path: /var/lib/web/sessions}}\n'),
      errors: [{ line: 16, column: 45 }],
    },
    {
      name: 'a Job in a multi-document file',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n---\napiVersion: batch/v1\nkind: Job\nmetadata: {name: export}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - {name: export, image: "shop/export:1.0.0"}\n      volumes:\n        - name: out\n          hostPath:\n            path: /mnt/exports\n',
      errors: [{ line: 17, column: 19, message: '`/mnt/exports`' }],
    },
  ],
});
