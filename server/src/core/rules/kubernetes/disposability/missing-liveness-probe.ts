import { defineKubernetesRule } from '../../../rule';
import { isBuiltInApi } from '../../../kubernetes/model';
import { isPatchFragment, servicesSelecting } from '../../../kubernetes/selectors';
import { probeOf } from '../../../kubernetes/probes';
import { containerCommand, isIdleCommand } from '../../../kubernetes/commands';
import { parseImageReference } from '../../../kubernetes/images';
import { findInCommand } from '../../../kubernetes/pod-parts';

/** A shell loop (`while true; do …; sleep 60; done`): a periodic script or an idle keeper, not a server a probe could ask. */
const SHELL_LOOP = /\bwhile\s+(?:true|:|\[\s*1\s*\])\s*(?:;\s*)?do\b/;

/** Controllers that restart and replace long-running pods (a bare Pod is not replaced, so it is left out). */
const KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController']);

export default defineKubernetesRule({
  meta: {
    id: 'disposability/missing-liveness-probe',
    factor: 'disposability',
    defaultSeverity: 'info',
    offByDefault:
      'a missing liveness probe is not a twelve-factor problem on its own: a process that crashes exits and is restarted without one; turn it on where processes are known to hang without exiting.',
    description: 'A long-running container has neither a liveness nor a startup probe, so a process that hangs without exiting is never restarted.',
    rationale: [
      'Disposability asks that a process can be stopped and replaced at any time; the platform replaces a crashed',
      'process on its own, because the process exits. A process that hangs (a deadlock, an exhausted pool, a stuck',
      'event loop) does not exit, and without a liveness probe it keeps its place and its share of work forever.',
      'This is not a twelve-factor problem on its own (a crash needs no probe), which is why the rule is off by',
      'default.',
      '',
      'Add a cheap `livenessProbe` (an HTTP endpoint that does not check dependencies, or a TCP check), with a',
      '`startupProbe` when the process starts slowly.',
      '',
      'Not reported: init containers, Jobs, CronJobs and bare Pods; containers that have a liveness or a startup probe;',
      'toolbox containers that only idle (`sleep infinity`, the `pause` image) or run a shell loop (`while true; do …;',
      'done`: a periodic script, not a server); patch fragments; and containers of a pod that a Service',
      'selects while no container of it has a readiness probe (there `disposability/missing-readiness-probe` already',
      'speaks). Corresponds to kube-score pod-probes and Polaris livenessProbeMissing.',
    ].join('\n'),
    messages: {
      missing: 'Container `{{name}}` has no livenessProbe or startupProbe: if its process hangs without exiting, it is never restarted.',
    },
    anchors: [{ tool: 'kube-score', id: 'pod-probes' }, { tool: 'Polaris', id: 'livenessProbeMissing' }],
  },
  check({ model, workspace, source, report }) {
    for (const object of model.objects) {
      if (!object.podSpec || !KINDS.has(object.kind) || !isBuiltInApi(object.apiVersion) || isPatchFragment(object)) continue;
      const containers = object.podSpec.containers;
      const readinessSpeaks = !containers.some((c) => probeOf(c, 'readinessProbe', object.doc)) && servicesSelecting(object, workspace.objects).length > 0;
      if (readinessSpeaks) continue;
      for (const container of containers) {
        if (probeOf(container, 'livenessProbe', object.doc) || probeOf(container, 'startupProbe', object.doc)) continue;
        if (isIdleCommand(containerCommand(source, container, object.doc))) continue;
        // The pause image only holds the pod open (installer DaemonSets keep it after their init containers).
        if (container.image && /(?:^|\/)pause$/.test(parseImageReference(container.image).repository)) continue;
        if (findInCommand(model, container, object.doc, SHELL_LOOP).length > 0) continue;
        report({ messageId: 'missing', data: { name: container.name ?? '?' }, range: container.anchorRange });
      }
    }
  },
});
