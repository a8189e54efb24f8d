import { defineKubernetesRule } from '../../../rule';
import { isLongRunning } from '../../../kubernetes/pod-parts';
import { valueOf, scalarNumber } from '../../../kubernetes/yaml-nodes';
import { containerCommand, isIdleCommand } from '../../../kubernetes/commands';

export default defineKubernetesRule({
  meta: {
    id: 'disposability/termination-grace-too-short',
    factor: 'disposability',
    defaultSeverity: 'warning',
    description: 'A long-running workload sets `terminationGracePeriodSeconds` to 0 or 1, so its processes are killed before they can shut down.',
    rationale: [
      'Disposability has two halves: start fast, and stop gracefully on SIGTERM: finish the requests in flight, return',
      'the job to the queue, close connections. With a grace period of 0 or 1 second the kubelet follows SIGTERM with',
      'SIGKILL almost at once, so every deploy, scale-in and node drain drops work.',
      '',
      'Leave the default (30 s) or set a period that covers the slowest request plus any `preStop` hook. Jobs and',
      'CronJobs are not judged here, nor pods whose containers only idle (`sleep infinity`, `tail -f /dev/null`: a toolbox',
      'for `kubectl exec` has no work in flight, and `sleep` as PID 1 ignores SIGTERM, so a grace period only delays deletion).',
      '(kube-linter and kube-score have no direct equivalent.)',
    ].join('\n'),
    messages: {
      short: '`terminationGracePeriodSeconds: {{value}}` kills the processes right after SIGTERM; give them time to finish in-flight work (the default is 30).',
    },
  },
  check({ model, report }) {
    for (const object of model.objects) {
      if (!object.podSpec || !isLongRunning(object)) continue;
      const containers = object.podSpec.containers;
      if (containers.length > 0 && containers.every((c) => isIdleCommand(containerCommand(model.source, c, object.doc)))) continue;
      const node = valueOf(object.podSpec.node, 'terminationGracePeriodSeconds', object.doc);
      const value = scalarNumber(node, object.doc);
      if (value === undefined || value > 1) continue;
      report({ messageId: 'short', data: { value }, range: model.rangeOf(node)! });
    }
  },
});
