import { defineKubernetesRule } from '../../../rule';
import { autoscalingSetting, revisionTemplateOf } from '../../../kubernetes/knative';

export default defineKubernetesRule({
  meta: {
    id: 'concurrency/knative-scale-bounds-inverted',
    factor: 'concurrency',
    defaultSeverity: 'warning',
    description: 'A Knative revision template sets `min-scale` or `initial-scale` above its `max-scale`, so the bounds cannot both hold.',
    rationale: [
      'Concurrency is the number of processes of each type, and Knative sets it from traffic between the revision\'s',
      '`autoscaling.knative.dev/min-scale` and `max-scale`. A minimum above the maximum is a contradiction: Knative\'s',
      'admission webhook refuses the revision, so the deploy fails. An `initial-scale` above `max-scale` is accepted, but',
      'the revision then starts with more instances than its maximum allows, and the cap is ignored until it scales down.',
      '',
      'Make `max-scale` at least as large as `min-scale` and `initial-scale`, or remove `max-scale` (0 or unset means no',
      'upper bound).',
      '',
      'Not reported: `max-scale: "0"` (no upper bound), values that are not whole numbers (templated, empty), and',
      'annotations on the Service\'s own metadata rather than on its revision template.',
    ].join('\n'),
    messages: {
      min: '`{{minKey}}: {{min}}` is above `max-scale: {{max}}`; Knative refuses this revision, so raise `max-scale` or lower `min-scale`.',
      initial: '`{{initialKey}}: {{initial}}` is above `max-scale: {{max}}`; the revision starts above its own maximum, so lower `initial-scale` or raise `max-scale`.',
    },
  },
  check({ model, report }) {
    if (model.isHelmTemplate) return;
    for (const object of model.objects) {
      const template = revisionTemplateOf(object);
      if (!template) continue;
      const max = autoscalingSetting(template, 'max-scale');
      if (!max || max.number === undefined || max.number === 0) continue;
      const min = autoscalingSetting(template, 'min-scale');
      const initial = autoscalingSetting(template, 'initial-scale');
      if (min?.number !== undefined && min.number > max.number) {
        report({ messageId: 'min', data: { minKey: min.key.split('/')[1], min: min.number, max: max.number }, range: model.rangeOf(min.pair)! });
      } else if (initial?.number !== undefined && initial.number > max.number) {
        report({ messageId: 'initial', data: { initialKey: initial.key.split('/')[1], initial: initial.number, max: max.number }, range: model.rangeOf(initial.pair)! });
      }
    }
  },
});
