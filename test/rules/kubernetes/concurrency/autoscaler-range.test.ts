import rule from '../../../../server/src/core/rules/kubernetes/concurrency/autoscaler-range';
import { testRule } from '../../../helpers/rule-tester';

const hpa = (range: string) => `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n${range}`;

testRule(rule, {
  valid: [
    { name: 'two to ten', code: hpa('  minReplicas: 2\n  maxReplicas: 10\n') },
    { name: 'a KEDA ScaledObject may scale to zero', code: 'apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: w\nspec:\n  scaleTargetRef: {name: w}\n  minReplicaCount: 0\n' },
    { name: 'templated minimum', code: hpa('  minReplicas: "{{ .Values.min }}"\n  maxReplicas: 10\n') },
  ],
  invalid: [
    { name: 'minReplicas 1', code: hpa('  minReplicas: 1\n  maxReplicas: 10\n'), errors: [{ line: 7, column: 3, endColumn: 17, messageId: 'min', message: '`web`' }] },
    { name: 'minReplicas unset', code: hpa('  maxReplicas: 10\n'), errors: [{ line: 2, column: 7, endColumn: 30, messageId: 'min', message: 'default 1' }] },
    { name: 'max equal to min', code: hpa('  minReplicas: 3\n  maxReplicas: 3\n'), errors: [{ line: 8, column: 3, endColumn: 17, messageId: 'max' }] },
  ],
});
