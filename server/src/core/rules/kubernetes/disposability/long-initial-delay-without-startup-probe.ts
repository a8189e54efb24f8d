import { defineKubernetesRule } from '../../../rule';
import { scalarNumber, valueOf } from '../../../kubernetes/yaml-nodes';
import { probeOf } from '../../../kubernetes/probes';

const LONG_DELAY = 60;

export default defineKubernetesRule({
  meta: {
    id: 'disposability/long-initial-delay-without-startup-probe',
    factor: 'disposability',
    defaultSeverity: 'info',
    description: 'A liveness probe waits a minute or more (`initialDelaySeconds`) instead of a startup probe guarding a slow start.',
    rationale: [
      'Disposability asks for fast start-up, and when an app does need time to start, the platform should know when',
      'it is done rather than guess. A long `initialDelaySeconds` on the liveness probe is such a guess: too short and',
      'slow starts end in restart loops, too long and a hung process goes unnoticed for that long on every start.',
      '',
      'Add a `startupProbe` with the same check and a generous `failureThreshold × periodSeconds`; liveness then starts',
      'only once the app has started, with no initial delay needed.',
      '',
      'Not reported: containers that have a `startupProbe` or no liveness probe, liveness delays under 60 seconds or',
      'not written as a plain number, and init containers.',
    ].join('\n'),
    messages: {
      delay: 'Liveness waits {{seconds}}s before its first check and container `{{container}}` has no startupProbe; let a startupProbe cover the slow start.',
    },
  },
  check({ model, report }) {
    for (const object of model.objects) {
      if (!object.podSpec) continue;
      for (const container of object.podSpec.containers) {
        const liveness = probeOf(container, 'livenessProbe', object.doc);
        if (!liveness || probeOf(container, 'startupProbe', object.doc)) continue;
        const node = valueOf(liveness, 'initialDelaySeconds', object.doc);
        const seconds = scalarNumber(node, object.doc);
        if (seconds === undefined || seconds < LONG_DELAY) continue;
        report({ messageId: 'delay', data: { seconds, container: container.name ?? '?' }, range: model.rangeOf(node)! });
      }
    }
  },
});
