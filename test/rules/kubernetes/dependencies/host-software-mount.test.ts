import rule from '../../../../server/src/core/rules/kubernetes/dependencies/host-software-mount';
import { testRule } from '../../../helpers/rule-tester';

const withVolumes = (volumes: string, kind = 'Deployment') => `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: ci-runner
spec:
  selector:
    matchLabels: {app: ci-runner}
  template:
    metadata:
      labels: {app: ci-runner}
    spec:
      containers:
        - name: runner
          image: shop/runner:3.1.0
      volumes:
${volumes}`;

testRule(rule, {
  valid: [
    { name: 'node agent DaemonSet installing CNI binaries', code: withVolumes('        - name: cni-bin\n          hostPath: {path: /opt/cni/bin}\n', 'DaemonSet') },
    { name: 'kernel modules are not app software', code: withVolumes('        - name: modules\n          hostPath:\n            path: /lib/modules\n') },
    { name: 'data hostPath is another factor', code: withVolumes('        - name: data\n          hostPath:\n            path: /srv/data\n') },
    { name: 'Helm templated path', code: withVolumes('        - name: tools\n          hostPath:\n            path: "{{ .Values.toolsPath }}"\n') },
  ],
  invalid: [
    {
      name: 'docker CLI from the node',
      code: withVolumes('        - name: docker-cli\n          hostPath:\n            path: /usr/bin/docker\n            type: File\n'),
      errors: [{ line: 18, column: 19, endLine: 18, endColumn: 34 }],
    },
    {
      name: 'flow style /usr/lib and /opt',
      code: withVolumes('        - {name: libs, hostPath: {path: /usr/lib/x86_64-linux-gnu}}\n        - name: opt\n          hostPath: {path: /opt/tools}\n'),
      errors: [{ line: 16, column: 41 }, { line: 18, column: 28, message: '`/opt/tools`' }],
    },
    {
      name: 'bare Pod mounting /usr/local/bin',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: debug}\nspec:\n  containers:\n    - name: sh\n      image: busybox:1.36\n  volumes:\n    - name: bin\n      hostPath:\n        path: /usr/local/bin/\n',
      errors: [{ line: 11, column: 15, message: 'Volume `bin`' }],
    },
  ],
});
