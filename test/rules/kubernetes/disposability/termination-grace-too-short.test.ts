import rule from '../../../../server/src/core/rules/kubernetes/disposability/termination-grace-too-short';
import { testRule } from '../../../helpers/rule-tester';

const pod = (kind: string, grace: string) =>
  kind === 'Pod'
    ? `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  terminationGracePeriodSeconds: ${grace}\n  containers:\n    - name: a\n      image: a:1\n`
    : `apiVersion: ${kind === 'Job' ? 'batch/v1' : 'apps/v1'}\nkind: ${kind}\nmetadata:\n  name: w\nspec:\n  template:\n    spec:\n      terminationGracePeriodSeconds: ${grace}\n      containers:\n        - name: a\n          image: a:1\n`;

testRule(rule, {
  valid: [
    { name: 'a real grace period', code: pod('Deployment', '60') },
    { name: 'a Job may be killed at once', code: pod('Job', '0') },
    { name: 'two seconds is short but not instant', code: pod('Pod', '2') },
    {
      // Istio's samples/sleep: a curl toolbox for kubectl exec has nothing in flight, and sleep as PID 1 ignores SIGTERM.
      name: 'a toolbox that only sleeps (Istio sleep sample)',
      code: pod('Deployment', '0').replace('image: a:1\n', 'image: curlimages/curl:8.16.0\n          command: ["/bin/sleep", "infinity"]\n'),
    },
    { name: 'a toolbox that sleeps ten years, written in days', code: pod('Deployment', '0').replace('image: a:1\n', 'image: curlimages/curl:8.16.0\n          command: ["/bin/sleep", "3650d"]\n') },
  ],
  invalid: [
    { name: 'zero on a Deployment', code: pod('Deployment', '0'), errors: [{ line: 8, column: 38, endColumn: 39, messageId: 'short', message: '`terminationGracePeriodSeconds: 0`' }] },
    { name: 'one on a StatefulSet', code: pod('StatefulSet', '1'), errors: [{ line: 8, column: 38, endColumn: 39 }] },
    {
      name: 'an idle sidecar beside a server does not excuse the server',
      code: pod('Deployment', '0').replace('image: a:1\n', 'image: a:1\n        - name: tools\n          image: busybox:1.36\n          command: ["sleep", "infinity"]\n'),
      errors: [{ line: 8, column: 38 }],
    },
    { name: 'zero on a bare Pod', code: pod('Pod', '0'), errors: [{ line: 6, column: 34, endColumn: 35 }] },
  ],
});
