import { defineKubernetesRule } from '../../../rule';
import { autoscalingSetting, containerConcurrency, revisionTemplateOf } from '../../../kubernetes/knative';

export default defineKubernetesRule({
  meta: {
    id: 'concurrency/knative-target-above-hard-limit',
    factor: 'concurrency',
    defaultSeverity: 'info',
    description: 'A Knative revision\'s concurrency target (`autoscaling.knative.dev/target`) is above its hard limit (`containerConcurrency`), so the target never applies.',
    rationale: [
      'Knative scales a revision out so that each instance handles about `autoscaling.knative.dev/target` requests at',
      'once (a soft target), and never sends one instance more than `containerConcurrency` (a hard limit). When both are',
      'set, the autoscaler uses the smaller: a target above the hard limit has no effect, and the manifest states a',
      'per-process concurrency that is not the one the platform scales by.',
      '',
      'Lower the target to at most `containerConcurrency`, or drop one of the two so the manifest says what happens.',
      '',
      'Not reported: `containerConcurrency: 0` or unset (no hard limit), a target for another metric than concurrency',
      '(`autoscaling.knative.dev/metric: rps`, `cpu`…), templated values, and annotations on the Service\'s own metadata.',
      'The finding is informational.',
    ].join('\n'),
    messages: {
      target: '`target: {{target}}` is above `containerConcurrency: {{limit}}`; Knative scales by {{limit}} concurrent requests per instance, so this target never applies.',
    },
  },
  check({ model, report }) {
    if (model.isHelmTemplate) return;
    for (const object of model.objects) {
      const template = revisionTemplateOf(object);
      if (!template) continue;
      const target = autoscalingSetting(template, 'target');
      const limit = containerConcurrency(template);
      if (target?.number === undefined || !limit?.number) continue;
      const metric = autoscalingSetting(template, 'metric');
      if (metric && metric.text !== 'concurrency') continue;
      if (target.number > limit.number) report({ messageId: 'target', data: { target: target.number, limit: limit.number }, range: model.rangeOf(target.pair)! });
    }
  },
});
