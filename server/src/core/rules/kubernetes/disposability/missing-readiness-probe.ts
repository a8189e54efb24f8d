import { defineKubernetesRule } from '../../../rule';
import { WORKLOAD_KINDS, type Container } from '../../../kubernetes/model';
import { asMap, nodeAt, seqItems, valueOf } from '../../../kubernetes/yaml-nodes';
import { isPatchFragment, servicesSelecting, nearest } from '../../../kubernetes/selectors';
import { declaresPort, portReference, probeOf, type PortReference } from '../../../kubernetes/probes';
import { appendToMap } from '../../../kubernetes/yaml-edits';
import { containerCommand, isIdleCommand } from '../../../kubernetes/commands';
import { replicasOf } from '../../../kubernetes/pod-parts';

/** Interactive tools a person opens in a browser (notebooks, dashboards, web IDEs): one user, one replica, no rollout to protect. */
const INTERACTIVE_TOOL = /(^|[/_.-])(jupyter|jupyterlab|notebook|tensorboard|code-server|marimo)([/_.:-]|$)/i;

export default defineKubernetesRule({
  meta: {
    id: 'disposability/missing-readiness-probe',
    factor: 'disposability',
    defaultSeverity: 'warning',
    description: 'A container that serves a Service has no readiness probe, so it gets traffic before it is ready and while it shuts down.',
    rationale: [
      'Disposable processes start and stop at any moment: on deploys, scale-outs and node drains. A Service only',
      'handles that gracefully when it knows which pods can take requests right now, and that is what the readiness',
      'probe tells it. Without one a pod counts as ready as soon as its process starts, so users hit it while it is',
      'still warming up.',
      '',
      'Add a `readinessProbe` to every container that serves a Service port; prefer an HTTP endpoint that reports',
      'readiness honestly. The quick fix (unsafe: review it) adds a TCP check on the port the Service targets, when the',
      'container declares that port or declares none; a container that declares other ports gets no fix. Pods no Service selects',
      '(workers, Jobs) are not asked.',
      '',
      'Not reported either: a container whose pod already has a readiness probe on another container (a proxy or',
      'gateway that checks through to the app gates the pod), a toolbox container that only idles (`sleep infinity`),',
      'and a single-replica interactive tool (Jupyter, TensorBoard, a web IDE) that one person opens by hand.',
    ].join('\n'),
    messages: {
      missing: 'Container `{{container}}` serves Service `{{service}}` but has no readinessProbe; traffic reaches it before it is ready.',
    },
    fix: 'unsafe',
  },
  check({ model, workspace, source, report }) {
    for (const object of model.objects) {
      if (!object.podSpec || !WORKLOAD_KINDS.has(object.kind) || isPatchFragment(object)) continue;
      const services = nearest(servicesSelecting(object, workspace.ofKind('Service')), object);
      if (services.length === 0) continue;
      const refs: { ref: PortReference; service: string }[] = [];
      for (const service of services) {
        for (const item of seqItems(nodeAt(service.node, ['spec', 'ports'], service.doc), service.doc)) {
          const port = asMap(item, service.doc);
          const ref = portReference(valueOf(port, 'targetPort', service.doc) ?? valueOf(port, 'port', service.doc), service.doc);
          if (ref) refs.push({ ref, service: service.name ?? '' });
        }
      }
      const containers = object.podSpec.containers;
      let serving: { container: Container; ref: PortReference | undefined; service: string }[] = [];
      for (const container of containers) {
        const hit = refs.find((r) => declaresPort(container, r.ref));
        if (hit) serving.push({ container, ref: hit.ref, service: hit.service });
      }
      if (serving.length === 0 && containers.length === 1) serving = [{ container: containers[0], ref: refs.find((r) => r.ref.number !== undefined)?.ref, service: services[0].name ?? '' }];
      // A pod is Ready only when every container is: one probed container already gates traffic.
      if (containers.some((c) => probeOf(c, 'readinessProbe', object.doc))) continue;
      const single = (replicasOf(object) ?? 1) <= 1;
      for (const { container, ref, service } of serving) {
        if (isIdleCommand(containerCommand(source, container, object.doc))) continue;
        if (single && container.image && INTERACTIVE_TOOL.test(container.image)) continue;
        // Probe the port the Service sends traffic to: by the container's own name or number for it when it
        // declares it; the Service's number when the container declares no port at all. A container that
        // declares other ports (Service targetPort 80, containerPort 2368) gets no fix: probing 80 would keep
        // the pod from ever becoming Ready, and guessing another port would not test what the Service uses.
        const declared = ref ? container.ports.find((p) => (ref.number !== undefined ? p.containerPort === ref.number : p.name === ref.value)) : undefined;
        const port = declared ? (declared.name ?? declared.containerPort) : container.ports.length === 0 ? ref?.number : undefined;
        const edit = port !== undefined ? appendToMap(source, container.node, `readinessProbe:\n  tcpSocket:\n    port: ${port}\n`) : undefined;
        report({
          messageId: 'missing',
          data: { container: container.name ?? '?', service },
          range: container.anchorRange,
          fix: edit && { title: `Add a TCP readiness probe on port ${port}`, edits: [edit] },
        });
      }
    }
  },
});
