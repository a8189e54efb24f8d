import rule from '../../../../server/src/core/rules/kubernetes/concurrency/knative-target-above-hard-limit';
import { testRule } from '../../../helpers/rule-tester';

const ksvc = (annotations: string, spec: string) =>
  `apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  template:\n    metadata:\n      annotations:\n${annotations}    spec:\n${spec}      containers:\n        - image: ghcr.io/acme/web:1.2.0\n`;

testRule(rule, {
  valid: [
    { name: 'target below the hard limit', code: ksvc('        autoscaling.knative.dev/target: "10"\n', '      containerConcurrency: 50\n') },
    { name: 'target equal to the hard limit', code: ksvc('        autoscaling.knative.dev/target: "50"\n', '      containerConcurrency: 50\n') },
    { name: 'no hard limit', code: ksvc('        autoscaling.knative.dev/target: "200"\n', '      containerConcurrency: 0\n') },
    { name: 'a requests-per-second target', code: ksvc('        autoscaling.knative.dev/metric: rps\n        autoscaling.knative.dev/target: "150"\n', '      containerConcurrency: 10\n') },
    { name: 'the docs sample: a target without a hard limit', code: ksvc('        autoscaling.knative.dev/target: "10"\n', '') },
  ],
  invalid: [
    { name: 'target above the hard limit', code: ksvc('        autoscaling.knative.dev/target: "100"\n', '      containerConcurrency: 10\n'), errors: [{ line: 9, column: 9, messageId: 'target', message: 'containerConcurrency: 10' }] },
    {
      name: 'a Knative Revision',
      code: 'apiVersion: serving.knative.dev/v1\nkind: Revision\nmetadata:\n  name: web-00001\n  annotations:\n    autoscaling.knative.dev/target: "20"\nspec:\n  containerConcurrency: 4\n  containers:\n    - image: web:1\n',
      errors: [{ line: 6, column: 5, message: 'never applies' }],
    },
    { name: 'explicit concurrency metric', code: ksvc('        autoscaling.knative.dev/metric: concurrency\n        autoscaling.knative.dev/target: "5"\n', '      containerConcurrency: 1\n'), errors: [{ line: 10, column: 9, messageId: 'target' }] },
  ],
});
