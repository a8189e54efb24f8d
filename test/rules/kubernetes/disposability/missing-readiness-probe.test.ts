import rule from '../../../../server/src/core/rules/kubernetes/disposability/missing-readiness-probe';
import { testRule } from '../../../helpers/rule-tester';

const deployment = (extra = '', ports = '          ports:\n            - name: http\n              containerPort: 8080\n') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: shop/web:1.4.2
${ports}${extra}`;
const service = (targetPort = 'http') => `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - port: 80
      targetPort: ${targetPort}
`;

const MINIO = `apiVersion: v1
kind: Service
metadata:
  name: minio
spec:
  clusterIP: None
  ports: [{port: 9000, name: minio}]
  selector: {app: minio}
---
apiVersion: v1
kind: Service
metadata:
  name: minio-service
spec:
  type: LoadBalancer
  ports: [{port: 9000, targetPort: 9000}]
  selector: {app: minio}
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: minio
spec:
  serviceName: minio
  replicas: 4
  selector:
    matchLabels: {app: minio}
  template:
    metadata:
      labels: {app: minio}
    spec:
      containers:
        - name: minio
          image: minio/minio:RELEASE.2024-06-13T22-53-53Z
          args: ["server", "http://minio-{0...3}.minio.default.svc.cluster.local/data"]
          ports: [{containerPort: 9000}]
`;

testRule(rule, {
  valid: [
    {
      name: 'a pod that Dapr gives a sidecar, which is Ready only once the app listens on its app-port (dapr quickstarts)',
      code: `${deployment().replace('        app: web\n    spec:', '        app: web\n      annotations:\n        dapr.io/enabled: "true"\n        dapr.io/app-id: "web"\n        dapr.io/app-port: "8080"\n    spec:')}---\n${service()}`,
    },
    {
      name: 'a single-replica Gradio app opened by hand',
      code: `${service('7860')}---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: chat\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: chat\n          image: us-docker.pkg.dev/google-samples/containers/gke/gradio-app:v1.0.4\n          ports: [{containerPort: 7860}]\n`,
    },
    {
      // ../shared/reliability/fix/introduces--…: a fix probing the Service's 80 kept the pod from ever becoming Ready.
      // The Service's traffic never reaches 2368: a port mismatch (port-binding/service-target-port-unmatched), not a missing probe.
      name: 'single container declares 2368, Service targets 80: not reported here',
      code: `${deployment('', '          ports:\n            - containerPort: 2368\n              hostPort: 80\n')}---\n${service('80')}`,
    },
    { name: 'probe present', code: `${deployment('          readinessProbe:\n            httpGet: {path: /ready, port: http}\n')}---\n${service()}` },
    { name: 'no Service selects the pods (worker)', code: deployment() },
    {
      name: "queue consumer behind kompose's placeholder Service (headless, targetPort 0: no port exposed)",
      code: `${deployment('', '          env:\n            - name: AMQP_HOST\n              value: rabbitmq\n')}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: dispatch\nspec:\n  clusterIP: None\n  ports:\n  - name: headless\n    port: 55555\n    targetPort: 0\n  selector:\n    app: web\n`,
    },
    {
      name: 'pod without ports behind a headless Service without ports',
      code: `${deployment('', '')}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: peers\nspec:\n  clusterIP: None\n  selector:\n    app: web\n`,
    },
    {
      name: 'another container of the pod gates readiness',
      code: `${deployment('        - name: gateway\n          image: shop/gateway:2.0.0\n          readinessProbe:\n            httpGet: {path: /ready, port: 9000}\n')}---\n${service()}`,
    },
    { name: 'toolbox container that only idles', code: `${deployment('          command: [sleep, infinity]\n')}---\n${service()}` },
    { name: 'single-replica notebook', code: `${deployment().replace('shop/web:1.4.2', 'jupyter/tensorflow-notebook:2023-10-20')}---\n${service()}` },
    { name: 'Service selects other pods', code: `${deployment()}---\n${service().replace('app: web', 'app: api')}` },
    {
      name: 'sidecar that serves no Service port',
      code: `${deployment('          readinessProbe:\n            tcpSocket: {port: http}\n        - name: proxy\n          image: envoyproxy/envoy:v1.31.0\n          ports:\n            - name: admin\n              containerPort: 9901\n')}---\n${service()}`,
    },
    { name: 'a controller whose only Service publishes its metrics port (cert-manager google-cas-issuer)', code: `${deployment('', '          ports:\n            - name: metrics\n              containerPort: 9402\n')}---\n${service('9402')}` },
    { name: 'a Service port named for metrics targeting an unnamed container port', code: `${deployment('', '          ports:\n            - containerPort: 9090\n')}---\n${service('9090').replace('    - port: 80', '    - name: http-metrics\n      port: 9090')}` },
    // A named targetPort reaches only containers that declare the name: this one gets no traffic from the Service, whose
    // port mismatch port-binding/service-target-port-unmatched reports (sketch-map-tool's Celery worker, review set 91).
    { name: 'single container that declares no port, behind a Service that targets a port by name', code: `${deployment('', '')}---\n${service()}` },
    {
      // GIScience/sketch-map-tool (review set 91): Flower started from the application's image, one replica.
      name: "Celery's Flower dashboard, run by `celery --app tasks flower`",
      code: `${deployment('', '          command: [celery, --app, tasks, flower]\n          ports:\n            - name: http\n              containerPort: 5555\n')}---\n${service()}`,
    },
    { name: 'the Flower image, one replica', code: `${deployment().replace('shop/web:1.4.2', 'mher/flower:2.0')}---\n${service()}` },
  ],
  invalid: [
    {
      name: 'a StatefulSet behind a headless peer Service and a client Service: the client one is named',
      code: MINIO,
      errors: [{ line: 33, column: 17, message: 'serves Service `minio-service`' }],
      output: `${MINIO}          readinessProbe:\n            tcpSocket:\n              port: 9000\n`,
    },
    {
      name: 'a notebook image run with several replicas is a service like any other',
      code: `${deployment().replace('spec:\n  template', 'spec:\n  replicas: 3\n  template').replace('shop/web:1.4.2', 'jupyter/tensorflow-notebook:2023-10-20')}---\n${service()}`,
      errors: [{ line: 13, column: 17 }],
      output: `${deployment('          readinessProbe:\n            tcpSocket:\n              port: http\n').replace('spec:\n  template', 'spec:\n  replicas: 3\n  template').replace('shop/web:1.4.2', 'jupyter/tensorflow-notebook:2023-10-20')}---\n${service()}`,
    },
    {
      name: 'Service in the same file, named port',
      code: `${deployment()}---\n${service()}`,
      errors: [{ line: 12, column: 17, endLine: 12, endColumn: 20, messageId: 'missing', message: 'Service `web`' }],
      output: `${deployment('          readinessProbe:\n            tcpSocket:\n              port: http\n')}---\n${service()}`,
    },
    {
      name: 'Service in another file, numeric port',
      code: deployment('', '          ports:\n            - containerPort: 8080\n          # no probes yet\n'),
      workspace: [{ filename: 'svc.yaml', code: service('8080') }],
      errors: [{ line: 12, column: 17 }],
      output: deployment('', '          ports:\n            - containerPort: 8080\n          readinessProbe:\n            tcpSocket:\n              port: 8080\n          # no probes yet\n'),
    },
    {
      name: 'single container without declared ports: probe the Service target number',
      code: `${deployment('', '          args: ["--port=3000"]\n')}---\n${service('3000')}`,
      errors: [{ line: 12, column: 17 }],
      output: `${deployment('', '          args: ["--port=3000"]\n          readinessProbe:\n            tcpSocket:\n              port: 3000\n')}---\n${service('3000')}`,
    },
    {
      name: "the client Service in another file of a chart, the headless peer Service in the StatefulSet's (MinIO's chart): the client one is named",
      code: MINIO.replace('apiVersion: v1\nkind: Service\nmetadata:\n  name: minio-service\nspec:\n  type: LoadBalancer\n  ports: [{port: 9000, targetPort: 9000}]\n  selector: {app: minio}\n---\n', ''),
      workspace: [{ filename: 'service.yaml', code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: minio-service\nspec:\n  type: LoadBalancer\n  ports: [{port: 9000, targetPort: 9000}]\n  selector: {app: minio}\n' }],
      errors: [{ line: 24, column: 17, message: 'serves Service `minio-service`' }],
      output: `${MINIO.replace('apiVersion: v1\nkind: Service\nmetadata:\n  name: minio-service\nspec:\n  type: LoadBalancer\n  ports: [{port: 9000, targetPort: 9000}]\n  selector: {app: minio}\n---\n', '')}          readinessProbe:\n            tcpSocket:\n              port: 9000\n`,
    },
    {
      name: 'a container with an application port and a metrics port is asked for the application port',
      code: `${deployment('', '          ports:\n            - name: metrics\n              containerPort: 9402\n            - name: http\n              containerPort: 8080\n')}---\n${service('9402').replace('    - port: 80', '    - name: metrics\n      port: 9402\n    - port: 80\n      targetPort: http\n    - port: 81')}`,
      errors: [{ line: 12, column: 17, message: 'serves Service `web`' }],
      output: `${deployment('          readinessProbe:\n            tcpSocket:\n              port: http\n', '          ports:\n            - name: metrics\n              containerPort: 9402\n            - name: http\n              containerPort: 8080\n')}---\n${service('9402').replace('    - port: 80', '    - name: metrics\n      port: 9402\n    - port: 80\n      targetPort: http\n    - port: 81')}`,
    },
    {
      name: 'a container with a startup probe only: told that it gates the first answer, not the rest',
      code: `${deployment('          startupProbe:\n            httpGet: {path: /healthz, port: http}\n')}---\n${service()}`,
      errors: [{ line: 12, column: 17, messageId: 'startupOnly', message: 'its startupProbe holds traffic back only until it first answers' }],
      output: `${deployment('          startupProbe:\n            httpGet: {path: /healthz, port: http}\n          readinessProbe:\n            tcpSocket:\n              port: http\n')}---\n${service()}`,
    },
    {
      // Jasmineeds/coe332-final (review set 96): a ClusterIP and a NodePort Service both send to the API; a metrics
      // Service to a port the container does not serve on is not named.
      name: 'every Service that sends traffic to the container is named',
      code: `${deployment()}---\n${service()}---\n${service('8080').replace('name: web', 'name: web-nodeport').replace('  ports:', '  type: NodePort\n  ports:')}---\n${service('9100').replace('name: web', 'name: web-metrics')}`,
      errors: [{ line: 12, column: 17, message: 'serves Service `web`', relatedLines: [19, 30] }],
      output: `${deployment('          readinessProbe:\n            tcpSocket:\n              port: http\n')}---\n${service()}---\n${service('8080').replace('name: web', 'name: web-nodeport').replace('  ports:', '  type: NodePort\n  ports:')}---\n${service('9100').replace('name: web', 'name: web-metrics')}`,
    },
  ],
});
