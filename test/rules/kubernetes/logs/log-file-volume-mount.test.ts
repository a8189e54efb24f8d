import rule from '../../../../server/src/core/rules/kubernetes/logs/log-file-volume-mount';
import { testRule } from '../../../helpers/rule-tester';

const pod = (mounts: string, volumes: string, kind = 'Deployment') => `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27.0
          volumeMounts:
${mounts}      volumes:
${volumes}`;

testRule(rule, {
  valid: [
    { name: 'data mount', code: pod('            - {name: cache, mountPath: /var/cache/nginx}\n', '        - {name: cache, emptyDir: {}}\n') },
    { name: 'node agent DaemonSet reading host logs', code: pod('            - {name: varlog, mountPath: /var/log}\n', '        - name: varlog\n          hostPath: {path: /var/log}\n', 'DaemonSet') },
    { name: 'read-only mount (a reader)', code: pod('            - name: logs\n              mountPath: /app/logs\n              readOnly: true\n', '        - {name: logs, emptyDir: {}}\n') },
    { name: 'catalog path containing log in a word', code: pod('            - {name: c, mountPath: /srv/catalog}\n', '        - {name: c, configMap: {name: catalog}}\n') },
  ],
  invalid: [
    { name: 'emptyDir at /var/log/nginx', code: pod('            - name: logs\n              mountPath: /var/log/nginx\n', '        - name: logs\n          emptyDir: {}\n'), errors: [{ line: 13, column: 26, endLine: 13, endColumn: 40, messageId: 'mount' }] },
    { name: 'claim at /app/logs', code: pod('            - {name: applogs, mountPath: /app/logs}\n', '        - name: applogs\n          persistentVolumeClaim: {claimName: app-logs}\n'), errors: [{ line: 12, column: 42, message: 'volume `applogs`' }] },
    { name: 'StatefulSet at /var/log', code: pod('            - {name: l, mountPath: "/var/log"}\n', '        - {name: l, emptyDir: {}}\n', 'StatefulSet'), errors: [{ line: 12, column: 36 }] },
  ],
});
