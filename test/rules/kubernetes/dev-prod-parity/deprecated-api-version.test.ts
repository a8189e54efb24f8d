import rule from '../../../../server/src/core/rules/kubernetes/dev-prod-parity/deprecated-api-version';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'current versions', code: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\n---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\n' },
    { name: 'a custom resource with a beta version', code: 'apiVersion: example.com/v1beta1\nkind: Deployment\nmetadata:\n  name: d\n' },
    { name: 'extensions/v1beta1 of a kind not in the list', code: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: i\n' },
    {
      name: 'an autoscaler whose target names apps/v1, and one whose target is a custom resource with a beta version',
      code: 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: r\nspec:\n  scaleTargetRef:\n    apiVersion: argoproj.io/v1alpha1\n    kind: Rollout\n    name: web\n',
    },
    {
      name: 'a scaleTargetRef under another kind is not an autoscaler target',
      code: 'apiVersion: example.com/v1\nkind: Scaler\nmetadata:\n  name: s\nspec:\n  scaleTargetRef:\n    apiVersion: extensions/v1beta1\n    kind: Deployment\n    name: web\n',
    },
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
    {
      name: 'an HPA whose scaleTargetRef names extensions/v1beta1 Deployment',
      code: 'apiVersion: autoscaling/v1\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\nspec:\n  scaleTargetRef:\n    apiVersion: extensions/v1beta1\n    kind: Deployment\n    name: web\n',
      errors: [{ line: 7, column: 17, endColumn: 35, messageId: 'targetRef', message: 'FailedGetScale); use `apps/v1`' }],
    },
    {
      name: 'a KEDA ScaledObject without a kind (Deployment by default) naming apps/v1beta2',
      code: 'apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: s\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1beta2\n    name: web\n',
      errors: [{ line: 7, column: 17, endColumn: 29, messageId: 'targetRef', message: '`apps/v1beta2` Deployment' }],
    },
  ],
});
