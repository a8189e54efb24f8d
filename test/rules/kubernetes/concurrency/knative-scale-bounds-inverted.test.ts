import rule from '../../../../server/src/core/rules/kubernetes/concurrency/knative-scale-bounds-inverted';
import { testRule } from '../../../helpers/rule-tester';

const ksvc = (annotations: string) =>
  `apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  template:\n    metadata:\n      annotations:\n${annotations}    spec:\n      containers:\n        - image: ghcr.io/acme/web@sha256:${'a'.repeat(64)}\n`;

testRule(rule, {
  valid: [
    { name: 'min below max', code: ksvc('        autoscaling.knative.dev/min-scale: "1"\n        autoscaling.knative.dev/max-scale: "10"\n') },
    { name: 'min equal to max', code: ksvc('        autoscaling.knative.dev/min-scale: "3"\n        autoscaling.knative.dev/max-scale: "3"\n') },
    { name: 'max-scale 0 means no upper bound', code: ksvc('        autoscaling.knative.dev/min-scale: "5"\n        autoscaling.knative.dev/max-scale: "0"\n') },
    { name: 'templated maximum', code: ksvc('        autoscaling.knative.dev/min-scale: "5"\n        autoscaling.knative.dev/max-scale: "${MAX}"\n') },
    { name: 'initial below max', code: ksvc('        autoscaling.knative.dev/initial-scale: "2"\n        autoscaling.knative.dev/max-scale: "4"\n') },
    {
      name: 'a Deployment with the same annotations is not Knative',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    metadata:\n      annotations:\n        autoscaling.knative.dev/min-scale: "5"\n        autoscaling.knative.dev/max-scale: "2"\n    spec:\n      containers:\n        - name: web\n          image: web:1\n',
    },
  ],
  invalid: [
    { name: 'min above max', code: ksvc('        autoscaling.knative.dev/min-scale: "5"\n        autoscaling.knative.dev/max-scale: "2"\n'), errors: [{ line: 9, column: 9, messageId: 'min', message: '`min-scale: 5` is above `max-scale: 2`' }] },
    { name: 'camelCase aliases', code: ksvc('        autoscaling.knative.dev/maxScale: "1"\n        autoscaling.knative.dev/minScale: "3"\n'), errors: [{ line: 10, column: 9, messageId: 'min', message: 'minScale' }] },
    { name: 'initial above max', code: ksvc('        autoscaling.knative.dev/initial-scale: "10"\n        autoscaling.knative.dev/max-scale: "5"\n'), errors: [{ line: 9, column: 9, messageId: 'initial' }] },
    {
      name: 'a Knative Revision keeps them on its own metadata',
      code: 'apiVersion: serving.knative.dev/v1\nkind: Revision\nmetadata:\n  name: web-00001\n  annotations:\n    autoscaling.knative.dev/min-scale: "4"\n    autoscaling.knative.dev/max-scale: "2"\nspec:\n  containers:\n    - image: web:1\n',
      errors: [{ line: 6, column: 5, messageId: 'min' }],
    },
  ],
});
