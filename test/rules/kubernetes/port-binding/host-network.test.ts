import rule from '../../../../server/src/core/rules/kubernetes/port-binding/host-network';
import { testRule } from '../../../helpers/rule-tester';

const workload = (kind: string, extra: string) => `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: edge
spec:
  template:
    spec:
${extra}      containers:
        - name: proxy
          image: envoyproxy/envoy:v1.31.0
`;

testRule(rule, {
  valid: [
    { name: 'no hostNetwork', code: workload('Deployment', '') },
    { name: 'hostNetwork false', code: workload('Deployment', '      hostNetwork: false\n') },
    { name: 'DaemonSet node agent', code: workload('DaemonSet', '      hostNetwork: true\n      dnsPolicy: ClusterFirstWithHostNet\n') },
  ],
  invalid: [
    { name: 'Deployment on host network', code: workload('Deployment', '      hostNetwork: true\n'), errors: [{ line: 8, column: 7, endLine: 8, endColumn: 24, messageId: 'hostNetwork' }] },
    { name: 'StatefulSet', code: workload('StatefulSet', '      dnsPolicy: ClusterFirstWithHostNet\n      hostNetwork: true\n'), errors: [{ line: 9, column: 7 }] },
    { name: 'Pod', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostNetwork: true\n  containers:\n    - name: a\n      image: shop/a:1\n', errors: [{ line: 5, column: 3, message: 'Pod `p`' }] },
  ],
});
