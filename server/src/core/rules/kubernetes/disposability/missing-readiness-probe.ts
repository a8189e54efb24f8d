import { defineKubernetesRule } from '../../../rule';
import { WORKLOAD_KINDS, isLifecycleHook, type Container, type KubeObject } from '../../../kubernetes/model';
import { asMap, nodeAt, scalarString, seqItems, valueOf } from '../../../kubernetes/yaml-nodes';
import { isPatchFragment, locationOf, servicesSelecting, nearest } from '../../../kubernetes/selectors';
import { portReference, probeOf, type PortReference } from '../../../kubernetes/probes';
import { appendToMap } from '../../../kubernetes/yaml-edits';
import { containerCommand, isIdleCommand, type ContainerCommand } from '../../../kubernetes/commands';
import { isMetricsPortName, replicasOf } from '../../../kubernetes/pod-parts';

/** Interactive tools a person opens in a browser (notebooks, dashboards, web IDEs): one user, one replica, no rollout to protect. */
const INTERACTIVE_TOOL = /(^|[/_.-])(jupyter|jupyterlab|notebook|tensorboard|code-server|marimo|gradio|streamlit|hubble-ui|flower)([/_.:-]|$)/i;

/** Celery's monitoring dashboard started from the application's own image (`celery --app tasks flower`). */
function runsCeleryFlower(command: ContainerCommand | undefined): boolean {
  return !!command?.commands.some((c) => c.words[0]?.value.split('/').pop() === 'celery' && c.words.some((w) => w.value === 'flower'));
}

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
      '(workers, Jobs) are not asked, nor pods behind Services that target no port (a headless Service without ports,',
      "kompose's placeholder with `targetPort: 0`).",
      '',
      'Not reported either: a container whose pod already has a readiness probe on another container (a proxy or',
      'gateway that checks through to the app gates the pod), a toolbox container that only idles (`sleep infinity`),',
      'a single-replica interactive tool (Jupyter, TensorBoard, a web IDE, a Gradio or Streamlit app, Hubble UI, Celery\'s',
      'Flower dashboard, by its image or by `celery … flower`) that one',
      'person opens by hand, and a lone container that declares only other ports than the Service targets (a port',
      'mismatch, reported by `port-binding/service-target-port-unmatched`), nor one that declares no port behind Services that',
      'target only named ports (a named `targetPort` reaches only containers that declare that name). When several Services select the pod, the',
      'finding names one that clients use before a headless one (`clusterIP: None`) that the pods use to find each other,',
      'also when the headless one sits in the workload\'s own file and the client one in another (a Helm chart). Pods',
      'that Dapr gives a sidecar (`dapr.io/enabled: "true"` with `dapr.io/app-port`) are not reported for the container',
      'on that port: the sidecar is Ready only once the app accepts connections there. A Service port, or the',
      'container port it targets, named for metrics (`metrics`, `http-metrics`, `prometheus`) brings a scraper, not',
      'clients: a controller whose only Service publishes its metrics (cert-manager\'s issuers) is not asked.',
      '',
      'A container with a `startupProbe` but no readiness probe is reported with a message of its own: the startup probe',
      'keeps the pod out of the Service until it first succeeds, and nothing takes the pod out afterwards while it is',
      'overloaded or has lost a backing service.',
    ].join('\n'),
    messages: {
      missing: 'Container `{{container}}` serves Service `{{service}}` but has no readinessProbe; traffic reaches it before it is ready.',
      startupOnly: 'Container `{{container}}` serves Service `{{service}}` but has no readinessProbe; its startupProbe holds traffic back only until it first answers, not later while it cannot serve.',
    },
    fix: 'unsafe',
  },
  check({ model, workspace, source, report }) {
    for (const object of model.objects) {
      // A Helm hook (`helm test` pod, pre-install step) runs to completion; it takes no traffic even when it carries the labels.
      if (!object.podSpec || !WORKLOAD_KINDS.has(object.kind) || isPatchFragment(object) || isLifecycleHook(object)) continue;
      const selecting = servicesSelecting(object, workspace.ofKind('Service'));
      const services = clientServicesFirst(nearest(selecting, object), selecting, object);
      if (services.length === 0) continue;
      const { refs, firstByPort, firstNumbered } = serviceRefs(services);
      const containers = object.podSpec.containers;
      let serving: { container: Container; ref: PortReference | undefined; service: string }[] = [];
      for (const container of containers) {
        // The first reference (in Service order) that the container declares, as `refs.find(declaresPort)`.
        let first = -1;
        for (const p of container.ports) {
          // A port that publishes metrics takes a scraper's requests, not clients' (cert-manager's issuers).
          if (isMetricsPortName(p.name)) continue;
          for (const key of [p.containerPort !== undefined ? `n:${p.containerPort}` : undefined, p.name !== undefined ? `s:${p.name}` : undefined]) {
            const i = key === undefined ? undefined : firstByPort.get(key);
            if (i !== undefined && (first < 0 || i < first)) first = i;
          }
        }
        const hit = first >= 0 ? refs[first] : undefined;
        if (hit) serving.push({ container, ref: hit.ref, service: hit.service });
      }
      // A lone container that declares no port is taken to serve the Service; one that declares other ports than
      // the Service targets (targetPort 80, containerPort 2368) does not get its traffic: that is a port mismatch
      // (port-binding/service-target-port-unmatched), not a missing probe.
      // The Services must target a port, though: a headless Service with no port, or kompose's placeholder
      // (`targetPort: 0`, "does not expose any ports") in front of a queue consumer, sends it no traffic.
      // A Service whose ports all target a port by name sends nothing to a pod that declares no port of that name: the
      // endpoints controller finds no port to send to (sketch-map-tool's Celery worker behind the Flower Service).
      if (serving.length === 0 && firstNumbered && containers.length === 1 && containers[0].ports.length === 0) serving = [{ container: containers[0], ref: firstNumbered.ref, service: firstNumbered.service }];
      // A pod is Ready only when every container is: one probed container already gates traffic.
      if (containers.some((c) => probeOf(c, 'readinessProbe', object.doc))) continue;
      const single = (replicasOf(object) ?? 1) <= 1;
      const daprPort = daprAppPort(object);
      for (const { container, ref, service } of serving) {
        const command = containerCommand(source, container, object.doc);
        if (isIdleCommand(command)) continue;
        // Dapr's injected sidecar is Ready only once the app accepts connections on its app-port: the TCP check the fix adds.
        if (daprPort !== undefined && (containers.length === 1 || container.ports.some((p) => p.containerPort === daprPort))) continue;
        if (single && ((container.image && INTERACTIVE_TOOL.test(container.image)) || runsCeleryFlower(command))) continue;
        // Probe the port the Service sends traffic to: by the container's own name or number for it when it
        // declares it; the Service's number when the container declares no port at all. A container that
        // declares other ports (Service targetPort 80, containerPort 2368) gets no fix: probing 80 would keep
        // the pod from ever becoming Ready, and guessing another port would not test what the Service uses.
        const declared = ref ? container.ports.find((p) => (ref.number !== undefined ? p.containerPort === ref.number : p.name === ref.value)) : undefined;
        const port = declared ? (declared.name ?? declared.containerPort) : container.ports.length === 0 ? ref?.number : undefined;
        const edit = port !== undefined ? appendToMap(source, container.node, `readinessProbe:\n  tcpSocket:\n    port: ${port}\n`) : undefined;
        report({
          // A startup probe keeps the pod out of the Service until it first succeeds; after that nothing takes it out.
          messageId: probeOf(container, 'startupProbe', object.doc) ? 'startupOnly' : 'missing',
          data: { container: container.name ?? '?', service },
          range: container.anchorRange,
          related: sendingServices(services, refs, container, service).map((s) => locationOf(s, `Service \`${s.name ?? ''}\` sends traffic to this container`)),
          fix: edit && { title: `Add a TCP readiness probe on port ${port}`, edits: [edit] },
        });
      }
    }
  },
});

/**
 * The app port of a pod that Dapr's injector gives a sidecar (`dapr.io/enabled: "true"` and `dapr.io/app-port` on the
 * pod template): that sidecar reports Ready only once the app accepts connections on the port.
 */
function daprAppPort(object: KubeObject): number | undefined {
  const doc = object.doc;
  const annotations = asMap(valueOf(object.podSpec?.templateMetadata, 'annotations', doc), doc);
  if (scalarString(valueOf(annotations, 'dapr.io/enabled', doc), doc) !== 'true') return undefined;
  const port = Number(scalarString(valueOf(annotations, 'dapr.io/app-port', doc), doc));
  return Number.isInteger(port) && port > 0 ? port : undefined;
}

/**
 * The Services in the order the finding names them: those clients use before headless ones (`clusterIP: None`),
 * which a StatefulSet's members use to find each other. When the nearest Services (`services`, those of the pod's own
 * file, say) are all headless, the client Services among all that select the pod (`all`: a chart's `service.yaml`
 * beside the StatefulSet's peer Service) come first. Kept per list, as `nearest` shares its lists (one per `all`).
 */
const orderedServices = new WeakMap<readonly KubeObject[], readonly KubeObject[]>();

function clientServicesFirst(services: readonly KubeObject[], all: readonly KubeObject[], object: KubeObject): readonly KubeObject[] {
  let ordered = orderedServices.get(services);
  if (!ordered) {
    const headless = (s: KubeObject) => scalarString(nodeAt(s.node, ['spec', 'clusterIP'], s.doc), s.doc) === 'None';
    // The nearest of the client Services, as `nearest` ranks them (the pod's file, its folder, the rest).
    const clients = services.length > 0 && services.every(headless) ? nearest(all.filter((s) => !headless(s)), object) : [];
    ordered = clients.length > 0 ? [...clients, ...services] : services.some(headless) ? [...services.filter((s) => !headless(s)), ...services.filter(headless)] : services;
    orderedServices.set(services, ordered);
  }
  return ordered;
}

interface ServiceRefs {
  refs: { ref: PortReference; service: string }[];
  /** Index in `refs` of the first reference to each port: `n:<number>` or `s:<name>`. */
  firstByPort: Map<string, number>;
  firstNumbered: { ref: PortReference; service: string } | undefined;
}

/** Many workloads share one list of Services (`nearest` shares its answers): read their ports once per list. */
const refsByServices = new WeakMap<readonly KubeObject[], ServiceRefs>();

/**
 * The Services that send traffic to `container`, the one the message names first: each whose port targets a port the
 * container declares (any numbered one, for a container that declares none), up to three.
 */
function sendingServices(services: readonly KubeObject[], refs: ServiceRefs['refs'], container: Container, named: string): KubeObject[] {
  const names = [named];
  for (const { ref, service } of refs) {
    if (names.length >= 3) break;
    if (names.includes(service)) continue;
    const reaches = container.ports.length === 0 ? ref.number !== undefined : container.ports.some((p) => (ref.number !== undefined ? p.containerPort === ref.number : p.name === ref.value));
    if (reaches) names.push(service);
  }
  return names.flatMap((name) => services.find((s) => (s.name ?? '') === name) ?? []);
}

function serviceRefs(services: readonly KubeObject[]): ServiceRefs {
  let cached = refsByServices.get(services);
  if (!cached) {
    const refs: ServiceRefs['refs'] = [];
    for (const service of services) {
      for (const item of seqItems(nodeAt(service.node, ['spec', 'ports'], service.doc), service.doc)) {
        const port = asMap(item, service.doc);
        const ref = portReference(valueOf(port, 'targetPort', service.doc) ?? valueOf(port, 'port', service.doc), service.doc);
        // Port 0 is no port (kompose writes it for a Service that exposes none); a port named for metrics sends a
        // scraper's requests, which do not wait for readiness.
        if (ref && ref.number !== 0 && !isMetricsPortName(scalarString(valueOf(port, 'name', service.doc), service.doc)) && !isMetricsPortName(ref.value)) refs.push({ ref, service: service.name ?? '' });
      }
    }
    const firstByPort = new Map<string, number>();
    refs.forEach((r, i) => {
      const key = r.ref.number !== undefined ? `n:${r.ref.number}` : `s:${r.ref.value}`;
      if (!firstByPort.has(key)) firstByPort.set(key, i);
    });
    cached = { refs, firstByPort, firstNumbered: refs.find((r) => r.ref.number !== undefined) };
    refsByServices.set(services, cached);
  }
  return cached;
}
