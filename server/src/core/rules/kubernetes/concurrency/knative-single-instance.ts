import { defineKubernetesRule } from '../../../rule';
import { autoscalingSetting, revisionTemplateOf } from '../../../kubernetes/knative';

export default defineKubernetesRule({
  meta: {
    id: 'concurrency/knative-single-instance',
    factor: 'concurrency',
    defaultSeverity: 'info',
    description: 'A Knative revision template caps the service at one instance (`autoscaling.knative.dev/max-scale: "1"`), so it cannot scale out.',
    rationale: [
      'A twelve-factor app scales out by running more processes, and Knative does that for it from traffic. A',
      '`max-scale` of 1 switches that off: every request of the revision queues on one instance, and the cap is usually',
      'there because the app keeps something in memory or on local disk that a second instance would not see (a session,',
      'a cache it relies on, a job it must run once), which is the state the processes factor asks to move to a backing',
      'service.',
      '',
      'Move that state out and raise `max-scale` (or remove it). If one instance is truly the design (a singleton consumer',
      'of a queue), suppress the finding with the reason.',
      '',
      'Not reported: `max-scale` above 1, `max-scale: "0"` (no upper bound), templated values, and annotations on the',
      'Service\'s own metadata rather than on its revision template. The finding is informational.',
    ].join('\n'),
    messages: {
      single: '`{{key}}: "1"` pins this Knative revision to one instance, so it cannot scale out with load; move any in-memory state out and raise it.',
    },
  },
  check({ model, report }) {
    if (model.isHelmTemplate) return;
    for (const object of model.objects) {
      const template = revisionTemplateOf(object);
      if (!template) continue;
      const max = autoscalingSetting(template, 'max-scale');
      if (max?.number === 1) report({ messageId: 'single', data: { key: max.key.split('/')[1] }, range: model.rangeOf(max.pair)! });
    }
  },
});
