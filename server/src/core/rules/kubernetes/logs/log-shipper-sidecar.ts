import { defineKubernetesRule } from '../../../rule';
import { logShipperOf } from '../../../kubernetes/images';
import { scalarString, valueOf } from '../../../kubernetes/yaml-nodes';

export default defineKubernetesRule({
  meta: {
    id: 'logs/log-shipper-sidecar',
    factor: 'logs',
    defaultSeverity: 'warning',
    description: 'An application pod carries its own log shipper (fluentd, fluent-bit, filebeat, promtail …) as a sidecar.',
    rationale: [
      'In a twelve-factor app the app only emits its event stream; collecting, routing and archiving it is the',
      'execution environment\'s job. A shipper sidecar in every app pod moves that job into the app: it usually means',
      'the app writes files for the sidecar to read, it costs resources per replica, and each team configures',
      'routing differently.',
      '',
      'Write logs to stdout/stderr and collect them once per node with a DaemonSet agent (fluent-bit, Vector, the',
      'Grafana agent) or your provider\'s logging. DaemonSets and pods that are only a shipper (an aggregator) are',
      'not reported.',
    ].join('\n'),
    messages: {
      sidecar: '`{{shipper}}` ships logs from inside this {{kind}}; write logs to stdout and collect them with a node-level agent.',
    },
  },
  check({ model, report }) {
    for (const object of model.objects) {
      const pod = object.podSpec;
      if (!pod || object.kind === 'DaemonSet') continue;
      // Native sidecars are init containers that keep running.
      const sidecars = pod.initContainers.filter((c) => scalarString(valueOf(c.node, 'restartPolicy', object.doc), object.doc) === 'Always');
      const running = [...sidecars, ...pod.containers];
      const apps = running.filter((c) => !logShipperOf(c.image));
      if (apps.length === 0) continue;
      for (const container of running) {
        const shipper = logShipperOf(container.image);
        if (!shipper || !container.imageRange) continue;
        report({ messageId: 'sidecar', data: { shipper, kind: object.kind }, range: container.imageRange });
      }
    }
  },
});
