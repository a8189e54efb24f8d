import rule from '../../../../server/src/core/rules/kubernetes/concurrency/hpa-without-requests';
import { testRule } from '../../../helpers/rule-tester';
import { deploymentYaml } from '../../../helpers/manifests';

const deployment = (resources: string) => deploymentYaml({ name: 'web', image: 'shop/web:1.4.2' }, resources);
const hpaV2 = (metrics: string) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 10
${metrics}`;
const cpuUtilization = '  metrics:\n    - type: Resource\n      resource:\n        name: cpu\n        target: {type: Utilization, averageUtilization: 70}\n';

testRule(rule, {
  valid: [
    { name: 'CPU request present', code: `${deployment('          resources:\n            requests: {cpu: 200m, memory: 256Mi}\n')}---\n${hpaV2(cpuUtilization)}` },
    { name: 'target not in the workspace', code: hpaV2(cpuUtilization) },
    { name: 'AverageValue needs no request', code: `${deployment('')}---\n${hpaV2('  metrics:\n    - type: Resource\n      resource:\n        name: memory\n        target: {type: AverageValue, averageValue: 500Mi}\n')}` },
    { name: 'external metric', code: `${deployment('')}---\n${hpaV2('  metrics:\n    - type: External\n      external:\n        metric: {name: queue_depth}\n        target: {type: AverageValue, averageValue: "30"}\n')}` },
  ],
  invalid: [
    { name: 'CPU utilization, no request', code: `${deployment('')}---\n${hpaV2(cpuUtilization)}`, errors: [{ line: 22, column: 15, endLine: 22, endColumn: 18, messageId: 'missing', message: 'requests no CPU' }] },
    { name: 'v2 without metrics defaults to CPU', code: hpaV2(''), workspace: [{ filename: 'web.yaml', code: deployment('          resources:\n            requests: {memory: 256Mi}\n') }], errors: [{ line: 2, column: 7, endColumn: 30 }] },
    {
      name: 'v1 with targetCPUUtilizationPercentage',
      code: `${deployment('')}---\napiVersion: autoscaling/v1\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {kind: Deployment, name: web}\n  maxReplicas: 4\n  targetCPUUtilizationPercentage: 60\n`,
      errors: [{ line: 18, column: 3 }],
    },
  ],
});
