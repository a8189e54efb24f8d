import { defineKubernetesRule } from '../../../rule';
import { asMap, nodeAt, pairOf, scalarNumber, scalarString } from '../../../kubernetes/yaml-nodes';

export default defineKubernetesRule({
  meta: {
    id: 'concurrency/autoscaler-range',
    factor: 'concurrency',
    defaultSeverity: 'info',
    offByDefault:
      'samples, demos and cost-conscious clusters (a GPU or TPU model server) set `minReplicas: 1` on purpose; for a production repository, turn it on to be told which autoscalers can scale down to a single pod or cannot scale at all.',
    description: 'A HorizontalPodAutoscaler lets the workload drop to one replica (`minReplicas` below 2), or cannot scale (`maxReplicas` ≤ `minReplicas`).',
    rationale: [
      'An autoscaler turns the process count into a function of load. With `minReplicas: 1` (the default) quiet',
      'periods leave one process, so the next rollout or node drain is an outage; with `maxReplicas` no higher than',
      '`minReplicas` the autoscaler can never add a process and only pretends to scale.',
      '',
      'Set `minReplicas: 2` or more, and a `maxReplicas` above it. KEDA ScaledObjects are not judged (scaling to zero',
      'is their point). Corresponds to Polaris hpaMinAvailability and hpaMaxAvailability.',
    ].join('\n'),
    messages: {
      min: '{{where}} lets `{{name}}` run a single replica; set `minReplicas: 2` so a rollout or drain is not an outage.',
      max: '`maxReplicas: {{max}}` is not above `minReplicas: {{min}}`, so this autoscaler can never add a process.',
    },
    anchors: [{ tool: 'Polaris', id: 'hpaMinAvailability' }, { tool: 'Polaris', id: 'hpaMaxAvailability' }],
  },
  check({ model, report }) {
    if (model.isHelmTemplate) return;
    for (const hpa of model.objects) {
      if (hpa.kind !== 'HorizontalPodAutoscaler' || !/^autoscaling\//.test(hpa.apiVersion)) continue;
      const spec = asMap(nodeAt(hpa.node, ['spec'], hpa.doc), hpa.doc);
      if (!spec) continue;
      const minPair = pairOf(spec, 'minReplicas', hpa.doc);
      const maxPair = pairOf(spec, 'maxReplicas', hpa.doc);
      const min = minPair ? scalarNumber(minPair.value, hpa.doc) : 1;
      const max = maxPair ? scalarNumber(maxPair.value, hpa.doc) : undefined;
      if (min === undefined) continue;
      if (max !== undefined && max <= min && maxPair) {
        report({ messageId: 'max', data: { max, min }, range: model.rangeOf(maxPair)! });
      } else if (min < 2) {
        const name = scalarString(nodeAt(spec, ['scaleTargetRef', 'name'], hpa.doc), hpa.doc) ?? '?';
        report({ messageId: 'min', data: { where: minPair ? `\`minReplicas: ${min}\`` : 'Without `minReplicas` (default 1), the autoscaler', name }, range: minPair ? model.rangeOf(minPair)! : hpa.kindRange });
      }
    }
  },
});
