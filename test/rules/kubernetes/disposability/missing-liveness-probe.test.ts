import rule from '../../../../server/src/core/rules/kubernetes/disposability/missing-liveness-probe';
import { testRule } from '../../../helpers/rule-tester';

const workload = (containers: string, kind = 'Deployment') => `apiVersion: ${kind === 'Job' ? 'batch/v1' : 'apps/v1'}
kind: ${kind}
metadata:
  name: worker
spec:
  selector:
    matchLabels: {app: worker}
  template:
    metadata:
      labels: {app: worker}
    spec:
${containers}`;

const service = `apiVersion: v1
kind: Service
metadata: {name: worker}
spec:
  selector: {app: worker}
  ports: [{port: 80}]
`;

testRule(rule, {
  valid: [
    { name: 'a liveness probe', code: workload('      containers:\n        - name: worker\n          image: shop/worker:2.0.1\n          livenessProbe:\n            httpGet: {path: /healthz, port: 8080}\n') },
    { name: 'a startup probe only', code: workload('      containers:\n        - name: worker\n          image: shop/worker:2.0.1\n          startupProbe:\n            tcpSocket: {port: 8080}\n') },
    { name: 'a Job runs to completion', code: workload('      restartPolicy: Never\n      containers:\n        - name: worker\n          image: shop/worker:2.0.1\n', 'Job') },
    { name: 'served with no readiness probe: the readiness rule speaks', code: `${workload('      containers:\n        - name: worker\n          image: shop/worker:2.0.1\n')}---\n${service}` },
    { name: 'an installer DaemonSet kept open by the pause image', code: workload('      initContainers:\n        - name: install\n          image: shop/driver-installer:1.2.0\n      containers:\n        - name: pause\n          image: registry.k8s.io/pause:3.9\n', 'DaemonSet') },
    { name: 'a periodic shell loop', code: workload('      containers:\n        - name: sync\n          image: busybox:1.36\n          command: ["/bin/sh", "-c", "while true; do cp /src/* /dst/; sleep 60; done"]\n', 'DaemonSet') },
    { name: 'a GPU check loop written with while [ 1 ]', code: workload('      containers:\n        - name: ctr\n          image: ubuntu:22.04\n          command: ["bash", "-c"]\n          args: ["while [ 1 ]; do nvidia-smi -L || echo Waiting...; sleep 30; done"]\n') },
    { name: 'an idle toolbox container', code: workload('      containers:\n        - name: toolbox\n          image: postgres:16.3\n          command: ["sleep", "infinity"]\n') },
  ],
  invalid: [
    {
      name: 'a queue worker with no probe at all',
      code: workload('      initContainers:\n        - name: wait\n          image: busybox:1.36\n      containers:\n        - name: worker\n          image: shop/worker:2.0.1\n          args: ["--queue", "orders"]\n'),
      errors: [{ line: 16, column: 17, endLine: 16, endColumn: 23, messageId: 'missing' }],
    },
    {
      name: 'a served container with a readiness probe but no liveness probe',
      code: `${workload('      containers:\n        - name: worker\n          image: shop/worker:2.0.1\n          readinessProbe:\n            httpGet: {path: /ready, port: 8080}\n')}---\n${service}`,
      errors: [{ line: 13, column: 17, message: 'Container `worker`' }],
    },
    {
      name: 'a DaemonSet agent (second container without probe)',
      code: workload('      containers:\n        - name: agent\n          image: shop/agent:1.0.0\n          livenessProbe:\n            tcpSocket: {port: 9100}\n        - name: reloader\n          image: shop/reloader:0.4.1\n', 'DaemonSet'),
      errors: [{ line: 17, column: 17, message: 'Container `reloader`' }],
    },
  ],
});
