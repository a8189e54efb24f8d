import { defineKubernetesRule } from '../../../rule';
import { nodeAt, pairOf } from '../../../kubernetes/yaml-nodes';
import { autoscalersIn, autoscalersOf, locationOf, nearest } from '../../../kubernetes/selectors';
import { asMap } from '../../../kubernetes/yaml-nodes';

const SCALABLE = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'Rollout', 'DeploymentConfig']);

export default defineKubernetesRule({
  meta: {
    id: 'concurrency/replicas-with-hpa',
    factor: 'concurrency',
    defaultSeverity: 'warning',
    description: 'A workload fixes `replicas` while an autoscaler owns its replica count.',
    rationale: [
      'Concurrency is the number of processes of each type, and with an autoscaler the platform sets that number from',
      'load. A `replicas` value in the manifest competes with it: every `kubectl apply` or GitOps sync resets the count',
      'to the written value, and the autoscaler then has to climb back, dropping capacity exactly during deploys.',
      '',
      'Remove `spec.replicas` when an HPA (or KEDA ScaledObject) targets the workload. With client-side apply, first',
      'drop the field from the last-applied configuration (`kubectl apply edit-last-applied`) so removal does not scale',
      'the workload to one replica. Helm templates are not judged: their guards are invisible here.',
    ].join('\n'),
    messages: {
      replicas: '`replicas` is set, but {{scaler}} `{{name}}` scales this {{kind}}; remove it so deploys do not reset the autoscaled count.',
    },
  },
  check({ model, workspace, report }) {
    if (model.isHelmTemplate) return;
    for (const object of model.objects) {
      if (!SCALABLE.has(object.kind)) continue;
      const pair = pairOf(asMap(nodeAt(object.node, ['spec'], object.doc), object.doc), 'replicas', object.doc);
      if (!pair) continue;
      const scaler = nearest(autoscalersOf(object, autoscalersIn(workspace)), object)[0];
      if (!scaler) continue;
      report({ messageId: 'replicas', data: { scaler: scaler.kind, name: scaler.name ?? '', kind: object.kind }, range: model.rangeOf(pair)!, related: [locationOf(scaler, `the ${scaler.kind} that owns the replica count`)] });
    }
  },
});
