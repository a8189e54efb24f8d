import { defineKubernetesRule } from '../../../rule';
import { containerCommand, programOf } from '../../../kubernetes/commands';
import { effectiveWords } from '../../../dockerfile/shell';

export default defineKubernetesRule({
  meta: {
    id: 'logs/log-tailing-sidecar',
    factor: 'logs',
    defaultSeverity: 'warning',
    description: 'A container exists to `tail -f` a log file onto stdout.',
    rationale: [
      'Logs are an event stream the app writes to stdout. A container whose job is `tail -F /var/log/app.log` is a',
      'workaround for an app that writes files instead: lines arrive late or twice after rotation, are lost when the',
      'tail starts after them, and the shared volume between the two containers becomes state the pod depends on.',
      '',
      'Configure the app to log to stdout/stderr (most frameworks and servers have a switch) and remove the tailing',
      'container. `tail -f /dev/null` keep-alive tricks are a different smell and are not reported here.',
    ].join('\n'),
    messages: {
      tail: 'Container `{{container}}` tails `{{file}}` to stdout; make the app log to stdout instead of a file.',
    },
  },
  check({ model, source, report }) {
    for (const object of model.objects) {
      const pod = object.podSpec;
      if (!pod) continue;
      for (const container of pod.allContainers) {
        const command = containerCommand(source, container, object.doc);
        if (!command || command.templated) continue;
        for (const simple of command.commands) {
          if (programOf(simple) !== 'tail') continue;
          const words = effectiveWords(simple).slice(1).map((w) => w.value);
          if (!words.some((w) => /^-[a-zA-Z0-9+]*[fF]|^--follow/.test(w))) continue;
          const files = words.filter((w) => !w.startsWith('-') && !/^\+?\d+$/.test(w) && !w.startsWith('/dev/'));
          if (files.length === 0) continue;
          report({ messageId: 'tail', data: { container: container.name ?? '?', file: files.join(' ') }, range: simple.range });
        }
      }
    }
  },
});
