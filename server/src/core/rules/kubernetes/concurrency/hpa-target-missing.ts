import { defineKubernetesRule } from '../../../rule';
import { nodeAt } from '../../../kubernetes/yaml-nodes';
import { absenceKnowable, scaleTargetOf } from '../../../kubernetes/selectors';
import { relationIndex } from '../../../kubernetes/relation-index';

const SCALABLE = new Set(['Deployment', 'StatefulSet', 'ReplicaSet']);

export default defineKubernetesRule({
  meta: {
    id: 'concurrency/hpa-target-missing',
    factor: 'concurrency',
    defaultSeverity: 'warning',
    description: 'An autoscaler\'s `scaleTargetRef` names a workload that does not exist among the known objects of that kind.',
    rationale: [
      'Scaling out by adding processes only works when the autoscaler points at the process type it is meant to scale.',
      'A `scaleTargetRef` that names a Deployment nobody defines (a typo, or a workload renamed without its HPA) scales',
      'nothing, and the workload stays at its fixed replica count under load.',
      '',
      'Point `scaleTargetRef.name` at the workload. The rule only speaks when the workspace does hold workloads of the',
      'named kind in the same namespace, so an HPA whose target lives in files you did not open stays silent. Not judged:',
      'Helm templates, a file with a YAML syntax error (the target may be in the document that did not parse) and the',
      'objects of a Kustomize Component that no kustomization includes (the base that completes it is not known).',
    ].join('\n'),
    messages: {
      missing: '{{scaler}} targets {{kind}} `{{name}}`, but no {{kind}} of that name is defined (known: {{known}}); it scales nothing.',
    },
  },
  check({ model, workspace, report }) {
    for (const scaler of model.objects) {
      if (!absenceKnowable(model, scaler)) continue;
      const ref = scaleTargetOf(scaler);
      if (!ref || !SCALABLE.has(ref.kind)) continue;
      const known = relationIndex(workspace).namesOfKind(ref.kind, scaler);
      if (known.length === 0 || known.includes(ref.name)) continue;
      const range = model.rangeOf(nodeAt(scaler.node, ['spec', 'scaleTargetRef', 'name'], scaler.doc));
      if (!range) continue;
      report({
        messageId: 'missing',
        data: { scaler: scaler.kind, kind: ref.kind, name: ref.name, known: known.slice(0, 3).map((n) => `\`${n}\``).join(', ') + (known.length > 3 ? ', …' : '') },
        range,
      });
    }
  },
});
