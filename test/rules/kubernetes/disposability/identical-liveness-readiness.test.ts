import rule from '../../../../server/src/core/rules/kubernetes/disposability/identical-liveness-readiness';
import { testRule } from '../../../helpers/rule-tester';
import { deploymentYaml } from '../../../helpers/manifests';

const pod = (probes: string) => deploymentYaml({ name: 'api', image: 'shop/api:3.2.0' }, probes);

testRule(rule, {
  valid: [
    { name: 'different paths', code: pod('          livenessProbe:\n            httpGet: {path: /live, port: 8080}\n          readinessProbe:\n            httpGet: {path: /ready, port: 8080}\n') },
    { name: 'same check, liveness more tolerant', code: pod('          livenessProbe:\n            httpGet: {path: /health, port: 8080}\n            failureThreshold: 6\n          readinessProbe:\n            httpGet: {path: /health, port: 8080}\n') },
    { name: 'same TCP check: only tests the process', code: pod('          livenessProbe:\n            tcpSocket: {port: 8080}\n          readinessProbe:\n            tcpSocket: {port: 8080}\n') },
    { name: 'same grpc_health_probe exec check', code: pod('          livenessProbe:\n            exec:\n              command: ["/bin/grpc_health_probe", "-addr=:3550"]\n          readinessProbe:\n            exec:\n              command: ["/bin/grpc_health_probe", "-addr=:3550"]\n') },
    { name: 'same native grpc check', code: pod('          livenessProbe:\n            grpc: {port: 9555}\n          readinessProbe:\n            grpc: {port: 9555}\n') },
    { name: 'a merged probe with a tolerance of its own', code: pod('          readinessProbe: &probe\n            httpGet: {path: /health, port: 8080}\n          livenessProbe:\n            <<: *probe\n            failureThreshold: 6\n') },
    { name: 'readiness only', code: pod('          readinessProbe:\n            httpGet: {path: /health, port: 8080}\n') },
    {
      name: "a CronJob's container, whose probes are an exec of /bin/true (OpenAtlas's backup job)",
      code: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: backup\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n            - name: backup\n              image: openatlas/openatlas:8.0.0\n              livenessProbe:\n                httpGet: {path: /, port: 8080}\n              readinessProbe:\n                httpGet: {path: /, port: 8080}\n',
    },
    { name: 'an exec check that cannot fail', code: pod('          livenessProbe:\n            exec:\n              command: ["/bin/true"]\n          readinessProbe:\n            exec:\n              command: ["/bin/true"]\n') },
  ],
  invalid: [
    {
      name: 'identical block probes',
      code: pod('          livenessProbe:\n            httpGet:\n              path: /health\n              port: http\n            periodSeconds: 10\n          readinessProbe:\n            httpGet:\n              path: /health\n              port: http\n            periodSeconds: 10\n'),
      errors: [{ line: 11, column: 11, endLine: 11, endColumn: 24, messageId: 'identical' }],
    },
    {
      name: 'same content, different style and key order',
      code: pod('          readinessProbe: {httpGet: {port: 8080, path: /healthz}, periodSeconds: 5}\n          livenessProbe:\n            periodSeconds: 5\n            httpGet:\n              path: /healthz\n              port: 8080\n'),
      errors: [{ line: 12, column: 11 }],
    },
    {
      name: 'shared through a YAML anchor',
      code: pod('          readinessProbe: &probe\n            exec:\n              command: [pg_isready, -U, app]\n          livenessProbe: *probe\n'),
      errors: [{ line: 14, column: 11 }],
    },
    {
      name: 'the same probe spelled out and through a merge key',
      code: pod('          readinessProbe: &probe\n            httpGet: {path: /health, port: 8080}\n          livenessProbe:\n            <<: *probe\n'),
      errors: [{ line: 13, column: 11 }],
    },
    {
      name: 'the same check, one probe spelling out the defaults (the blackbox-exporter chart)',
      code: pod('          livenessProbe:\n            httpGet: {path: /-/healthy, port: http}\n            failureThreshold: 3\n          readinessProbe:\n            httpGet: {path: /-/healthy, port: http, scheme: HTTP}\n            periodSeconds: 10\n'),
      errors: [{ line: 11, column: 11 }],
    },
    {
      // sock-shop's complete-demo.yaml: liveness starts later, then both fail together on every /health dip.
      name: 'the same check, liveness only starting later',
      code: pod('          livenessProbe:\n            httpGet:\n              path: /health\n              port: 80\n            initialDelaySeconds: 300\n            periodSeconds: 3\n          readinessProbe:\n            httpGet:\n              path: /health\n              port: 80\n            initialDelaySeconds: 180\n            periodSeconds: 3\n'),
      errors: [{ line: 11, column: 11 }],
    },
  ],
});
