import rule from '../../../../server/src/core/rules/kubernetes/processes/emptydir-for-data';
import { testRule } from '../../../helpers/rule-tester';

const deploy = (mounts: string, volumes: string, image = 'shop/web:3.0.1', kind = 'Deployment') => `apiVersion: apps/v1
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
          image: ${image}
          volumeMounts:
${mounts}      volumes:
${volumes}`;

testRule(rule, {
  valid: [
    { name: 'scratch paths', code: deploy('            - {name: tmp, mountPath: /tmp}\n            - {name: cache, mountPath: /app/data/cache}\n            - {name: run, mountPath: /var/run/app}\n', '        - {name: tmp, emptyDir: {}}\n        - {name: cache, emptyDir: {medium: Memory}}\n        - {name: run, emptyDir: {}}\n') },
    { name: 'data on a PVC', code: deploy('            - {name: data, mountPath: /data}\n', '        - name: data\n          persistentVolumeClaim: {claimName: web-data}\n') },
    { name: 'a datastore on emptyDir is the backing-services rule', code: deploy('            - {name: data, mountPath: /var/lib/postgresql/data}\n', '        - {name: data, emptyDir: {}}\n', 'postgres:16.3', 'StatefulSet') },
    { name: 'static files shared with an init container', code: deploy('            - {name: html, mountPath: /usr/share/nginx/html}\n', '        - {name: html, emptyDir: {}}\n') },
    { name: 'scratch paths a cache or a temp setting names, and a data folder on another mount', code: deploy('            - {name: cache, mountPath: /tmp/cache}\n            - {name: scratch, mountPath: /tmp/work}\n          env:\n            - {name: CACHE_DIR, value: /tmp/cache}\n            - {name: DATA_DIR, value: /srv/app-data}\n            - {name: TMP_PATH, value: /tmp/work}\n', '        - {name: cache, emptyDir: {}}\n        - {name: scratch, emptyDir: {}}\n') },
  ],
  invalid: [
    {
      name: 'uploads on emptyDir',
      code: deploy('            - name: uploads\n              mountPath: /app/public/uploads\n', '        - name: uploads\n          emptyDir: {}\n'),
      errors: [{ line: 17, column: 26, endLine: 17, endColumn: 45, message: '`/app/public/uploads`' }],
    },
    {
      name: '/data and /var/lib/app',
      code: deploy('            - {name: data, mountPath: /data}\n            - {name: state, mountPath: /var/lib/web}\n', '        - {name: data, emptyDir: {}}\n        - {name: state, emptyDir: {sizeLimit: 1Gi}}\n'),
      errors: [{ line: 16, column: 39 }, { line: 17, column: 40 }],
    },
    {
      name: 'sessions in a bare Pod',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: php}\nspec:\n  containers:\n    - name: php\n      image: shop/php-app:5.2.0\n      volumeMounts:\n        - {name: sess, mountPath: /var/lib/php/sessions}\n  volumes:\n    - {name: sess, emptyDir: {}}\n',
      errors: [{ line: 9, column: 35, message: 'emptyDir volume `sess`' }],
    },
    {
      name: 'a scratch-named path the container\'s settings name as its data folder (timetagger\'s TIMETAGGER_DATADIR)',
      code: deploy('            - {name: timetagger, mountPath: /tmp/timedata}\n          env:\n            - {name: TIMETAGGER_DATADIR, value: /tmp/timedata}\n', '        - {name: timetagger, emptyDir: {}}\n'),
      errors: [{ line: 16, column: 45, message: '`/tmp/timedata`' }],
    },
  ],
});
