import { defineKubernetesRule } from '../../../rule';
import { appContainerCommands, runnerStripped, basename } from '../../../kubernetes/commands';
import { effectiveWords } from '../../../dockerfile/shell';
import { processManagerOf } from '../../../process-managers';

export default defineKubernetesRule({
  meta: {
    id: 'concurrency/process-manager-in-command',
    factor: 'concurrency',
    defaultSeverity: 'warning',
    description: 'A container starts a process manager (supervisord, pm2, forever, runit, s6-svscan, honcho …) instead of one process.',
    rationale: [
      'Twelve-factor concurrency hands process management to the platform: one process type per container, scaled by',
      'running more containers. A process manager inside the container multiplies processes where Kubernetes cannot',
      'see them: their restarts hide crashes from the kubelet, their logs and signals pass through a middleman, and',
      'scaling by replicas no longer means what it says.',
      '',
      'Run one process per container and let a Deployment per process type do the supervising. For Node, `pm2-runtime`',
      'is built for containers and is not reported; better still, start `node` directly.',
      '',
      'The managers are the ones the Dockerfile rule `concurrency/process-manager` knows. Not reported: minimal inits such',
      'as `tini` or `dumb-init`; honcho, foreman and overmind commands other than `start`; pm2 commands that start no app',
      '(`pm2 logs`); `npm-run-all` without `--parallel`, which runs its tasks one after another.',
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
        const program = basename(values[0]).toLowerCase();
        if (!processManagerOf(values, program)) continue;
        report({ messageId: 'manager', data: { container: container.name ?? '?', program }, range: word.range });
        break;
      }
    }
  },
});
