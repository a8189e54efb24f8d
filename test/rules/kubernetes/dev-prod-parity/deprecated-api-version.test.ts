import rule from '../../../../server/src/core/rules/kubernetes/dev-prod-parity/deprecated-api-version';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'current versions', code: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\n---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\n' },
    { name: 'a custom resource with a beta version', code: 'apiVersion: example.com/v1beta1\nkind: Deployment\nmetadata:\n  name: d\n' },
    { name: 'extensions/v1beta1 of a kind not in the list', code: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: i\n' },
  ],
  invalid: [
    {
      name: 'extensions/v1beta1 Deployment',
      code: 'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: d\n',
      errors: [{ line: 1, column: 13, endColumn: 31, messageId: 'deprecated', message: 'since Kubernetes 1.16; use `apps/v1`' }],
    },
    {
      name: 'batch/v1beta1 CronJob and policy/v1beta1 PodDisruptionBudget',
      code: 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: c\n---\napiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: p\n',
      errors: [{ line: 1, column: 13, endColumn: 26, message: '`batch/v1`' }, { line: 6, column: 13, endColumn: 27, message: '`policy/v1`' }],
    },
    {
      name: 'autoscaling/v2beta2, quoted',
      code: 'apiVersion: "autoscaling/v2beta2"\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\n',
      errors: [{ line: 1, column: 13, endColumn: 34, message: '1.26' }],
    },
  ],
});
