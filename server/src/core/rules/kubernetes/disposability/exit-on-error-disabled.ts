import { defineKubernetesRule } from '../../../rule';
import { containerCommand } from '../../../kubernetes/commands';
import { effectiveWords } from '../../../dockerfile/shell';
import { isFragment, runningContainers } from '../../../kubernetes/pod-parts';
import { probeOf } from '../../../kubernetes/probes';
import { exitOnErrorDisabled, spanRange } from '../../../exit-on-error';

export default defineKubernetesRule({
  meta: {
    id: 'disposability/exit-on-error-disabled',
    factor: 'disposability',
    defaultSeverity: 'warning',
    description: 'A server is told to keep running after a failed start (`--exit-on-error=false`) and nothing reports it unready.',
    rationale: [
      'A disposable process fails fast: when it cannot do its job it exits, and the platform restarts it, reschedules it',
      'or holds the rollout. `--exit-on-error=false` (Triton Inference Server) does the opposite: a model or backend that',
      'fails to load is logged and the server goes on listening, so the container looks started, its liveness check',
      'passes, and requests meet a server without the model until someone reads the logs.',
      '',
      'Drop the flag so a failed start exits, or keep it only together with a readiness probe on the server\'s',
      'readiness endpoint (Triton\'s `/v2/health/ready`, which stays unready while a model failed under the default',
      '`--strict-readiness=true`).',
      '',
      'Not reported: the flag left at its default or set to true, a container with a readiness probe (unless',
      '`--strict-readiness=false` makes that probe pass anyway), templated commands, init containers, and patch',
      'fragments without a probe (the base may carry it).',
    ].join('\n'),
    messages: {
      noProbe: '`{{flag}}` keeps `{{container}}` serving after a failed start, and no readiness probe reports it; let it exit, or probe its readiness endpoint.',
      relaxed: '`{{flag}}` with `--strict-readiness=false` keeps `{{container}}` serving and ready after a failed start; let it exit so the platform restarts it.',
    },
  },
  check({ model, source, report }) {
    for (const object of model.objects) {
      if (!object.podSpec) continue;
      for (const container of runningContainers(object)) {
        const command = containerCommand(source, container, object.doc);
        if (!command || command.templated) continue;
        for (const c of command.commands) {
          const found = exitOnErrorDisabled(effectiveWords(c));
          if (!found) continue;
          const probed = !!probeOf(container, 'readinessProbe', object.doc);
          if (probed && !found.readinessRelaxed) continue;
          if (!probed && !found.readinessRelaxed && isFragment(object)) continue;
          report({
            messageId: found.readinessRelaxed ? 'relaxed' : 'noProbe',
            data: { flag: found.text, container: container.name ?? '?' },
            range: spanRange(found),
          });
        }
      }
    }
  },
});
