import rule from '../../../../server/src/core/rules/kubernetes/concurrency/missing-resource-requests';
import { testRule } from '../../../helpers/rule-tester';

const deployment = (container: string, kind = 'Deployment') => `apiVersion: apps/v1
kind: ${kind}
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: shop/web:1.4.2
${container}`;

testRule(rule, {
  valid: [
    {
      name: 'a Knative Service: scaled on requests in flight, defaults set cluster-wide',
      code: 'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: hello\nspec:\n  template:\n    spec:\n      containers:\n        - image: ghcr.io/knative/helloworld-go:1.0.0\n',
    },
    { name: 'requests set', code: deployment('          resources:\n            requests: {cpu: 250m, memory: 256Mi}\n') },
    { name: 'limits only (copied into requests)', code: deployment('          resources:\n            limits:\n              cpu: "1"\n              memory: 512Mi\n') },
    { name: 'bare Pod: nothing scales it', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: app\n      image: shop/app:1.0.0\n' },
    { name: 'toolbox container that only idles', code: deployment('          command: ["sleep", "infinity"]\n') },
    { name: 'toolbox that idles for ten years, written in days (Istio notsleep)', code: deployment('          command: ["/bin/sleep", "3650d"]\n') },
    { name: 'toolbox kept alive by tail', code: deployment('          command: [sh, -c, "apt-get update; tail -f /dev/null"]\n') },
    { name: 'container that owns a GPU', code: deployment('          resources:\n            limits:\n              nvidia.com/gpu: 1\n') },
    { name: 'a sidecar of a pod that owns TPU chips', code: deployment('          resources:\n            requests:\n              google.com/tpu: 4\n        - name: http\n          image: shop/http:1.0.0\n') },
    { name: 'container that requests TPU chips', code: deployment('          resources:\n            requests:\n              google.com/tpu: 4\n') },
    { name: 'Job runs to completion', code: deployment('', 'Job').replace('apps/v1', 'batch/v1') },
    {
      name: 'Kustomize patch without image',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n        - name: web\n          env: [{name: A, value: "1"}]\n',
    },
    {
      name: 'base whose requests come from an overlay patch',
      code: deployment(''),
      workspace: [{ filename: 'overlays/prod/patch-resources.yaml', code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          resources:\n            requests: {cpu: 500m, memory: 512Mi}\n' }],
    },
  ],
  invalid: [
    {
      name: 'no resources at all',
      code: deployment('          ports:\n            - containerPort: 8080 # http\n'),
      errors: [{ line: 10, column: 17, endLine: 10, endColumn: 20, messageId: 'missing', message: 'CPU or memory' }],
      output: deployment('          ports:\n            - containerPort: 8080 # http\n          resources:\n            requests:\n              cpu: 100m\n              memory: 128Mi\n'),
    },
    {
      name: 'a loop that sleeps between work is not an idle toolbox',
      code: deployment('          command: [sh, -c, "while true; do ./sync; sleep 3600; done"]\n'),
      errors: [{ line: 10, column: 17 }],
      output: deployment('          command: [sh, -c, "while true; do ./sync; sleep 3600; done"]\n          resources:\n            requests:\n              cpu: 100m\n              memory: 128Mi\n'),
    },
    {
      name: 'limits for memory only, four-space indentation',
      code: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n    selector: {matchLabels: {app: db}}\n    template:\n        metadata: {labels: {app: db}}\n        spec:\n            containers:\n                -   name: db\n                    image: postgres:16.3\n                    resources:\n                        limits:\n                            memory: 1Gi\n',
      errors: [{ line: 10, column: 27, message: 'requests no CPU;' }],
      output: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n    selector: {matchLabels: {app: db}}\n    template:\n        metadata: {labels: {app: db}}\n        spec:\n            containers:\n                -   name: db\n                    image: postgres:16.3\n                    resources:\n                        limits:\n                            memory: 1Gi\n                        requests:\n                            cpu: 100m\n',
    },
    {
      name: 'empty flow resources and a partial requests map in a second container',
      code: deployment('          resources: {}\n        - name: sidecar\n          image: envoyproxy/envoy:v1.31.0\n          resources:\n            requests:\n              cpu: 50m\n'),
      errors: [{ line: 10, column: 17 }, { line: 13, column: 17, message: 'memory' }],
      output: deployment('          resources:\n            requests:\n              cpu: 100m\n              memory: 128Mi\n        - name: sidecar\n          image: envoyproxy/envoy:v1.31.0\n          resources:\n            requests:\n              cpu: 50m\n              memory: 128Mi\n'),
    },
    {
      name: 'flow-style container: reported without a fix',
      code: 'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: p}\nspec:\n  selector: {matchLabels: {app: p}}\n  template:\n    metadata: {labels: {app: p}}\n    spec:\n      containers: [{name: app, image: "shop/app:1.0.0"}]\n',
      errors: [{ line: 9, column: 27 }],
      output: null,
    },
  ],
});
