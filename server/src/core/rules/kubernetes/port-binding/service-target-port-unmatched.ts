import { defineKubernetesRule } from '../../../rule';
import { asMap, nodeAt, scalarString, seqItems, valueOf } from '../../../kubernetes/yaml-nodes';
import { locationOf, podsSelectedBy, nearest } from '../../../kubernetes/selectors';
import { portReference } from '../../../kubernetes/probes';
import { argumentPorts } from '../../../kubernetes/pod-parts';
import { isTemplated, type KubeObject } from '../../../kubernetes/model';
import { patchedUnread } from '../../../kubernetes/builds';

export default defineKubernetesRule({
  meta: {
    id: 'port-binding/service-target-port-unmatched',
    factor: 'port-binding',
    defaultSeverity: 'warning',
    description: 'A Service `targetPort` resolves to no `containerPort` of the pods its selector picks.',
    rationale: [
      'A twelve-factor app exports its service by binding a port, and the platform routes traffic to that port.',
      'In Kubernetes the Service is that routing: its `targetPort` (a number, or a port name) must meet a port the',
      "selected pods declare. A name that no container declares yields a Service without endpoints; a number that",
      'disagrees with every declared port usually means the app and its Service drifted apart.',
      '',
      'Name the container port (`name: http`) and point `targetPort` at the name, so the number lives in one place.',
      'Only Services whose pods are in the workspace are checked; pods defined elsewhere are not guessed at. A numeric',
      'targetPort that a container is told to listen on in its arguments (`--metrics-bind-address=:8443`) is not reported,',
      'nor are pods that a Kustomize build patches in a way the linter does not read (an inline `patch:` or JSON 6902',
      'operations may add the container that declares the port).',
    ].join('\n'),
    messages: {
      name: 'targetPort `{{port}}` names no container port of the pods this Service selects ({{workloads}}); the Service gets no endpoints.',
      number: 'targetPort {{port}} matches no declared containerPort of the pods this Service selects (pods of {{workloads}} declare {{declared}}).',
    },
  },
  check({ model, workspace, report }) {
    for (const service of model.objects) {
      if (service.kind !== 'Service' || service.apiVersion !== 'v1') continue;
      const doc = service.doc;
      if (scalarString(nodeAt(service.node, ['spec', 'type'], doc), doc) === 'ExternalName') continue;
      const pods = nearest(podsSelectedBy(service, workspace.objects), service);
      if (pods.length === 0) continue;
      const { unreadable, declared, declaredText, portKeys, workloads } = podPorts(pods);
      // A templated or unreadable port makes the comparison meaningless.
      if (unreadable) continue;
      for (const item of seqItems(nodeAt(service.node, ['spec', 'ports'], doc), doc)) {
        const port = asMap(item, doc);
        const node = valueOf(port, 'targetPort', doc) ?? valueOf(port, 'port', doc);
        const ref = portReference(node, doc);
        if (!ref || portKeys.has(ref.number !== undefined ? `n:${ref.number}` : `s:${ref.value}`)) continue;
        // Declared ports are informational: an undeclared number still reaches a listening app.
        if (ref.number !== undefined && declared.length === 0) continue;
        const range = model.rangeOf(node);
        if (!range) continue;
        const related = pods.slice(0, 5).map((pod) => locationOf(pod, `${pod.kind} \`${pod.name ?? '?'}\`, selected by this Service`));
        if (ref.number === undefined) report({ messageId: 'name', data: { port: ref.value, workloads }, range, related });
        else report({ messageId: 'number', data: { port: ref.value, workloads, declared: declaredText }, range, related });
      }
    }
  },
});

interface PodPorts {
  unreadable: boolean;
  declared: string[];
  declaredText: string;
  /** Ports the containers declare, as `n:<number>` and `s:<name>` (what `declaresPort` compares). */
  portKeys: Set<string>;
  workloads: string;
}

/** Services with one selector share one list of pods (`nearest` shares its answers): read their ports once per list. */
const portsByPods = new WeakMap<readonly KubeObject[], PodPorts>();

function podPorts(pods: readonly KubeObject[]): PodPorts {
  let cached = portsByPods.get(pods);
  if (!cached) {
    // Native sidecars (init containers that keep running) can serve ports too.
    const containers = pods.flatMap((p) => [...p.podSpec!.containers, ...p.podSpec!.initContainers]);
    // A Kustomize patch the linter does not read may add a container or a port (an inline patch adding a sidecar).
    const unreadable = pods.some(patchedUnread) || containers.some((c) => c.ports.some((p) => p.containerPort === undefined && (p.name === undefined || isTemplated(p.name))));
    // A port with a name but no number is listed by its name alone (never as "undefined").
    const declared = [...new Set(containers.flatMap((c) => c.ports.map((p) => (p.containerPort === undefined ? (p.name ?? '?') : p.name ? `${p.containerPort} (${p.name})` : String(p.containerPort)))))];
    const portKeys = new Set<string>();
    for (const c of containers) {
      for (const p of c.ports) {
        if (p.containerPort !== undefined) portKeys.add(`n:${p.containerPort}`);
        if (p.name !== undefined) portKeys.add(`s:${p.name}`);
      }
    }
    // Ports the containers are told to listen on in their arguments (`--metrics-bind-address=:8443`, `--port 8443`):
    // a numeric targetPort reaches them without a declaration.
    for (const pod of pods) for (const c of [...pod.podSpec!.containers, ...pod.podSpec!.initContainers]) for (const n of argumentPorts(c, pod.doc)) portKeys.add(`n:${n}`);
    const workloads = [...new Set(pods.map((p) => `${p.kind} ${p.name ?? ''}`.trim()))].join(', ');
    cached = { unreadable, declared, declaredText: declared.join(', '), portKeys, workloads };
    portsByPods.set(pods, cached);
  }
  return cached;
}
