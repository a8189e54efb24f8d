import { defineServerlessRule } from '../../../rule';
import { valueOf } from '../../../kubernetes/yaml-nodes';
import { timeoutOf, timeoutPlace } from '../../../serverless/model';

export default defineServerlessRule({
  meta: {
    id: 'disposability/timeout-exceeds-queue-visibility',
    factor: 'disposability',
    defaultSeverity: 'error',
    description: "An SQS-triggered Lambda function's timeout exceeds the queue's visibility timeout (a relation inside the template).",
    rationale: [
      'A disposable worker must be able to stop at any time without losing or duplicating work: the queue hides a message',
      'while it is being processed and shows it again if the worker does not finish. When the function may run longer',
      'than the queue\'s `VisibilityTimeout` (30 s unless set), a message reappears while it is still being handled and',
      'another invocation processes it again; Lambda refuses to create such an event source mapping.',
      '',
      'Set the queue\'s visibility timeout to at least the function\'s timeout (AWS recommends six times it), or shorten the',
      'function\'s timeout.',
      '',
      'Not reported: functions whose `Timeout` is not a literal number (one read from `Mappings` counts as the least value',
      'its entries give), triggers other than SQS, queues that are not an',
      '`AWS::SQS::Queue` defined in the same template, queues whose `VisibilityTimeout` is not a literal number, and',
      'timeouts that do not exceed the visibility timeout (30 s when the queue does not set one).',
    ].join('\n'),
    messages: {
      visibility: 'Function `{{fn}}` may run {{seconds}} s, longer than the visibility timeout ({{visibility}} s) of its queue `{{queue}}`: messages reappear while still in work.',
    },
  },
  check({ model, report }) {
    const doc = model.doc;
    if (!doc) return;
    for (const fn of model.functions) {
      const timeout = timeoutOf(model, fn);
      if (!timeout) continue;
      for (const event of fn.events) {
        if (event.type !== 'sqs') continue;
        const queue = model.resources.get(model.referencedId(event.source) ?? '');
        if (!queue || queue.type !== 'AWS::SQS::Queue') continue;
        const visibilityNode = valueOf(queue.properties, 'VisibilityTimeout', doc);
        const visibility = visibilityNode ? model.value(visibilityNode) : undefined;
        if (visibilityNode && (visibility?.literal === undefined || !/^\d+$/.test(visibility.literal.trim()))) continue;
        const seconds = visibility ? Number(visibility.literal) : 30;
        if (timeout.seconds <= seconds) continue;
        const place = timeout.setting ? timeoutPlace(model, timeout.setting, event) : visibility && { range: visibility.range };
        if (place) report({ messageId: 'visibility', data: { fn: fn.id, seconds: timeout.seconds, visibility: seconds, queue: queue.logicalId }, ...place });
      }
    }
  },
});
