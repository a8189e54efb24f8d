import { defineKubernetesRule } from '../../../rule';
import { pairOf } from '../../../kubernetes/yaml-nodes';
import { isTemplated } from '../../../kubernetes/model';

export default defineKubernetesRule({
  meta: {
    id: 'port-binding/host-port',
    factor: 'port-binding',
    defaultSeverity: 'warning',
    description: 'A container binds a `hostPort`, tying the process to a port on the node instead of the cluster\'s routing.',
    rationale: [
      'A twelve-factor process binds its own port and leaves routing to the platform. `hostPort` reaches past that',
      'layer and claims the port on the node itself: two replicas can no longer share a node, scheduling fails quietly',
      'when the port is taken, and clients start addressing nodes instead of a Service.',
      '',
      'Expose the port through a Service (or an Ingress/Gateway) instead. Node agents run as DaemonSets, where a host',
      'port can be deliberate; those are not reported.',
    ].join('\n'),
    messages: {
      hostPort: 'Container `{{container}}` binds hostPort {{port}} on the node; expose it through a Service instead.',
    },
  },
  check({ model, report }) {
    for (const object of model.objects) {
      if (!object.podSpec || object.kind === 'DaemonSet') continue;
      for (const container of object.podSpec.containers) {
        for (const port of container.ports) {
          const pair = pairOf(port.node, 'hostPort', object.doc);
          if (!pair) continue;
          const value = model.source.textOf(model.rangeOf(pair.value as never) ?? model.rangeOf(pair)!);
          if (isTemplated(value) || /^(0|null|~)?$/.test(value.trim())) continue;
          report({ messageId: 'hostPort', data: { container: container.name ?? '?', port: value.trim() }, range: model.rangeOf(pair)! });
        }
      }
    }
  },
});
