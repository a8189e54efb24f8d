import { defineKubernetesRule } from '../../../rule';
import { isPatchFragment } from '../../../kubernetes/selectors';
import { PROBE_KEYS, declaresPort, probeOf, probePort } from '../../../kubernetes/probes';

export default defineKubernetesRule({
  meta: {
    id: 'port-binding/probe-port-name-unknown',
    factor: 'port-binding',
    defaultSeverity: 'warning',
    description: 'A probe targets a port by a name the container does not declare, so the probe can never succeed.',
    rationale: [
      'The app binds a port and announces it; everything that talks to the process (Services, probes) should find it',
      'through that announcement. A probe that names its port (`port: http`) is resolved against the container\'s own',
      '`ports[].name`: when no port of that name exists the kubelet cannot run the probe, and a liveness or readiness',
      'check that always fails restarts the pod or keeps it out of rotation forever.',
      '',
      'Declare the port with that name on the container, or point the probe at a name that is declared.',
      '',
      'Not reported: a port that is a substitution still to be made (`${HEALTH_PORT:-9003}`, `$PORT`), which envsubst or',
      'a templating step replaces before the manifest is applied.',
    ].join('\n'),
    messages: {
      unknown: '{{probe}} targets port `{{port}}`, but container `{{container}}` declares no port of that name{{declared}}.',
    },
  },
  check({ model, report }) {
    for (const object of model.objects) {
      if (!object.podSpec || isPatchFragment(object)) continue;
      for (const container of object.podSpec.containers) {
        for (const key of PROBE_KEYS) {
          const probe = probeOf(container, key, object.doc);
          const ref = probe && probePort(probe, object.doc);
          if (!ref || ref.number !== undefined || ref.value.includes('$') || declaresPort(container, ref)) continue;
          const names = container.ports.map((p) => p.name).filter(Boolean);
          const range = model.rangeOf(ref.node);
          if (range) report({ messageId: 'unknown', data: { probe: key, port: ref.value, container: container.name ?? '?', declared: names.length ? ` (it declares ${names.join(', ')})` : '' }, range });
        }
      }
    }
  },
});
