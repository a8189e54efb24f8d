import { defineKubernetesRule } from '../../../rule';
import { isPatchFragment } from '../../../kubernetes/selectors';
import { PROBE_KEYS, declaresPort, probeOf, probePort } from '../../../kubernetes/probes';
import { argumentPorts } from '../../../kubernetes/pod-parts';
import { addTo, spokenList } from '../../../lists';
import type { Range } from '../../../types';

export default defineKubernetesRule({
  meta: {
    id: 'port-binding/probe-port-undeclared',
    factor: 'port-binding',
    defaultSeverity: 'hint',
    description: 'A probe targets a port number that is not among the ports the container declares.',
    rationale: [
      'A container\'s `ports` list is its published contract: the ports the process binds. When a probe checks a',
      'number that the list does not contain, either the list is incomplete (a management port nobody documented) or',
      'the probe and the app disagree about where the app listens, which only shows up as failing probes at deploy time.',
      '',
      'Declare every port the process binds, ideally with a name, and let probes refer to the name. Containers that',
      'declare no ports at all are not judged, nor is a port another container of the pod declares (the containers share',
      'one network), nor one the container is told to bind in its arguments (`--health-probe-bind-address=:8081`). A',
      'probe on an undeclared number still works (the kubelet does not need',
      'the declaration), so this is documentation hygiene and a hint.',
    ].join('\n'),
    messages: {
      undeclared: '{{probe}} checks port {{port}}, which container `{{container}}` does not declare (it declares {{declared}}); declare it or probe a declared port.',
      undeclaredByMany: '{{probes}} check port {{port}}, which container `{{container}}` does not declare (it declares {{declared}}); declare it or probe a declared port.',
    },
  },
  check({ model, report }) {
    for (const object of model.objects) {
      if (!object.podSpec || isPatchFragment(object)) continue;
      for (const container of object.podSpec.containers) {
        if (container.ports.length === 0 || container.ports.some((p) => p.containerPort === undefined && !p.name)) continue;
        // The probes of each undeclared port: a port that three probes check is one finding.
        const byPort = new Map<number, { key: string; range: Range }[]>();
        for (const key of PROBE_KEYS) {
          const probe = probeOf(container, key, object.doc);
          const ref = probe && probePort(probe, object.doc);
          if (!ref || ref.number === undefined || declaresPort(container, ref)) continue;
          // Containers of a pod share one network: a port another container declares is reachable on localhost too.
          if (object.podSpec.containers.some((other) => other !== container && other.ports.some((p) => p.containerPort === ref.number))) continue;
          // A port the container is told to bind in its arguments (`--health-probe-bind-address=:8081`) is declared there.
          if (argumentPorts(container, object.doc).has(ref.number)) continue;
          const range = model.rangeOf(ref.node);
          if (range) addTo(byPort, ref.number, { key, range });
        }
        const declared = container.ports.map((p) => String(p.containerPort ?? p.name)).join(', ');
        for (const [port, probes] of byPort) {
          // Named and reported in the order the file writes them.
          probes.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
          const [first, ...others] = probes;
          const data = { probe: first.key, probes: spokenList(probes.map((p) => p.key)), port, container: container.name ?? '?', declared };
          if (others.length === 0) report({ messageId: 'undeclared', data, range: first.range });
          else report({ messageId: 'undeclaredByMany', data, range: first.range, related: others.map((o) => ({ uri: object.uri, range: o.range, message: `The ${o.key}, on the same port.` })) });
        }
      }
    }
  },
});
