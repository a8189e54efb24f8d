import { defineKubernetesRule } from '../../../rule';
import { appContainerCommands, runnerStripped, basename } from '../../../kubernetes/commands';
import { effectiveWords } from '../../../dockerfile/shell';

export default defineKubernetesRule({
  meta: {
    id: 'concurrency/process-manager-in-command',
    factor: 'concurrency',
    defaultSeverity: 'warning',
    description: 'A container starts a process manager (supervisord, pm2, forever, honcho/foreman) instead of one process.',
    rationale: [
      'Twelve-factor concurrency hands process management to the platform: one process type per container, scaled by',
      'running more containers. A process manager inside the container multiplies processes where Kubernetes cannot',
      'see them: their restarts hide crashes from the kubelet, their logs and signals pass through a middleman, and',
      'scaling by replicas no longer means what it says.',
      '',
      'Run one process per container and let a Deployment per process type do the supervising. For Node, `pm2-runtime`',
      'is built for containers and is not reported; better still, start `node` directly.',
    ].join('\n'),
    messages: {
      manager: 'Container `{{container}}` starts `{{program}}`, a process manager; run one process per container and let Kubernetes supervise and scale.',
    },
  },
  check({ model, source, report }) {
    for (const { container, command } of appContainerCommands(model, source)) {
      for (const simple of command.commands) {
        const words = effectiveWords(simple);
        const values = runnerStripped(words.map((w) => w.value));
        const word = words.find((w) => w.value === values[0]);
        if (!word) continue;
        const program = basename(values[0]);
        const sub = values[1] ?? '';
        const isManager =
          ['supervisord', 'forever', 'circusd', 'runsvdir', 's6-svscan'].includes(program) ||
          (program === 'pm2' && /^(start|resurrect|startOrReload|startOrRestart)$/.test(sub)) ||
          ((program === 'honcho' || program === 'foreman') && sub === 'start');
        if (!isManager) continue;
        report({ messageId: 'manager', data: { container: container.name ?? '?', program }, range: word.range });
        break;
      }
    }
  },
});
