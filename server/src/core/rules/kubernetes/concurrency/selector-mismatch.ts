import { defineKubernetesRule } from '../../../rule';
import { isBuiltInApi, isTemplated } from '../../../kubernetes/model';
import { mapEntries, nodeAt, scalarString } from '../../../kubernetes/yaml-nodes';

const CONTROLLERS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

export default defineKubernetesRule({
  meta: {
    id: 'concurrency/selector-mismatch',
    factor: 'concurrency',
    defaultSeverity: 'error',
    description: 'A controller\'s `spec.selector.matchLabels` does not match the labels of its own pod template.',
    rationale: [
      'A Deployment (or StatefulSet, DaemonSet, ReplicaSet) counts and scales its processes by selecting pods with its',
      '`spec.selector`. When the selector asks for a label the pod template does not carry (or with another value),',
      'the API server rejects the object, or, through an older API, the controller never sees its own pods and keeps',
      'creating new ones.',
      '',
      'Make every `matchLabels` entry appear with the same value in `spec.template.metadata.labels`. Selectors written',
      'with `matchExpressions` only, templated values and patch fragments (no template labels) are not judged.',
      'Corresponds to kube-linter mismatching-selector.',
    ].join('\n'),
    messages: {
      mismatch: '`selector.matchLabels` asks for `{{key}}: {{value}}`, but the pod template {{has}}; this {{kind}} cannot select its own pods.',
    },
    anchors: [{ tool: 'kube-linter', id: 'mismatching-selector' }],
  },
  check({ model, report }) {
    for (const object of model.objects) {
      if (!CONTROLLERS.has(object.kind) || !isBuiltInApi(object.apiVersion) || !object.podSpec) continue;
      const labels = object.podSpec.podLabels;
      if (Object.keys(labels).length === 0) continue;
      const matchLabels = nodeAt(object.node, ['spec', 'selector', 'matchLabels'], object.doc);
      for (const { key, pair } of mapEntries(matchLabels, object.doc)) {
        const value = scalarString(pair.value, object.doc);
        if (value === undefined || isTemplated(value) || isTemplated(key)) continue;
        if (labels[key] === value) continue;
        if (labels[key] !== undefined && isTemplated(labels[key])) continue;
        const has = labels[key] === undefined ? `has no \`${key}\` label` : `has \`${key}: ${labels[key]}\``;
        report({ messageId: 'mismatch', data: { key, value, has, kind: object.kind }, range: model.rangeOf(pair)! });
      }
    }
  },
});
