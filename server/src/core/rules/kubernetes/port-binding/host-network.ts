import { defineKubernetesRule } from '../../../rule';
import { pairOf, scalarString } from '../../../kubernetes/yaml-nodes';

export default defineKubernetesRule({
  meta: {
    id: 'port-binding/host-network',
    factor: 'port-binding',
    defaultSeverity: 'warning',
    description: 'A workload that is not a node agent runs in the node\'s network namespace (`hostNetwork: true`).',
    rationale: [
      'Port binding means each process owns the ports inside its own network namespace and the platform maps them.',
      'With `hostNetwork: true` the pod binds straight onto the node\'s interfaces: its ports collide with the node\'s',
      'and with other replicas on the same node, and it bypasses the Service abstraction the rest of the cluster uses.',
      '',
      'Remove `hostNetwork` and publish the port through a Service. Node agents (DaemonSets such as CNI plugins or',
      'monitoring exporters) sometimes need the host network and are not reported.',
    ].join('\n'),
    messages: {
      hostNetwork: '{{kind}} `{{name}}` runs in the node\'s network namespace; bind a pod port and publish it through a Service instead.',
    },
  },
  check({ model, report }) {
    for (const object of model.objects) {
      if (!object.podSpec || object.kind === 'DaemonSet') continue;
      const pair = pairOf(object.podSpec.node, 'hostNetwork', object.doc);
      if (!pair || scalarString(pair.value, object.doc) !== 'true') continue;
      report({ messageId: 'hostNetwork', data: { kind: object.kind, name: object.name ?? '?' }, range: model.rangeOf(pair)! });
    }
  },
});
