import { defineKubernetesRule } from '../../../rule';
import { WORKLOAD_KINDS } from '../../../kubernetes/model';
import { basename, containerCommand } from '../../../kubernetes/commands';
import { effectiveWords } from '../../../dockerfile/shell';

const CRON = /^(cron|crond|supercronic|go-crond|yacron)$/;

export default defineKubernetesRule({
  meta: {
    id: 'admin-processes/cron-daemon-in-pod',
    factor: 'admin-processes',
    defaultSeverity: 'warning',
    description: 'A long-running workload runs a cron daemon to schedule tasks inside its pod.',
    rationale: [
      'Periodic admin tasks are one-off processes the platform starts on a schedule. A cron daemon inside a',
      'Deployment hides them from the platform: runs are neither recorded nor retried, two replicas run every task',
      'twice, a task that overruns is never stopped, and failures surface only in the daemon\'s own output.',
      '',
      'Use a CronJob per task, with the app\'s image and config and an explicit `concurrencyPolicy`.',
      '',
      'Not reported: init containers, Jobs and CronJobs and other objects that are not long-running workloads, commands',
      "with a template expression, and cron daemons started by the image's own default command rather than the",
      "manifest's `command`/`args`. Each container is reported at most once.",
    ].join('\n'),
    messages: {
      cron: 'Container `{{container}}` runs `{{program}}`; schedule each task as a CronJob instead.',
    },
  },
  check({ model, source, report }) {
    for (const object of model.objects) {
      if (!object.podSpec || !WORKLOAD_KINDS.has(object.kind)) continue;
      for (const container of object.podSpec.containers) {
        const command = containerCommand(source, container, object.doc);
        if (!command || command.templated) continue;
        for (const simple of command.commands) {
          const words = effectiveWords(simple);
          // `busybox crond -f`
          const word = basename(words[0]?.value ?? '') === 'busybox' ? words[1] : words[0];
          if (!word || !CRON.test(basename(word.value))) continue;
          report({ messageId: 'cron', data: { container: container.name ?? '?', program: basename(word.value) }, range: word.range });
          break;
        }
      }
    }
  },
});
