import rule from '../../../../server/src/core/rules/kubernetes/concurrency/knative-single-instance';
import { testRule } from '../../../helpers/rule-tester';

const ksvc = (annotations: string, kind = 'Service') =>
  `apiVersion: serving.knative.dev/v1\nkind: ${kind}\nmetadata:\n  name: web\nspec:\n  template:\n    metadata:\n      annotations:\n${annotations}    spec:\n      containers:\n        - image: ghcr.io/acme/web:1.2.0\n`;

testRule(rule, {
  valid: [
    { name: 'max-scale 10', code: ksvc('        autoscaling.knative.dev/max-scale: "10"\n') },
    { name: 'max-scale 0 is unbounded', code: ksvc('        autoscaling.knative.dev/max-scale: "0"\n') },
    { name: 'min-scale 1 keeps one warm, and may scale out', code: ksvc('        autoscaling.knative.dev/min-scale: "1"\n') },
    { name: 'a KEDA ScaledObject with maxReplicaCount 1 is not Knative', code: 'apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: w\nspec:\n  scaleTargetRef: {name: w}\n  maxReplicaCount: 1\n' },
    { name: 'on the Service\'s own metadata (not read by the autoscaler)', code: 'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: web\n  annotations:\n    autoscaling.knative.dev/max-scale: "1"\nspec:\n  template:\n    spec:\n      containers:\n        - image: web:1\n' },
  ],
  invalid: [
    { name: 'max-scale 1', code: ksvc('        autoscaling.knative.dev/max-scale: "1"\n'), errors: [{ line: 9, column: 9, endColumn: 47, messageId: 'single' }] },
    {
      name: 'a Revision among other documents',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n---\napiVersion: serving.knative.dev/v1\nkind: Revision\nmetadata:\n  name: web-00002\n  annotations:\n    autoscaling.knative.dev/min-scale: "1"\n    autoscaling.knative.dev/max-scale: "1"\nspec:\n  containers:\n    - image: web:1\n',
      errors: [{ line: 12, column: 5, messageId: 'single' }],
    },
    { name: 'maxScale 1 unquoted on a Configuration', code: ksvc('        autoscaling.knative.dev/maxScale: 1\n', 'Configuration'), errors: [{ line: 9, column: 9, message: 'maxScale' }] },
  ],
});
